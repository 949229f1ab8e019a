"""The push soak in miniature: a real ``casework sync`` killed during its push, a push through
the fault proxy meeting every kind of fault, and at the hub every op applied exactly once."""

from __future__ import annotations

import argparse

from casework.bench.fault_proxy import FAULTS
from casework.bench.push_soak import soak


def test_a_tiny_push_soak_loses_and_duplicates_nothing(tmp_path):
    args = argparse.Namespace(kills=1, ops=40, ops_per_trial=12, batch=4, fault_rate=0.6, timeout=0.5,
                              latency_trials=1, households=6, seed=3, workdir=str(tmp_path / "soak"),
                              cheap_keys=True)
    report = soak(args)
    assert report.push_kills == 1 <= report.kills
    assert report.ops_tried == report.kill_ops + report.fault_ops >= 40 + 12
    assert set(report.faults) == {f.value for f in FAULTS}  # each fault met at least once
    assert (report.lost, report.duplicated, report.not_applied) == (0, 0, {}), report.examples
    assert report.applied == report.ops_tried and report.left_in_outbox == 0
    assert len(report.latencies) == 1 and report.ok
