"""``casework bench hub`` at a tiny scale: it builds, pulls by every path, agrees on the
records served and writes its figures (the real figures come from running the command)."""

from __future__ import annotations

import json

import orjson
import pytest

from casework import cli
from casework.bench.feed_rates import page_tail
from casework.hub.feed import page_bytes
from tests.helpers import postgres_available


def test_the_tail_of_a_page_gives_its_cursor_more_flag_and_count():
    changes = [{"seq": i, "kind": "person", "id": f"p{i}", "op": "upsert", "area": "440104001001",
                "version": 1, "data": {"name": '"op":"'}} for i in (3, 9)]
    page = page_bytes(changes, 9, True, 1)
    assert page_tail(page) == (9, True, 2)
    assert page_tail(page_bytes([], 0, False, 1)) == (0, False, 0)


@pytest.mark.postgres
def test_the_hub_benchmark_reports_generation_and_serving_rates(tmp_path, capsys):
    reason = postgres_available()
    if reason:
        pytest.skip(reason)
    out = tmp_path / "bench.json"
    code = cli.main(["bench", "hub", "--households-street", "30", "--skip-district",
                     "--page", "200", "--json", str(out)])
    assert code == 0
    results = json.loads(out.read_text(encoding="utf-8"))
    assert set(results["scales"]) == {"street"}
    for scale in results["scales"].values():
        assert scale["generation"]["records"] > 0
        for pull in scale["pulls"].values():
            served = pull["feed"]["records"]
            assert served > 0
            assert pull["bare_paged"]["records"] == pull["bare_stream"]["records"] == served
            assert pull["http"]["records"] == served
            assert pull["feed_vs_bare_paged"] > 0
    printed = capsys.readouterr().out
    assert "feed/bp" in printed and "street worker" in printed
    assert orjson.loads(out.read_bytes())["target_met"] in (True, False)
