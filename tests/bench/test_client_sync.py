"""``casework bench client-sync`` at a tiny scale: a real hub process, a real sync, the bare
limit, an incremental sync, and query latencies on the cache the sync built, with every
target reported (the real figures come from running the command at street and district
scale)."""

from __future__ import annotations

import orjson

from casework import cli
from casework.bench.query_latency import SEARCH_P95_MS


def test_the_client_sync_benchmark_reports_sync_queries_and_targets_at_a_tiny_scale(tmp_path, capsys):
    code = cli.main(["bench", "client-sync", "--households", "40", "--db", f"sqlite:///{tmp_path / 'hub.db'}",
                     "--changes", "20", "--queries", "5", "--workdir", str(tmp_path / "work"), "--json"])
    assert code == 0  # both syncs verified against the hub's summary
    out = capsys.readouterr().out
    f = orjson.loads(out.strip().splitlines()[-1])
    assert f["synced_changes"] == f["hub_records"] > 40 * 5 and f["bare_rows"] == f["synced_changes"]
    assert f["sync_s"] > 0 and f["bare_s"] > 0 and f["cache_bytes"] > 0
    assert f["incremental_changes"] == f["incremental_pulled"] == 20
    for when in ("initial", "incremental"):
        q = f[f"queries_after_{when}"]
        assert q["people_sampled"] > 40 and q["households_sampled"] == 40  # every household, none twice
        latency = q["latency"]
        assert {"name (whole)", "name (two characters)", "name (part: given name)", "pinyin initials",
                "id number (whole)", "id number (last 6)", "id number (last 4)", "phone (whole)",
                "phone (last 4)", "address fragment", "household view"} <= set(latency)
        for name, figures in latency.items():
            assert figures["n"] == 5 and 0 < figures["p50_ms"] <= figures["p95_ms"] <= figures["max_ms"], name
            assert figures["found_share"] == 1.0, name  # inputs come from the cache: each finds someone
        assert latency["household view"]["mean_members"] >= 1
        assert latency["name (whole)"]["p95_ms"] < SEARCH_P95_MS * 10  # a tiny cache: far below a second
    targets = f["targets"]
    assert {"initial sync / bare limit", "incremental sync", "name (whole) (after initial sync)",
            "household view (after incremental sync)"} <= set(targets)
    assert all(isinstance(t["met"], bool) for t in targets.values())
    assert targets["household view (after initial sync)"]["met"] == (
        f["queries_after_initial"]["latency"]["household view"]["p95_ms"] <= 20)
    assert "queries after the incremental sync" in out and "targets:" in out
