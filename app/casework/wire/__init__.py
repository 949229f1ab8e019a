"""The protocol between the desktop client and the hub. The client and the hub meet only here."""

from casework.wire.v1 import API_PREFIX

__all__ = ["API_PREFIX"]
