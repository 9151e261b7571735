"""Reading Vietnamese aloud: the rules named in the issue, and the corpus of real sentences."""

from __future__ import annotations

from pathlib import Path

import pytest

from loalang.radio.normalize import DEFAULT_LEXICON, lexicon_for, normalize
from loalang.radio.normalize.numbers import read_int

CORPUS = Path(__file__).parent / "data" / "normalize_corpus.tsv"


def corpus() -> list[tuple[str, str]]:
    rows = []
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            written, spoken = line.split("\t")
            rows.append((written, spoken))
    return rows


def test_corpus_has_at_least_150_real_sentences():
    rows = corpus()
    assert len(rows) >= 150
    assert len({w for w, _s in rows}) == len(rows)


@pytest.mark.parametrize("written,spoken", corpus(), ids=lambda v: v[:40])
def test_corpus_sentence_is_read_as_expected(written, spoken):
    assert normalize(written) == spoken


@pytest.mark.parametrize(
    "n,words",
    [
        (2500, "hai nghìn năm trăm"),
        (21, "hai mươi mốt"),
        (15, "mười lăm"),
        (105, "một trăm linh năm"),
        (2021, "hai nghìn không trăm hai mươi mốt"),
        (10, "mười"),
        (24, "hai mươi tư"),
        (1_000_000, "một triệu"),
        (1_250_750_000, "một tỷ hai trăm năm mươi triệu bảy trăm năm mươi nghìn"),
        (0, "không"),
    ],
)
def test_numbers(n, words):
    assert read_int(n) == words


@pytest.mark.parametrize(
    "written,spoken",
    [
        ("2.500 người", "hai nghìn năm trăm người."),
        ("10/11/2021", "ngày mười tháng mười một năm hai nghìn không trăm hai mươi mốt."),
        ("ngày 10/11/2021", "ngày mười tháng mười một năm hai nghìn không trăm hai mươi mốt."),
        ("Ngày 10/11/2021", "ngày mười tháng mười một năm hai nghìn không trăm hai mươi mốt."),
        ("lần thứ 4", "lần thứ tư."),
        ("thứ 1", "thứ nhất."),
        ("06:00", "sáu giờ."),
        ("17h30", "mười bảy giờ ba mươi phút."),
        ("12,5%", "mười hai phẩy năm phần trăm."),
        ("500.000đ", "năm trăm nghìn đồng."),
        ("500.000 VND", "năm trăm nghìn đồng."),
        ("0912 345 678", "không chín một hai, ba bốn năm, sáu bảy tám."),
        ("06-NQ/TU", "sáu, nghị quyết tỉnh ủy."),
        ("65/KH-UBND", "sáu mươi lăm, kế hoạch ủy ban nhân dân."),
        ("từ 7-10 ngày", "từ bảy đến mười ngày."),
        (
            "12 km, 5 ha, 30 kg, 250 m2",
            "mười hai ki lô mét, năm héc ta, ba mươi ki lô gam, hai trăm năm mươi mét vuông.",
        ),
        (
            "UBND, HĐND, MTTQ, CĐS, VNeID, THCS",
            "ủy ban nhân dân, hội đồng nhân dân, mặt trận tổ quốc, chuyển đổi số, vê en e ai đi, "
            "trung học cơ sở.",
        ),
        ("THÔNG BÁO KHẨN", "thông báo khẩn."),
        ("ABX", "a bê ích."),
        ("kinh tế - xã hội", "kinh tế, xã hội."),
    ],
)
def test_rules_named_in_the_issue(written, spoken):
    assert normalize(written) == spoken


def test_commune_lexicon_overrides_and_extends_the_builtin(commune):
    from loalang.radio.models import LexiconEntry

    LexiconEntry.objects.create(commune=commune, written="HTX", spoken="hợp tác xã nông nghiệp")
    LexiconEntry.objects.create(commune=commune, written="Pù Luông", spoken="pù luông")
    lexicon = lexicon_for(commune)
    assert lexicon["UBND"] == DEFAULT_LEXICON["UBND"]
    assert normalize("HTX Ái Thượng", lexicon=lexicon) == "hợp tác xã nông nghiệp ái thượng."


def test_output_has_no_digits_left():
    for written, _spoken in corpus():
        assert not any(ch.isdigit() for ch in normalize(written)), written
