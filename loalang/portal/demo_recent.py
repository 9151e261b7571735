"""The demo portal's last twelve months, relative to today (ADR 0105): articles published
through the year on the themes of that year's plan, citizens' questions (answered and
public, answered, and one still waiting for the officer), and the public calendar around
today. Runs only where the plans demo made a sample plan for the current year.

Idempotent (articles by slug, questions by subject, events by title); every record is
`is_sample`; dates are days before or after today, so the portal looks alive on any day.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from loalang.portal.models import Article, PublicEvent, Question

# (days before today, slug, title, summary, paragraphs, theme letter)
ARTICLES: list[tuple[int, str, str, str, list[str], str]] = [
    (
        330,
        "trien-khai-ke-hoach-truyen-thong-chuyen-doi-so",
        "Ái Thượng triển khai kế hoạch truyền thông chuyển đổi số năm mới",
        "UBND xã giao nhiệm vụ cho từng bộ phận, thôn, bản và Tổ công nghệ số cộng đồng.",
        [
            "Ngay từ đầu năm, UBND xã Ái Thượng đã ban hành Kế hoạch truyền thông thực hiện "
            "chuyển đổi số, giao Công chức Văn hóa - Xã hội làm bộ phận thường trực.",
            "Kế hoạch đặt mục tiêu mỗi thôn, bản có ít nhất một hoạt động tuyên truyền mỗi quý "
            "và Đài truyền thanh xã phát tin về chuyển đổi số ít nhất bốn lần mỗi tháng.",
            "Các Tổ công nghệ số cộng đồng tiếp tục đến từng hộ hướng dẫn cài đặt ứng dụng "
            "VNeID, dịch vụ công trực tuyến và thanh toán không dùng tiền mặt.",
        ],
        "b",
    ),
    (
        280,
        "binh-dan-hoc-vu-so-tai-ai-thuong",
        "Phong trào “Bình dân học vụ số” lan toả ở các bản",
        "Hơn 300 người dân đăng ký học kỹ năng số cơ bản trên nền tảng của phong trào.",
        [
            "Hưởng ứng phong trào “Bình dân học vụ số”, Đoàn Thanh niên xã mở các lớp học buổi "
            "tối tại nhà văn hoá bản Khằm, bản Nán và thôn Đông Tâm.",
            "Người dân được hướng dẫn sử dụng điện thoại thông minh an toàn, tra cứu thông tin "
            "và nộp hồ sơ dịch vụ công trực tuyến.",
        ],
        "a",
    ),
    (
        210,
        "tich-hop-giay-to-vao-vneid",
        "Hướng dẫn tích hợp giấy phép lái xe, thẻ bảo hiểm y tế vào VNeID",
        "Chỉ vài thao tác trên điện thoại, bà con không cần mang theo giấy tờ bản cứng.",
        [
            "Bước 1: mở ứng dụng VNeID, đăng nhập tài khoản định danh điện tử mức 2.",
            "Bước 2: chọn “Ví giấy tờ”, rồi “Tích hợp thông tin”, chọn loại giấy tờ cần tích "
            "hợp và nhập số giấy tờ.",
            "Bước 3: chờ cơ quan chức năng xác thực; khi có kết quả, giấy tờ hiện trong ví.",
        ],
        "a",
    ),
    (
        150,
        "hop-tac-xa-dua-mang-kho-len-san",
        "Hợp tác xã Nông nghiệp Ái Thượng đưa măng khô lên sàn thương mại điện tử",
        "Sau sáu tháng, hợp tác xã bán được gần 3 tấn măng khô và mật ong qua mạng.",
        [
            "Được Tổ công nghệ số cộng đồng hỗ trợ chụp ảnh, viết giới thiệu sản phẩm, hợp tác "
            "xã đã mở gian hàng trên các sàn Postmart và Voso.",
            "Đơn hàng được giao qua bưu điện xã; người mua thanh toán bằng chuyển khoản.",
        ],
        "g",
    ),
    (
        95,
        "canh-giac-cuoc-goi-gia-danh",
        "Cảnh giác với cuộc gọi giả danh cán bộ yêu cầu “cập nhật định danh”",
        "Không cung cấp mã OTP, không cài ứng dụng theo đường link lạ.",
        [
            "Gần đây, một số người dân trong xã nhận được cuộc gọi giả danh cán bộ công an đề "
            "nghị cài ứng dụng lạ để “cập nhật thông tin định danh”.",
            "Công an xã khuyến cáo: cơ quan chức năng không yêu cầu cài ứng dụng qua điện "
            "thoại; khi nghi ngờ, hãy gọi ngay cho công an xã hoặc trưởng bản.",
        ],
        "a",
    ),
    (
        54,
        "ngay-chuyen-doi-so-quoc-gia",
        "Ái Thượng hưởng ứng Ngày Chuyển đổi số quốc gia 10/10",
        "Ra quân hỗ trợ người dân tại các điểm nhà văn hoá, biểu dương các tổ tiêu biểu.",
        [
            "Nhân Ngày Chuyển đổi số quốc gia, UBND xã tổ chức ra quân với sự tham gia của "
            "sáu Tổ công nghệ số cộng đồng và Đoàn Thanh niên xã.",
            "Tổ công nghệ số bản Khằm được biểu dương vì đã hướng dẫn hơn 150 hộ kích hoạt tài "
            "khoản định danh điện tử mức 2.",
        ],
        "g",
    ),
    (
        12,
        "so-ket-chuyen-doi-so-cuoi-nam",
        "Sơ kết công tác truyền thông chuyển đổi số, chuẩn bị cho năm mới",
        "Các thôn, bản báo cáo kết quả; bản Ấm vùng cao cần thêm hỗ trợ về sóng di động.",
        [
            "UBND xã đã tổ chức sơ kết công tác truyền thông chuyển đổi số với đại diện các "
            "thôn, bản, Mặt trận và các đoàn thể.",
            "Hội nghị thống nhất tiếp tục duy trì chuyên mục chuyển đổi số trên Đài truyền "
            "thanh xã và đề nghị nhà mạng tăng cường sóng di động cho bản Ấm.",
        ],
        "d",
    ),
]

# (days before today, subject, body, category, answer, publish?) — None answer: still waiting.
QUESTIONS: list[tuple[int, str, str, str, str | None, bool]] = [
    (
        200,
        "Làm thế nào để đăng ký khai sinh trực tuyến cho con?",
        "Con tôi mới sinh, tôi muốn đăng ký khai sinh mà không phải lên xã. Tôi cần chuẩn bị gì?",
        Question.Category.DIGITAL_SERVICE,
        "Anh, chị đăng nhập Cổng dịch vụ công quốc gia bằng tài khoản VNeID, chọn thủ tục "
        "“Liên thông đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ dưới "
        "6 tuổi”, tải ảnh giấy chứng sinh và nộp lệ phí (nếu có). Kết quả được gửi về tài khoản.",
        True,
    ),
    (
        120,
        "Chợ phiên có nhận chuyển khoản bằng mã QR không?",
        "Tôi ít mang tiền mặt, muốn biết các quầy ở chợ phiên bản Chiềng Ai có nhận chuyển khoản.",
        Question.Category.PAYMENT,
        "Phần lớn quầy hàng ở chợ phiên bản Chiềng Ai đã có mã QR. Bà con kiểm tra đúng tên "
        "người nhận trước khi chuyển khoản.",
        True,
    ),
    (
        40,
        "Có lớp học dùng điện thoại cho người cao tuổi không?",
        "Bố mẹ tôi ngoài 60 tuổi, muốn học cách gọi video và xem tin tức. Xã có lớp nào không?",
        Question.Category.OTHER,
        "Có. Lớp “Bình dân học vụ số” học vào tối thứ Bảy hằng tuần tại nhà văn hoá các bản, "
        "do Tổ công nghệ số cộng đồng hướng dẫn, không mất tiền.",
        True,
    ),
    (
        9,
        "Nhận được tin nhắn báo trúng thưởng, có phải lừa đảo?",
        "Tôi nhận tin nhắn báo trúng thưởng xe máy, yêu cầu chuyển phí nhận thưởng. "
        "Tôi nên làm gì?",
        Question.Category.SAFETY,
        "Đây là thủ đoạn lừa đảo. Không chuyển tiền, không bấm đường link trong tin nhắn; báo "
        "cho công an xã.",
        False,
    ),
    (
        2,
        "Tài khoản VNeID báo sai thông tin nơi thường trú",
        "Sau khi sáp nhập xã, ứng dụng VNeID của tôi vẫn ghi địa chỉ cũ. Tôi có phải làm lại "
        "giấy tờ không?",
        Question.Category.ID_APP,
        None,
        False,
    ),
]

# (days from today, hour, hours long, title, place)
EVENTS: list[tuple[int, int, int, str, str]] = [
    (-54, 7, 4, "Ra quân hưởng ứng Ngày Chuyển đổi số quốc gia", "Sân UBND xã"),
    (-12, 8, 3, "Hội nghị sơ kết công tác truyền thông chuyển đổi số", "Hội trường UBND xã"),
    (6, 19, 2, "Lớp “Bình dân học vụ số” cho người cao tuổi", "Nhà văn hoá thôn Đông Tâm"),
    (
        17,
        8,
        4,
        "Tập huấn bán hàng trên sàn thương mại điện tử cho hợp tác xã",
        "Hội trường UBND xã",
    ),
]


def load_recent(commune: Any, *, today: dt.date | None = None) -> None:
    from loalang.accounts.models import User
    from loalang.plans.models import Plan

    today = today or timezone.localdate()
    if not Plan.objects.filter(commune=commune, year=today.year, is_sample=True).exists():
        return  # the plans demo made no current plan here: nothing to follow
    officer = User.objects.filter(username="vanhoa").first()
    with transaction.atomic():
        _articles(commune, officer, today)
        _questions(commune, officer, today)
        _events(commune, officer, today)
        mark_posts_sample(commune)


def mark_posts_sample(commune: Any) -> None:
    """The portal activities that sample articles stand for are sample data too."""
    from loalang.activities.models import Activity

    ids = [
        str(pk)
        for pk in Article.objects.filter(commune=commune, is_sample=True).values_list(
            "pk", flat=True
        )
    ]
    Activity.objects.filter(
        commune=commune, source_type="portal.article", source_id__in=ids, is_sample=False
    ).update(is_sample=True)


def _themes_of(commune: Any, year: int) -> dict[str, Any]:
    from loalang.plans.models import Plan

    plan = (
        Plan.objects.filter(commune=commune, year=year)
        .exclude(status=Plan.Status.SUPERSEDED)
        .order_by("-id")
        .first()
    )
    return {t.letter: t for t in plan.themes.all()} if plan else {}


def _articles(commune: Any, officer: Any, today: dt.date) -> None:
    from loalang.portal.services import article_publish, article_save

    known = set(Article.objects.filter(commune=commune).values_list("slug", flat=True))
    for days, slug, title, summary, paragraphs, letter in ARTICLES:
        if slug in known:
            continue
        when = timezone.make_aware(
            dt.datetime.combine(today - dt.timedelta(days=days), dt.time(9, 30))
        )
        themes = _themes_of(commune, when.year)
        article = article_save(
            commune=commune,
            actor=officer,
            title=title,
            summary=summary,
            body="".join(f"<p>{p}</p>" for p in paragraphs),
            themes=[themes[letter]] if letter in themes else [],
            article=None,
        )
        Article.objects.filter(pk=article.pk).update(slug=slug, is_sample=True)
        article.refresh_from_db()
        article_publish(article=article, actor=officer, now=when)


def _questions(commune: Any, officer: Any, today: dt.date) -> None:
    from loalang.portal.services import (
        question_answer,
        question_publish,
        question_submit,
    )

    known = set(Question.objects.filter(commune=commune).values_list("subject", flat=True))
    for days, subject, body, category, answer, publish in QUESTIONS:
        if subject in known:
            continue
        asked = timezone.make_aware(
            dt.datetime.combine(today - dt.timedelta(days=days), dt.time(20, 15))
        )
        q = question_submit(commune=commune, category=category, subject=subject, body=body)
        if answer is not None:
            q = question_answer(question=q, answer=answer, actor=officer)
            if publish:
                q = question_publish(question=q, actor=officer)
        # The workflow ran now; the story says the question came in `days` ago.
        Question.objects.filter(pk=q.pk).update(
            is_sample=True,
            created_at=asked,
            answered_at=asked + dt.timedelta(days=2) if answer is not None else None,
            published_at=asked + dt.timedelta(days=2) if publish else None,
        )


def _events(commune: Any, officer: Any, today: dt.date) -> None:
    from loalang.portal.services import event_save

    known = set(PublicEvent.objects.filter(commune=commune).values_list("title", flat=True))
    themes = _themes_of(commune, today.year)
    for days, hour, hours, title, place in EVENTS:
        if title in known:
            continue
        starts = timezone.make_aware(
            dt.datetime.combine(today + dt.timedelta(days=days), dt.time(hour))
        )
        event = event_save(
            commune=commune,
            actor=officer,
            title=title,
            starts_at=starts,
            ends_at=starts + dt.timedelta(hours=hours),
            place=place,
            themes=[themes["a"]] if "a" in themes else [],
        )
        PublicEvent.objects.filter(pk=event.pk).update(is_sample=True)
