"""Search as you type in the real panel over a synced cache."""

import pytest
from PySide6.QtCore import Qt

from casework.bench.ui_district import type_text
from casework.ui.search_model import HIT_ROLE
from casework.ui.search_panel import SearchPanel

pytestmark = pytest.mark.gui


@pytest.fixture
def panel(qtbot, tasks, synced_services):
    widget = SearchPanel(tasks, synced_services)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def a_person(services):
    hit = next(h for h in services.search("陈", 50) if h.name and len(h.name) >= 2)
    return hit


def test_results_appear_as_you_type_and_end_with_the_typed_text(qtbot, panel, synced_services):
    person = a_person(synced_services)
    shown = []
    panel.results_shown.connect(lambda query, seconds: shown.append(query))
    with qtbot.wait_signal(panel.results_shown, timeout=10_000,
                           check_params_cb=lambda query, _s: query == person.name):
        type_text(panel.field, person.name)
    assert shown[-1] == person.name
    assert person.person_id in {panel.model.data(panel.model.index(r, 0), HIT_ROLE).person_id
                                for r in range(panel.model.rowCount())}
    assert panel.summary.text().startswith("找到 ")


def test_fast_typing_never_shows_a_stale_answer(qtbot, panel, synced_services):
    person = a_person(synced_services)
    shown = []
    panel.results_shown.connect(lambda query, seconds: shown.append(query))
    panel.field.setFocus()
    for ch in person.id_number:  # no pause between keys: most queries are overtaken
        qtbot.keyClick(panel.field, ch)
    qtbot.waitUntil(lambda: bool(shown) and shown[-1] == person.id_number, timeout=10_000)
    assert panel.model.query == person.id_number
    assert len(shown) < len(person.id_number), "every keystroke ran its own query: no debounce"
    assert panel.model.data(panel.model.index(0, 0), HIT_ROLE).person_id == person.person_id


def test_enter_opens_the_best_result_and_down_moves_into_the_table(qtbot, panel, synced_services):
    person = a_person(synced_services)
    with qtbot.wait_signal(panel.results_shown, timeout=10_000,
                           check_params_cb=lambda query, _s: query == person.id_number):
        panel.set_text(person.id_number)
    with qtbot.wait_signal(panel.person_activated) as blocker:
        qtbot.keyClick(panel.field, Qt.Key.Key_Return)
    assert blocker.args == [person.household_id, person.person_id]
    panel.field.setFocus()
    qtbot.keyClick(panel.field, Qt.Key.Key_Down)
    assert panel.table.hasFocus()
    assert panel.table.currentIndex().row() == 0


def test_clearing_the_box_clears_the_results(qtbot, panel, synced_services):
    with qtbot.wait_signal(panel.results_shown, timeout=10_000):
        panel.set_text("陈")
    assert panel.model.rowCount() > 0
    panel.set_text("")
    qtbot.waitUntil(lambda: panel.model.rowCount() == 0, timeout=2_000)
    assert panel.summary.text().startswith("输入后即显示结果")


def test_nothing_found_says_so(qtbot, panel):
    with qtbot.wait_signal(panel.results_shown, timeout=10_000):
        panel.set_text("不存在的名字")
    assert panel.model.rowCount() == 0
    assert panel.summary.text() == "没有找到“不存在的名字”"


def test_the_first_answer_is_a_screenful_and_scrolling_to_the_end_fetches_more(qtbot, panel):
    from casework.ui.search_panel import FIRST_LIMIT

    with qtbot.wait_signal(panel.results_shown, timeout=10_000):
        panel.set_text("北京街")  # every address of the street
    assert panel.model.rowCount() == FIRST_LIMIT
    assert panel.summary.text() == f"找到 {FIRST_LIMIT} 人以上，向下滚动查看更多"
    with qtbot.wait_signal(panel.results_shown, timeout=10_000):
        panel.table.scrollToBottom()
    qtbot.waitUntil(lambda: panel.model.rowCount() > FIRST_LIMIT, timeout=5_000)


def test_full_pinyin_finds_a_person_as_initials_do(qtbot, panel, synced_services):
    from casework.cache.pinyin import name_readings

    person = a_person(synced_services)
    syllables = name_readings(person.name)[0]
    for text in ("".join(syllables), syllables[0][0] + "".join(syllables[1:])):  # wangfang, wfang
        with qtbot.wait_signal(panel.results_shown, timeout=10_000,
                               check_params_cb=lambda query, _s, text=text: query == text):
            panel.set_text(text)
        rows = [panel.model.data(panel.model.index(r, 0), HIT_ROLE) for r in range(panel.model.rowCount())]
        assert person.person_id in {hit.person_id for hit in rows}, text
        assert panel.model.data(panel.model.index(0, 6)) == "拼音"
