"""A damaged cache (issue 9, point 4): found on open or when a query meets the damage, told to
the user in plain words, its unsent edits saved beside it, moved aside, rebuilt by the next sync.
Real hub on 127.0.0.1, real SQLCipher files damaged on disk."""

from __future__ import annotations

import json
import re

import pytest

from casework.cache.corruption import marker_path
from casework.cache.errors import CacheCorrupt
from casework.cache.keys import unlock_key_file
from casework.cache.search import search_people
from casework.sync.pull import pull
from tests.sync.cache_tamper import add_outbox_rows_raw, flip_bytes_in_page, page_of_table
from tests.sync.hub_fixture import PASSWORD, STREET_USER, hub_visible, sign_in_for_test


def synced_profile(hub, outbox_rows: int = 2):
    """A signed-in, fully pulled cache with pending edits in its outbox; closed again."""
    with sign_in_for_test(hub.url, STREET_USER, PASSWORD) as session:
        assert pull(session).verified
        profile = session.profile
    key = unlock_key_file(profile.key_file, PASSWORD)
    op_ids = add_outbox_rows_raw(profile.cache_file, key, outbox_rows)
    return profile, key, op_ids


def assert_plain_words(message: str) -> None:
    assert re.search(r"[\u4e00-\u9fff]", message) and "damaged" in message, message
    assert "Traceback" not in message


def assert_rebuilt(hub, session) -> None:
    result = pull(session)
    assert result.verified and result.complete
    assert session.store.cursor > 0
    assert sum(count for count, _ in session.store.holdings().values()) == len(hub_visible(hub, STREET_USER))


def exported(profile) -> list[dict]:
    files = sorted(profile.folder.glob("cache.outbox-*.json"))
    assert len(files) == 1, files
    return json.loads(files[0].read_text(encoding="utf-8"))["ops"]


def test_bytes_flipped_in_a_page_read_on_open_are_found_and_the_cache_rebuilt(hub, os_keyring):
    profile, key, op_ids = synced_profile(hub)
    page, size = page_of_table(profile.cache_file, key, "meta")
    flip_bytes_in_page(profile.cache_file, page, size)
    with sign_in_for_test(hub.url, STREET_USER, PASSWORD) as session:
        notice = "\n".join(session.notices)
        assert_plain_words(notice)
        assert "2 unsent edit(s)" in notice
        assert [op["op_id"] for op in exported(profile)] == op_ids  # pending only, oldest first
        assert list(profile.folder.glob("cache.db.damaged-*"))
        assert session.store.cursor == 0  # a new, empty cache ...
        assert_rebuilt(hub, session)  # ... that the sync fills again


def test_a_cache_truncated_to_zero_bytes_is_not_taken_for_an_empty_one(hub, os_keyring):
    profile, _key, _ = synced_profile(hub)
    profile.cache_file.write_bytes(b"")
    with pytest.raises(CacheCorrupt) as offline:
        sign_in_for_test(hub.url, STREET_USER, PASSWORD, contact_hub=False)
    assert_plain_words(offline.value.message)  # offline: said plainly, and the file left for later
    assert "0 bytes" in offline.value.message and profile.cache_file.exists()
    with sign_in_for_test(hub.url, STREET_USER, PASSWORD) as session:
        assert_plain_words("\n".join(session.notices))
        assert_rebuilt(hub, session)


def test_damage_met_by_a_query_is_reported_as_such_then_moved_aside_at_the_next_sign_in(hub, os_keyring):
    profile, key, op_ids = synced_profile(hub, outbox_rows=3)
    page, size = page_of_table(profile.cache_file, key, "record")
    flip_bytes_in_page(profile.cache_file, page, size)
    # It opens (the cheap checks do not read every page) ...
    with sign_in_for_test(hub.url, STREET_USER, PASSWORD, contact_hub=False) as session:
        with pytest.raises(CacheCorrupt) as found:
            session.store.recount_holdings()
        assert_plain_words(found.value.message)
        assert marker_path(profile.cache_file).exists()
        with pytest.raises(CacheCorrupt):  # and again, the same way, not a raw sqlite error
            session.store.recount_holdings()
    with sign_in_for_test(hub.url, STREET_USER, PASSWORD) as session:
        assert "3 unsent edit(s)" in "\n".join(session.notices)
        assert [op["op_id"] for op in exported(profile)] == op_ids
        assert not marker_path(profile.cache_file).exists()
        assert_rebuilt(hub, session)
        assert search_people(session.store, "王") is not None


def test_the_cli_says_so_plainly_and_the_next_casework_sync_rebuilds(hub, os_keyring, monkeypatch, capsys):
    from casework import cli

    profile, key, op_ids = synced_profile(hub)
    with sign_in_for_test(hub.url, STREET_USER, PASSWORD) as session:
        assert search_people(session.store, "张")  # the fixture's 张 family
    page, size = page_of_table(profile.cache_file, key, "searchable")  # what a search reads
    flip_bytes_in_page(profile.cache_file, page, size)
    monkeypatch.setenv("CASEWORK_PASSWORD", PASSWORD)
    where = ["--hub", hub.url, "--user", STREET_USER]
    assert cli.main(["search", "张", *where]) != 0
    err = capsys.readouterr().err
    assert_plain_words(err)
    assert cli.main(["sync", *where]) == 0
    err = capsys.readouterr().err
    assert_plain_words(err)
    assert "2 unsent edit(s)" in err
    assert [op["op_id"] for op in exported(profile)] == op_ids
    assert cli.main(["search", "张", *where]) == 0
