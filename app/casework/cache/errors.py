"""What can go wrong opening or using the cache that the user is told about (not bugs).

Each error carries ``message`` for the user, in Chinese with English alongside."""

from __future__ import annotations


class CacheError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class WrongKey(CacheError):
    """The key does not decrypt the file: a wrong key, or a file that is not a cache."""


class CacheTooNew(CacheError):
    """The cache was written by a newer version of the app; it is left untouched."""

    def __init__(self, found: int, supported: int) -> None:
        super().__init__(
            f"本地缓存由更新版本的程序创建（结构版本 {found}，本程序支持 {supported}），"
            f"请升级程序；缓存未作任何改动。The local cache was written by a newer version of "
            f"the app (schema {found}, this app knows up to {supported}); please upgrade. "
            f"The cache was left untouched."
        )
        self.found = found
        self.supported = supported


class CacheCorrupt(CacheError):
    """The cache file is damaged: corrupt pages, truncated, or unreadable with the right key.
    ``casework.cache.recovery`` moves it aside (keeping unsent edits) so a sync can rebuild it."""

    def __init__(self, path: object, detail: str) -> None:
        super().__init__(
            f"本地缓存文件已损坏（{detail}），无法继续使用。下次联网同步时会把它移到一旁，"
            f"保存尚未上传的修改，并从中心重新下载数据。"
            f"The local cache is damaged ({detail}) and cannot be used. The next online sync moves "
            f"it aside, keeps your unsent edits and downloads the data again from the hub. ({path})"
        )
        self.path = path
        self.detail = detail
