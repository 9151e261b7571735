import datetime as dt

import pytest

from loalang.core.text import date_long, fold, format_number, format_vnd, mask_phone


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("Chuyển đổi số", "chuyen doi so"),
        ("ĐÔNG Sơn", "dong son"),
        ("Ái Thượng", "ai thuong"),
        ("Nghị quyết 06-NQ/TU", "nghi quyet 06-nq/tu"),
    ],
)
def test_fold_removes_accents_and_maps_d_bar(raw, folded):
    assert fold(raw) == folded


def test_numbers_and_money_use_vietnamese_separators():
    assert format_number(2500) == "2.500"
    assert format_number(12.5, 1) == "12,5"
    assert format_vnd(12_500_000) == "12.500.000 đ"


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (dt.date(2023, 1, 5), "ngày 05 tháng 01 năm 2023"),
        (dt.date(2022, 2, 9), "ngày 09 tháng 02 năm 2022"),
        (dt.date(2021, 11, 10), "ngày 10 tháng 11 năm 2021"),
        (dt.date(2022, 3, 30), "ngày 30 tháng 3 năm 2022"),
    ],
)
def test_long_date_follows_decree_30(day, text):
    assert date_long(day) == text


def test_phone_is_masked_in_lists():
    assert mask_phone("0912 345 678") == "0912 xxx 678"
    assert mask_phone("") == ""


def test_when_turns_iso_text_into_vietnamese_dates_and_times():
    import datetime as dt
    import zoneinfo

    from loalang.core.text import when

    hcm = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
    assert when("2023-01-01") == "01/01/2023"
    assert when("2026-12-02T18:16:18+00:00", hcm) == "01:16 03/12/2026"
    assert when(dt.date(2023, 3, 5)) == "05/03/2023"
    assert when("Kế hoạch 2023") == "Kế hoạch 2023" and when(None) == ""


def test_vi_sort_key_orders_names_as_a_vietnamese_reader_does():
    import unicodedata

    from loalang.core.text import vi_sort_key

    names = ["Hoằng Tiến", "Điền Lư", "Biện Thượng", "Hà Long", "Bá Thước", "Dương Hòa", "an nông"]
    names.append(unicodedata.normalize("NFD", "Ăn Lạc"))  # decomposed, as some keyboards type
    assert [unicodedata.normalize("NFC", n) for n in sorted(names, key=vi_sort_key)] == [
        "an nông",
        "Ăn Lạc",
        "Bá Thước",
        "Biện Thượng",
        "Dương Hòa",
        "Điền Lư",
        "Hà Long",
        "Hoằng Tiến",
    ]
    tones = ["Bạ", "Bá", "Bã", "Bả", "Bà", "Ba"]
    assert sorted(tones, key=vi_sort_key) == ["Ba", "Bà", "Bả", "Bã", "Bá", "Bạ"]
    assert sorted(["Ba Đình", "Ba", "Bạ"], key=vi_sort_key) == ["Ba", "Bạ", "Ba Đình"]


def test_clean_name_composes_and_drops_what_cannot_be_seen():
    import unicodedata

    from loalang.core.text import clean_name

    assert clean_name(unicodedata.normalize("NFD", "  Thử   Lẻ ")) == "Thử Lẻ"
    assert clean_name("\u00d0iền Lư") == "Điền Lư"  # the legacy look-alike Ð
    assert clean_name("Điền\u200bLư") == "Điền Lư"
    assert clean_name("Nul\x00x\u200d\ufeff") == "Nulx"
    assert clean_name("\u200b") == ""
