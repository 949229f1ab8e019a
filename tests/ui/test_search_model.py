"""The search results model over real ``PersonHit``s from a synced cache."""

import pytest
from PySide6.QtCore import QModelIndex

from casework.ui.search_model import COLUMNS, HIT_ROLE, SearchModel

pytestmark = pytest.mark.gui

BATCH = 8  # rows per fetchMore here; the app's default is larger


@pytest.fixture(scope="module")
def many_hits(synced_services):
    """A query with more results than one batch: a common surname character."""
    for surname in "陈李王张黄刘林梁何罗":
        hits = synced_services.search(surname, 400)
        if len(hits) > 2 * BATCH:
            return surname, hits
    pytest.fail("no surname with enough people in the test street")


def test_the_model_passes_the_model_tester_with_real_hits(qtmodeltester, many_hits):
    query, hits = many_hits
    model = SearchModel(batch=BATCH)
    model.set_results(query, hits, 400)
    qtmodeltester.check(model)


def test_rows_arrive_in_batches_as_the_view_asks_for_more(qtbot, many_hits):
    query, hits = many_hits
    model = SearchModel(batch=BATCH)
    model.set_results(query, hits, 1000)
    assert model.rowCount() == BATCH
    assert model.canFetchMore(QModelIndex())
    with qtbot.wait_signal(model.rowsInserted):
        model.fetchMore(QModelIndex())
    assert model.rowCount() == min(2 * BATCH, len(hits))
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    assert model.rowCount() == len(hits)
    assert [model.data(model.index(r, 0), HIT_ROLE).person_id for r in range(model.rowCount())] == \
        [h.person_id for h in hits]


def test_a_query_cut_at_its_limit_asks_for_a_larger_limit_once_all_rows_are_shown(qtbot, many_hits):
    query, hits = many_hits
    model = SearchModel(batch=BATCH)
    limited = hits[:BATCH + 5]
    model.set_results(query, limited, len(limited))
    assert model.truncated()
    model.fetchMore(QModelIndex())
    with qtbot.wait_signal(model.more_wanted) as blocker:
        model.fetchMore(QModelIndex())
    assert blocker.args == [len(limited) * 4]
    assert not model.canFetchMore(QModelIndex()), "one request at a time"
    rows_before = model.rowCount()
    model.set_results(query, hits, len(limited) * 4)
    assert model.rowCount() > rows_before, "the next batch shows at once, the first rows stay put"


def test_identity_numbers_and_phones_are_shown_partly_masked(many_hits):
    query, hits = many_hits
    model = SearchModel(batch=BATCH)
    model.set_results(query, hits, 400)
    columns = [name for name, _ in COLUMNS]
    for row in range(model.rowCount()):
        hit = hits[row]
        id_text = model.data(model.index(row, columns.index("id_number")))
        if hit.id_number:
            assert hit.id_number not in id_text and id_text.endswith(hit.id_number[-4:])
        phone_text = model.data(model.index(row, columns.index("phone")))
        assert not hit.phone or hit.phone not in phone_text
