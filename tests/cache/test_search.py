"""Search over the cache: names (whole, partial, two characters, one character, outside the
BMP), pinyin initials with every reading, identity and phone numbers and their tails,
address fragments; exact matches first."""

from __future__ import annotations

import pytest

from casework.cache.search import search_people
from casework.cache.store import CacheStore
from tests.cache.conftest import sync_all
from tests.cache.factory import changes_of, pages, remove_of


def _names(hits) -> list[str | None]:
    return [h.name for h in hits]


def _hit(hits, person):
    found = [h for h in hits if h.person_id == person.id]
    assert found, f"{person.data['name']} not among {_names(hits)}"
    return found[0]


def test_a_whole_name_is_an_exact_match_ranked_first_with_the_person_details(synced, scenario):
    hits = search_people(synced, "张三")
    first = hits[0]
    assert (first.person_id, first.match, first.rank) == (scenario.zhang.id, "exact", 0)
    assert first.household_id == scenario.local.id
    assert first.id_number == "44010419850301739X" and first.phone == "13926051234"
    assert first.relation == "head" and first.sex in ("M", "F") and first.birth_date == "1985-03-01"
    assert first.address == "广州市越秀区北京街惠福社区大南路12号301房"


def test_a_two_character_name_is_found(synced, scenario):
    hits = search_people(synced, "王芳")
    assert _hit(hits, scenario.registered).match == "exact"


@pytest.mark.parametrize(("text", "who", "match", "rank"), [
    ("仇大", "qiu", "name", 1),  # the start of a name
    ("大海", "qiu", "name", 2),  # inside a name: a bigram
    ("仁美", "shan", "name", 2),
    ("小明", "zeng", "name", 2),
    ("曾小明", "zeng", "exact", 0),
])
def test_partial_names_are_found(synced, scenario, text, who, match, rank):
    hit = _hit(search_people(synced, text), getattr(scenario, who))
    assert (hit.match, hit.rank) == (match, rank)


def test_one_character_finds_names_starting_with_it_then_containing_it(synced, scenario):
    hits = search_people(synced, "三", limit=500)
    assert _hit(hits, scenario.zhang).match == "name"
    assert _hit(hits, scenario.li).rank == 2
    qiu = search_people(synced, "仇", limit=500)
    assert _hit(qiu, scenario.qiu).rank == 1


def test_names_outside_the_basic_multilingual_plane(synced, scenario):
    assert _hit(search_people(synced, "𠮷田"), scenario.rare).match == "exact"
    assert _hit(search_people(synced, "𠮷"), scenario.rare).rank == 1
    assert _hit(search_people(synced, "田", limit=500), scenario.rare).rank == 2


@pytest.mark.parametrize(("text", "who"), [
    ("zs", "zhang"), ("ZS", "zhang"),
    ("srm", "shan"), ("drm", "shan"),  # 单: shan (as a surname), dan (its common reading)
    ("zxm", "zeng"), ("cxm", "zeng"),  # 曾: zeng (surname), ceng
    ("qdh", "qiu"), ("cdh", "qiu"),  # 仇: qiu (surname), chou
    ("ol", "ou"), ("ql", "ou"),  # 区: ou (surname), qu
])
def test_pinyin_initials_find_the_common_and_the_surname_reading(synced, scenario, text, who):
    hit = _hit(search_people(synced, text, limit=500), getattr(scenario, who))
    assert (hit.match, hit.rank) == ("pinyin", 1)


@pytest.mark.parametrize(("text", "who", "rank"), [
    ("zhangsan", "zhang", 1), ("ZhangSan", "zhang", 1), ("zhang", "zhang", 2), ("zhangsa", "zhang", 2),
    ("wangfang", "registered", 1), ("wang", "registered", 2),
    ("shanrenmei", "shan", 1), ("danrenmei", "shan", 1),
    ("zengxiaoming", "zeng", 1), ("zengxm", "zeng", 1),  # full surname, then initials
    ("zxiaoming", "zeng", 1), ("zxiaom", "zeng", 1), ("zengxiaom", "zeng", 2),  # other mixes
    ("qiudh", "qiu", 1), ("qdahai", "qiu", 1), ("ouli", "ou", 1), ("oul", "ou", 1),
    ("wfa", "registered", 2),  # still typing the second syllable
])
def test_full_pinyin_and_mixes_of_syllables_and_initials_find_the_name(synced, scenario, text, who, rank):
    hit = _hit(search_people(synced, text, limit=500), getattr(scenario, who))
    assert (hit.match, hit.rank) == ("pinyin", rank)


def test_a_rare_reading_of_a_given_name_is_not_indexed(store, scenario):
    from casework.cache.pinyin import name_tokens

    assert "zs" not in name_tokens("郑俊")  # 俊 is jun; "shun" is a rare reading
    assert name_tokens("郑俊") == ["zhengj", "zhengjun", "zj"]
    assert "chanrenmei" not in name_tokens("单仁美") and "crm" not in name_tokens("单仁美")


def test_pinyin_that_fits_no_name_finds_nothing(synced):
    assert search_people(synced, "zhangsanfeng") == []
    assert search_people(synced, "wfeng") == []


def test_pinyin_initials_that_start_a_longer_reading_rank_after_equal_ones(synced, scenario):
    hits = search_people(synced, "qd", limit=500)
    assert _hit(hits, scenario.qiu).rank == 2  # qdh starts with qd
    ranks = [h.rank for h in hits]
    assert ranks == sorted(ranks) and set(ranks) <= {1, 2}


@pytest.mark.parametrize(("text", "match", "rank"), [
    ("44010419850301739X", "exact", 0),
    ("44010419850301739x", "exact", 0),
    ("01739X", "id_number", 1),  # last 6
    ("739x", "id_number", 1),  # last 4
    ("13926051234", "exact", 0),
    ("139 2605 1234", "exact", 0),
    ("１３９２６０５１２３４", "exact", 0),  # full-width digits
    ("051234", "phone", 1),
    ("1234", "phone", 1),  # last 4 digits
])
def test_identity_and_phone_numbers_in_full_or_by_their_tail(synced, scenario, text, match, rank):
    hit = _hit(search_people(synced, text, limit=500), scenario.zhang)
    assert (hit.match, hit.rank) == (match, rank)


def test_a_number_tail_shorter_than_4_finds_nothing_but_exact(synced):
    assert search_people(synced, "234") == []


def test_an_address_fragment_finds_every_member_of_the_household(synced, scenario):
    hits = search_people(synced, "大南路12号301", limit=500)
    local = {h.person_id for h in hits if h.household_id == scenario.local.id}
    assert local == {scenario.zhang.id, scenario.shan.id, scenario.zeng.id}
    assert {h.match for h in hits} == {"address"}
    assert all("大南路12号301" in h.address for h in hits)


def test_an_address_fragment_matching_many_households_stops_at_the_limit(synced):
    hits = search_people(synced, "惠福社区", limit=7)
    assert len(hits) == 7 and all("惠福社区" in h.address for h in hits)


def test_exact_ranks_before_starts_with_before_contains(synced, scenario):
    person = scenario.zhang
    extra = []
    for i, name in enumerate(["小张三", "张三丰"]):
        data = dict(person.data, name=name, id_number=None, phone=None)
        extra.append({"seq": 10_000 + i, "kind": "person", "id": f"00000000-0000-4000-8000-00000000000{i}",
                      "op": "upsert", "area": person.area, "version": 1, "data": data})
    synced.apply_page(extra, 10_001, 1)  # maintained incrementally now that the index is built
    hits = search_people(synced, "张三")
    assert [(h.name, h.match, h.rank) for h in hits[:3]] == [
        ("张三", "exact", 0), ("张三丰", "name", 1), ("小张三", "name", 2)]


def test_latin_text_is_not_searched_as_a_name_and_empty_text_finds_nothing(synced):
    assert search_people(synced, "   ") == []
    assert search_people(synced, "") == []
    assert search_people(synced, "张三", limit=0) == []


def test_the_limit_is_respected(synced):
    assert len(search_people(synced, "z", limit=5)) == 5


def test_a_renamed_person_is_found_by_the_new_name_only_and_a_removed_one_not_at_all(synced, scenario):
    zeng = scenario.zeng
    renamed = {"seq": 20_000, "kind": "person", "id": zeng.id, "op": "upsert", "area": zeng.area,
               "version": 2, "data": dict(zeng.data, name="曾晓敏")}
    synced.apply_page([renamed], 20_000, 1)
    assert not any(h.person_id == zeng.id for h in search_people(synced, "小明", limit=500))
    assert _hit(search_people(synced, "晓敏"), zeng).rank == 2
    assert _hit(search_people(synced, "zxm", limit=500), zeng).match == "pinyin"
    synced.apply_page([remove_of(scenario.zhang, 20_001)], 20_001, 1)
    assert not any(h.person_id == scenario.zhang.id for h in search_people(synced, "张三"))
    assert not any(h.person_id == scenario.zhang.id for h in search_people(synced, "13926051234"))
    assert not any(h.person_id == scenario.zhang.id for h in search_people(synced, "zs", limit=500))


QUERIES = ["张三", "三", "王芳", "大海", "zs", "srm", "ol", "739X", "1234", "大南路", "惠福社区", "𠮷", "田",
           "李", "丽"]


def test_an_index_built_at_the_end_and_one_kept_page_by_page_answer_the_same(tmp_path, key, scenario):
    built = CacheStore.open(tmp_path / "built.db", key)
    sync_all(built, scenario)
    assert not built.index_ready  # deferred during the initial sync
    built.ensure_indexes()
    kept = CacheStore.open(tmp_path / "kept.db", key)
    all_pages = list(pages(changes_of(scenario.district.records), 61))
    kept.apply_page(*all_pages[0], 1)
    kept.ensure_indexes()
    for page, cursor in all_pages[1:]:
        kept.apply_page(page, cursor, 1)
    assert kept.index_ready
    try:
        for text in QUERIES:
            a = [(h.person_id, h.match, h.rank) for h in search_people(built, text, limit=1000)]
            b = [(h.person_id, h.match, h.rank) for h in search_people(kept, text, limit=1000)]
            assert sorted(a) == sorted(b), text
            assert a, text
        with built.read() as c1, kept.read() as c2:
            for table in ("name_bigram", "name_initials", "searchable"):
                sql = f"SELECT * FROM {table} ORDER BY 1, 2"
                assert c1.exec_driver_sql(sql).all() == c2.exec_driver_sql(sql).all(), table
    finally:
        built.close()
        kept.close()


def test_search_during_an_interrupted_initial_sync_builds_the_index_first(store, scenario):
    changes = changes_of(scenario.district.records)
    store.apply_page(changes, len(changes), 1)
    assert not store.index_ready
    assert search_people(store, "张三")[0].person_id == scenario.zhang.id
    assert store.index_ready


def test_a_new_phone_number_is_found_the_old_one_not_and_the_name_still_is(synced, scenario):
    zhang = scenario.zhang
    changed = {"seq": 40_000, "kind": "person", "id": zhang.id, "op": "upsert", "area": zhang.area,
               "version": 2, "data": dict(zhang.data, phone="13711112222")}
    synced.apply_page([changed], 40_000, 1)
    assert _hit(search_people(synced, "13711112222"), zhang).match == "exact"
    assert not any(h.person_id == zhang.id for h in search_people(synced, "13926051234"))
    assert _hit(search_people(synced, "张三"), zhang).match == "exact"
    assert _hit(search_people(synced, "zs", limit=500), zhang).match == "pinyin"


def _tokens(store: CacheStore, token: str) -> int:
    with store.read() as conn:
        return conn.exec_driver_sql("SELECT count(*) FROM name_initials WHERE token = ?", (token,)).scalar()


def test_a_cache_indexed_by_an_older_pinyin_spelling_is_respelled_when_it_opens(cache_path, key, scenario):
    store = CacheStore.open(cache_path, key)
    try:
        sync_all(store, scenario)
        store.ensure_indexes()
        with store._write() as conn:  # as an older version left it: initials only, no full pinyin
            conn.exec_driver_sql("UPDATE searchable SET initials = (SELECT json_group_array(value) "
                                 "FROM json_each(initials) WHERE length(value) <= 3) "
                                 "WHERE initials IS NOT NULL")
            conn.exec_driver_sql("DELETE FROM name_initials WHERE length(token) > 3")
            conn.exec_driver_sql("DELETE FROM meta WHERE key = 'pinyin_spellings'")
        assert _tokens(store, "zhangsan") == 0 and _tokens(store, "zs") >= 1
    finally:
        store.close()
    reopened = CacheStore.open(cache_path, key)
    try:
        assert _tokens(reopened, "zhangsan") >= 1 and _tokens(reopened, "zhangs") >= 1
        assert _hit(search_people(reopened, "zhang"), scenario.zhang).rank == 2  # by a range of the index
        assert _hit(search_people(reopened, "zs", limit=500), scenario.zhang).rank == 1
    finally:
        reopened.close()
