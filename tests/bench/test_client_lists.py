"""The issue 12 lists' benchmark at a tiny scale: it makes a generated street cache the way
``bench client-queries`` does, times each list's first screen and the hand-written SQL, and the
two give the same answer (the SQL is the yardstick; the rules stay in the domain)."""

from __future__ import annotations

import orjson

from casework.bench import client_lists


def test_each_list_and_its_hand_written_sql_agree_on_a_generated_street(tmp_path, capsys):
    args = ["--workdir", str(tmp_path), "--households", "400", "--runs", "2", "--json"]
    assert client_lists.main(args) == 0
    result = orjson.loads(capsys.readouterr().out.strip().splitlines()[-1])
    lists = result["lists"]
    assert set(lists) == {"duplicates", "permits", "schooling"}
    for name, figures in lists.items():
        assert figures["same"], (name, figures)
        assert figures["listed"] == figures["sql_listed"]
        assert 0 < figures["app"]["p50_ms"] <= figures["app"]["p95_ms"]
    assert lists["duplicates"]["listed"] > 0 and lists["permits"]["listed"] > 0  # the generator plants them
    assert not list(tmp_path.glob("*.bin"))  # the spool is not left behind
