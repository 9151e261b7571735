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
        ("06-NQ/TU", "nghị quyết số sáu của tỉnh ủy."),
        ("65/KH-UBND", "kế hoạch số sáu mươi lăm của ủy ban nhân dân."),
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


@pytest.mark.parametrize(
    "written,spoken",
    [
        # A fraction of a quantity is not a date.
        ("3/4 số hộ đã cài ứng dụng", "ba phần tư số hộ đã cài ứng dụng."),
        ("1/3 số điện thoại", "một phần ba số điện thoại."),
        ("2/3 thôn đã có tổ công nghệ số", "hai phần ba thôn đã có tổ công nghệ số."),
        ("Có 3/6 thôn đã lập nhóm", "có ba trên sáu thôn đã lập nhóm."),
        ("45/60 hộ", "bốn mươi lăm trên sáu mươi hộ."),
        ("đạt 3/4 kế hoạch", "đạt ba phần tư kế hoạch."),
        ("Trực 24/7", "trực hai mươi tư trên bảy."),
        # ...while a date stays a date.
        ("ngày 3/4", "ngày ba tháng tư."),
        ("từ 3/4 đến 5/4", "từ ngày ba tháng tư đến ngày năm tháng tư."),
        ("họp vào 15/8", "họp vào ngày mười lăm tháng tám."),
        ("Mồng 2/9 là ngày Quốc khánh", "mồng hai tháng chín là ngày quốc khánh."),
        # Ranges keep "đến".
        ("tăng 35-40%", "tăng ba mươi lăm đến bốn mươi phần trăm."),
        ("từ 35% - 40%", "từ ba mươi lăm đến bốn mươi phần trăm."),
        ("làm việc 7h-11h", "làm việc bảy giờ đến mười một giờ."),
        ("từ 7h30 - 11h00", "từ bảy giờ ba mươi phút đến mười một giờ."),
        ("từ 13:30-17:00", "từ mười ba giờ ba mươi phút đến mười bảy giờ."),
        (
            "từ 20/6 - 25/6/2024",
            "từ ngày hai mươi tháng sáu đến ngày hai mươi lăm tháng sáu năm hai nghìn không trăm "
            "hai mươi tư.",
        ),
        # Emergency and short service numbers are dialled: digit by digit.
        ("Gọi ngay 113 hoặc 114", "gọi ngay một một ba hoặc một một bốn."),
        ("cứu hỏa 114, cấp cứu 115", "cứu hỏa một một bốn, cấp cứu một một năm."),
        ("Tổng đài 1022 của thành phố", "tổng đài một không hai hai của thành phố."),
        ("có 114 hộ", "có một trăm mười bốn hộ."),
        # Place abbreviations.
        (
            "TT. Cành Nàng, X. Ái Thượng, P. Ba Đình, TP. Thanh Hóa, H. Bá Thước",
            "thị trấn cành nàng, xã ái thượng, phường ba đình, thành phố thanh hóa, huyện bá "
            "thước.",
        ),
        # Document symbols the way an announcer says them.
        ("Kế hoạch số 15/KH-UBND", "kế hoạch số mười lăm của ủy ban nhân dân."),
        ("theo 15/KH-UBND", "theo kế hoạch số mười lăm của ủy ban nhân dân."),
        (
            "Nghị định 13/2023/NĐ-CP",
            "nghị định số mười ba năm hai nghìn không trăm hai mươi ba của chính phủ.",
        ),
        # Loanwords.
        (
            "Gọi hotline, xem website, học online trên app, quét mã QR, gửi email",
            "gọi đường dây nóng, xem trang oép, học trực tuyến trên ứng dụng, quét mã quy a, "
            "gửi i meo.",
        ),
    ],
)
def test_context_decides_the_reading(written, spoken):
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
