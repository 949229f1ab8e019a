import threading

import pytest
from PySide6.QtCore import QObject, QThread

from casework.ui.operations import Lane, Operation

pytestmark = pytest.mark.gui


def test_success_is_delivered_on_the_main_thread_with_the_result(qtbot, tasks):
    seen = {}

    def work(ctx):
        seen["worker_thread"] = threading.current_thread().name
        return 6 * 7

    def success(result):
        seen["result"] = result
        seen["on_main"] = QThread.currentThread() is qtbot_main

    qtbot_main = QThread.currentThread()
    Operation(tasks, work, success=success).run()
    qtbot.waitUntil(lambda: "result" in seen)
    assert seen["result"] == 42
    assert seen["on_main"]
    assert seen["worker_thread"].startswith("casework-db")


def test_network_work_runs_beside_a_busy_database_worker(qtbot, tasks):
    release = threading.Event()
    done = []
    Operation(tasks, lambda ctx: release.wait(10), success=lambda r: done.append("db")).run()
    Operation(tasks, lambda ctx: "net", success=done.append, lane=Lane.NETWORK).run()
    qtbot.waitUntil(lambda: done == ["net"])
    release.set()
    qtbot.waitUntil(lambda: done == ["net", "db"])


def test_database_work_runs_one_at_a_time_in_order(qtbot, tasks):
    order = []
    active = []

    def work(n):
        def run(ctx):
            active.append(n)
            assert len(active) == 1, "two database operations ran at once"
            order.append(n)
            active.remove(n)
            return n
        return run

    results = []
    for n in range(20):
        Operation(tasks, work(n), success=results.append).run()
    qtbot.waitUntil(lambda: len(results) == 20)
    assert order == list(range(20))
    assert results == list(range(20))


def test_a_failure_reaches_its_handler_with_the_exception(qtbot, tasks):
    errors = []

    def work(ctx):
        raise ValueError("bad input")

    Operation(tasks, work, success=lambda r: pytest.fail("no success expected")).failure(errors.append).run()
    qtbot.waitUntil(lambda: bool(errors))
    assert isinstance(errors[0], ValueError)
    assert str(errors[0]) == "bad input"


def test_a_failure_without_a_handler_is_announced_not_lost(qtbot, tasks, caplog):
    def work(ctx):
        raise RuntimeError("nobody handles me")

    with qtbot.wait_signal(tasks.failed, timeout=5000) as blocker:
        Operation(tasks, work, title="orphan").run()
    assert blocker.args[0] == "orphan"
    assert isinstance(blocker.args[1], RuntimeError)


def test_progress_is_coalesced_and_the_last_report_comes_before_the_result(qtbot, tasks):
    events = []

    def work(ctx):
        for i in range(1, 20001):
            ctx.report(i)
        return "done"

    Operation(tasks, work, success=lambda r: events.append(("done", r))).progress(
        lambda p: events.append(("progress", p))).run()
    qtbot.waitUntil(lambda: bool(events) and events[-1][0] == "done")
    progress = [p for kind, p in events if kind == "progress"]
    assert progress[-1] == 20000
    assert progress == sorted(progress)
    assert len(progress) < 20000, "every report reached the main thread: the event loop would flood"


def test_cancel_is_seen_by_the_work(qtbot, tasks):
    started = threading.Event()
    results = []

    def work(ctx):
        started.set()
        while not ctx.cancelled:
            ctx.cancel_event.wait(0.01)
        return "stopped"

    op = Operation(tasks, work, success=results.append, lane=Lane.NETWORK).run()
    assert started.wait(5)
    op.cancel()
    qtbot.waitUntil(lambda: results == ["stopped"])


def test_callbacks_are_skipped_when_the_parent_is_gone(qtbot, tasks):
    parent = QObject()
    release = threading.Event()
    delivered = []
    Operation(tasks, lambda ctx: release.wait(5), success=delivered.append, parent=parent).run()
    parent.deleteLater()
    qtbot.waitUntil(lambda: not _alive(parent))
    release.set()
    Operation(tasks, lambda ctx: "after", success=delivered.append).run()
    qtbot.waitUntil(lambda: delivered == ["after"])


def _alive(obj):
    import shiboken6

    return shiboken6.isValid(obj)
