"""A checksum over a set of (record id, version) pairs that hub and client compute the same way.

It is a sum of per-record 64-bit hashes modulo 2**64: independent of order, and updatable
one record at a time (add the new version's hash, subtract the old one's), so a client can
keep it current as pages arrive and prove it holds exactly its visible set.
"""

from __future__ import annotations

from collections.abc import Iterable
from hashlib import blake2b

_MOD = 1 << 64


def record_hash(record_id: str, version: int) -> int:
    digest = blake2b(f"{record_id}:{version}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big")


def combine(total: int, record_id: str, version: int) -> int:
    return (total + record_hash(record_id, version)) % _MOD


def uncombine(total: int, record_id: str, version: int) -> int:
    return (total - record_hash(record_id, version)) % _MOD


def checksum_of(pairs: Iterable[tuple[str, int]]) -> str:
    """The checksum of (id, version) pairs as 16 hex digits."""
    total = 0
    for record_id, version in pairs:
        total += record_hash(record_id, version)
    return format_checksum(total % _MOD)


def format_checksum(total: int) -> str:
    return f"{total % _MOD:016x}"
