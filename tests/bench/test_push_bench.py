"""``casework bench push`` at a tiny scale: a 2-worker hub on PostgreSQL takes every op from
several clients at once, the bare insert runs on the same rows, and the figures are written
(the real figures come from running the command at full size)."""

from __future__ import annotations

import json

import pytest

from casework import cli
from casework.bench.push_bench import plan_batches
from tests.helpers import postgres_available


def test_batches_hold_new_cases_their_notes_and_updates_of_earlier_cases():
    households = [(f"h{i}", f"p{i}") for i in range(50)]
    batches = plan_batches(households, 250)
    assert [len(b) for b in batches] == [100, 100, 50]
    first, second = batches[0], batches[1]
    assert [op["action"] for op in first] == ["create"] * 40 + ["append"] * 40 + ["update"] * 20
    created = {op["id"] for op in first if op["action"] == "create"}
    assert {op["data"]["case_id"] for op in first if op["action"] == "append"} == created
    assert {op["id"] for op in second if op["action"] == "update"} <= created  # earlier cases
    assert len({op["op_id"] for b in batches for op in b}) == 250


@pytest.mark.postgres
def test_the_push_benchmark_applies_every_op_and_reports_its_figures(tmp_path, capsys):
    reason = postgres_available()
    if reason:
        pytest.skip(reason)
    out = tmp_path / "push.json"
    code = cli.main(["bench", "push", "--clients", "3", "--ops", "300", "--households", "40",
                     "--json", str(out)])
    assert code == 0
    results = json.loads(out.read_text(encoding="utf-8"))
    assert results["statuses"] == {"applied": 300}
    assert results["ops_per_second"] > 0 and results["bare_rows_per_second"] > 0
    assert results["batch_latency_seconds"]["batches"] == 3
    assert 0 < results["batch_latency_seconds"]["p50"] <= results["batch_latency_seconds"]["p95"]
    assert results["save_to_feed_seconds"]["p50"] > 0
    assert results["target_met"] == (results["ratio"] >= 0.30)
    assert "ops/s" in capsys.readouterr().out
