from loalang.plans.data import for_next_year, letter
from loalang.plans.demo import seed_data


def test_vietnamese_lettering():
    assert [letter(i) for i in range(7)] == ["a", "b", "c", "d", "đ", "e", "g"]
    assert [letter(i, skip_d=True) for i in range(6)] == ["a", "b", "c", "d", "e", "g"]
    assert letter(23) == "aa"


def test_next_year_copy_clears_header_and_moves_the_year():
    data = for_next_year(seed_data(), 2024)
    assert data["title"].endswith("năm 2024") and data["year"] == 2024
    assert "năm 2024" in data["closing"] and "năm 2024" in data["preamble"]
    assert data["number"] == "" and data["issued_on"] == ""
    # Legal bases are the officer's to update; they are copied as they were.
    assert data["legal_bases"] == seed_data()["legal_bases"]
