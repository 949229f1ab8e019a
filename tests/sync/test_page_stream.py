"""Pages fetched ahead in a thread arrive in order, errors after the pages before them, and a
cancel stops the stream between pages."""

from __future__ import annotations

import threading

import pytest

from casework.sync.hub_client import HubClient, HubUnreachable
from casework.sync.page_stream import Cancelled, PageStream, page_cursor
from casework.sync.pull import EMPTY_CHECKSUM, compare_holdings
from tests.sync.hub_fixture import DISTRICT_USER, PASSWORD, hub_visible
from tests.sync.stall_proxy import StallingProxy


def signed_in_client(url: str, timeout: float = 30.0) -> HubClient:
    client = HubClient(url, timeout=timeout)
    client.login(DISTRICT_USER, PASSWORD, "test-pc:1")
    return client


def test_pages_arrive_in_order_up_to_the_end_of_the_feed(hub):
    with signed_in_client(hub.url) as client, PageStream(client, 0, 4) as pages:
        seen = list(pages)
    seqs = [c["seq"] for page in seen for c in page["changes"]]
    assert seqs == sorted(seqs) and len(set(seqs)) == len(seqs)
    assert {c["id"] for page in seen for c in page["changes"]} == set(hub_visible(hub, DISTRICT_USER))
    assert [p["has_more"] for p in seen] == [True] * (len(seen) - 1) + [False]
    assert all(page_cursor(p) == p["changes"][-1]["seq"] for p in seen if p["changes"])


def test_an_error_comes_after_the_pages_fetched_before_it(hub):
    proxy = StallingProxy(hub.url)
    try:
        with signed_in_client(proxy.url, timeout=2.0) as client:
            got = []
            with pytest.raises(HubUnreachable), PageStream(client, 0, 2, depth=1) as pages:
                for page in pages:
                    got.append(page)
                    if len(got) == 2:
                        proxy.stall()
            assert len(got) >= 2
            seqs = [c["seq"] for page in got for c in page["changes"]]
            assert seqs == sorted(seqs)
    finally:
        proxy.close()


def test_a_cancel_stops_the_stream_before_the_next_page(hub):
    cancel = threading.Event()
    with signed_in_client(hub.url) as client:
        got = []
        with pytest.raises(Cancelled), PageStream(client, 0, 2, cancel=cancel) as pages:
            for page in pages:
                got.append(page)
                cancel.set()
        assert len(got) == 1


def test_holdings_are_compared_kind_by_kind_with_missing_kinds_as_empty():
    hub_kinds = {"person": {"count": 2, "checksum": "00000000000000aa"},
                 "household": {"count": 0, "checksum": EMPTY_CHECKSUM}}
    assert compare_holdings({"person": (2, "00000000000000aa")}, hub_kinds) == []
    differences = compare_holdings({"person": (1, "0000000000000011"), "enterprise": (1, "01")}, hub_kinds)
    assert [d["kind"] for d in differences] == ["enterprise", "person"]
    assert differences[1] == {"kind": "person", "local_count": 1, "local_checksum": "0000000000000011",
                              "hub_count": 2, "hub_checksum": "00000000000000aa"}
