"""The hub client against a real hub on loopback: login, pages, summary, clear errors."""

from __future__ import annotations

import pytest

from casework.sync.hub_client import AuthFailed, HubClient, HubError, HubUnreachable
from casework.wire.v1 import MAX_PAGE_LIMIT
from tests.sync.hub_fixture import PASSWORD, STREET_USER


def test_login_returns_the_user_and_keeps_the_token(hub):
    with HubClient(hub.url) as client:
        answer = client.login(STREET_USER, PASSWORD, "test-pc:1")
        assert client.token == answer["access_token"]
        assert answer["user"]["username"] == STREET_USER
        assert answer["user"]["scope"] == ["440104001"]
        assert client.health()["status"] == "ok"


def test_a_wrong_password_is_refused_with_the_hubs_message(hub):
    with HubClient(hub.url) as client, pytest.raises(AuthFailed) as refused:
        client.login(STREET_USER, "not-the-password", "test-pc:1")
    assert refused.value.code == "invalid_credentials"
    assert "密码" in refused.value.message and "password" in refused.value.message
    assert client.token is None


def test_pages_and_summary_need_a_token(hub):
    with HubClient(hub.url) as client:
        with pytest.raises(AuthFailed) as no_token:
            client.changes(0, 10)
        assert no_token.value.code == "no_token"
        client.token = "forged-token"
        with pytest.raises(AuthFailed):
            client.summary()


def test_pages_arrive_in_sequence_and_are_gzip_compressed(hub):
    with HubClient(hub.url) as client:
        client.login(STREET_USER, PASSWORD, "test-pc:1")
        page = client.changes(0, MAX_PAGE_LIMIT)
        seqs = [c["seq"] for c in page["changes"]]
        assert seqs == sorted(seqs) and len(seqs) > 10
        assert page["has_more"] is False
        raw_size = len(client.changes_raw(0, MAX_PAGE_LIMIT))
        before = client.wire_bytes
        client.changes_raw(0, MAX_PAGE_LIMIT)
        assert client.wire_bytes - before < raw_size / 2  # compressed on the wire
        summary = client.summary()
        assert sum(k["count"] for k in summary["kinds"].values()) == len(seqs)


def test_bad_input_gets_a_clear_hub_error(hub):
    with HubClient(hub.url) as client:
        client.login(STREET_USER, PASSWORD, "test-pc:1")
        with pytest.raises(HubError) as bad:
            client.changes(0, MAX_PAGE_LIMIT + 1)
        assert 400 <= bad.value.status < 500


def test_a_stopped_hub_is_unreachable_not_a_crash(hub):
    url = hub.url
    hub.stop()
    with HubClient(url, connect_timeout=1.0) as client, pytest.raises(HubUnreachable) as down:
        client.login(STREET_USER, PASSWORD, "test-pc:1")
    assert "无法连接" in down.value.message and "Cannot reach" in down.value.message
