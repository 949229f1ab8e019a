import datetime as dt

import pytest

from casework.ui.formatting import (
    age_on,
    format_age,
    format_sync_time,
    mask_id_number,
    mask_phone,
    short_address,
)


def test_an_identity_number_shows_its_area_code_and_last_four_characters_only():
    assert mask_id_number("44010419800101123X") == "440104********123X"
    assert mask_id_number(None) == ""


def test_a_phone_number_hides_its_middle_four_digits():
    assert mask_phone("13812345678") == "138****5678"


def test_age_counts_full_years():
    today = dt.date(2026, 6, 1)
    assert age_on("1980-06-01", today) == 46
    assert age_on("1980-06-02", today) == 45
    assert age_on(None, today) is None
    assert age_on("not a date", today) is None


@pytest.mark.gui
def test_age_and_sync_time_read_naturally(qapp):
    born = (dt.date.today() - dt.timedelta(days=365 * 30 + 10)).isoformat()
    assert format_age(born) == "30 岁"
    now = dt.datetime(2026, 6, 1, 10, 0, tzinfo=dt.UTC)
    assert format_sync_time(None) == "从未同步"
    assert format_sync_time(now - dt.timedelta(seconds=5), now) == "刚刚"
    assert format_sync_time(now - dt.timedelta(days=3), now).startswith("2026-05-29")


def test_a_short_address_drops_the_city_and_district_every_address_shares():
    assert short_address("广州市越秀区北京街惠福社区大南路12号301房") == "北京街惠福社区大南路12号301房"
    assert short_address("河南省周口市郸城县长乐乡") == "河南省周口市郸城县长乐乡"
    assert short_address(None) == ""
