"""Sample DX articles, events and a Q&A for the demo commune. Idempotent (keyed by slug/title)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from loalang.portal.models import Article, PortalProfile, PublicEvent, Question
from loalang.portal.services import article_publish, article_save

# (slug, title, summary, body, theme letter, featured)
ARTICLES = [
    (
        "ai-thuong-ra-quan-chuyen-doi-so",
        "Ái Thượng ra quân hưởng ứng Ngày Chuyển đổi số quốc gia",
        "Đoàn viên, thanh niên và các Tổ công nghệ số cộng đồng đến từng bản hướng dẫn bà con "
        "cài đặt, sử dụng ứng dụng VNeID và dịch vụ công trực tuyến.",
        "<p>Sáng nay, UBND xã Ái Thượng tổ chức lễ ra quân hưởng ứng Ngày Chuyển đổi số quốc gia."
        "</p><p>Các Tổ công nghệ số cộng đồng chia nhau xuống các bản Khằm, Nán, Chiềng Ai "
        "hướng dẫn người dân <strong>kích hoạt tài khoản định danh điện tử mức 2</strong>.</p>",
        "d",
        False,
    ),
    (
        "huong-dan-nop-ho-so-truc-tuyen",
        "Hướng dẫn nộp hồ sơ dịch vụ công trực tuyến tại nhà",
        "Chỉ với điện thoại thông minh, bà con có thể nộp hồ sơ khai sinh, đăng ký thường trú "
        "mà không phải đến trụ sở xã.",
        "<p>Bước 1: mở Cổng dịch vụ công quốc gia, đăng nhập bằng tài khoản VNeID.</p>"
        "<p>Bước 2: chọn thủ tục, điền thông tin, tải ảnh giấy tờ.</p>"
        "<p>Bước 3: theo dõi kết quả; cán bộ một cửa xã sẽ gọi điện khi cần bổ sung.</p>",
        "a",
        False,
    ),
    (
        "mo-hinh-ban-chieng-ai-thanh-toan-khong-tien-mat",
        "Mô hình điểm: bản Chiềng Ai thanh toán không dùng tiền mặt",
        "Chợ phiên bản Chiềng Ai có 80% quầy hàng nhận chuyển khoản bằng mã QR.",
        "<p>Sau ba tháng triển khai, phần lớn tiểu thương ở chợ phiên đã dùng mã QR.</p>"
        "<ul><li>Không lo tiền lẻ, tiền giả.</li>"
        "<li>Bán hàng lên sàn thương mại điện tử.</li></ul>",
        "g",
        True,
    ),
    (
        "canh-giac-lua-dao-tren-mang",
        "Cảnh giác với các thủ đoạn lừa đảo qua điện thoại, mạng xã hội",
        "Không cung cấp mã OTP, không bấm vào đường link lạ, không chuyển tiền cho người lạ.",
        "<p>Thời gian gần đây xuất hiện các cuộc gọi giả danh công an, cán bộ xã đề nghị "
        "cập nhật thông tin định danh.</p><p>Khi nghi ngờ, hãy gọi ngay cho công an xã.</p>",
        "a",
        False,
    ),
    (
        "dong-tam-ban-nong-san-tren-san-thuong-mai-dien-tu",
        "Thôn Đông Tâm đưa nông sản lên sàn thương mại điện tử",
        "Hợp tác xã thôn Đông Tâm đã bán được hơn 2 tấn măng khô qua sàn thương mại điện tử.",
        "<p>Với sự hỗ trợ của Tổ công nghệ số cộng đồng, hợp tác xã đã mở gian hàng trên "
        "sàn <em>Postmart</em> và <em>Voso</em>.</p>",
        "g",
        True,
    ),
]


def load_demo(commune: Any) -> None:
    from loalang.plans.models import PlanTheme

    # The latest plan's themes win: the articles are dated days before today.
    themes = {
        t.letter: t
        for t in PlanTheme.objects.filter(plan__commune=commune).order_by("plan__year", "id")
    }
    now = timezone.now()
    for i, (slug, title, summary, body, letter, featured) in enumerate(ARTICLES):
        article = Article.objects.filter(commune=commune, slug=slug).first()
        if article is not None:
            continue
        article = article_save(
            commune=commune,
            actor=None,
            title=title,
            summary=summary,
            body=body,
            themes=[themes[letter]] if letter in themes else [],
            is_featured=featured,
            article=None,
        )
        Article.objects.filter(pk=article.pk).update(slug=slug, is_sample=True)
        article.refresh_from_db()
        article_publish(article=article, actor=None, now=now - dt.timedelta(days=len(ARTICLES) - i))
    PortalProfile.objects.get_or_create(
        commune=commune,
        defaults={
            "intro": "Chuyên mục thông tin về chuyển đổi số của xã: tin tức, hướng dẫn, "
            "sự kiện và hỏi – đáp.",
            "contact_name": "Hà Văn Thành",
            "contact_position": "Công chức Văn hóa - Xã hội",
            "contact_phone": "0237 3880 123",
            "is_sample": True,
        },
    )
    if not PublicEvent.objects.filter(commune=commune, is_sample=True).exists():
        start = timezone.localtime(now).replace(hour=8, minute=0, second=0, microsecond=0)
        PublicEvent.objects.create(
            commune=commune,
            title="Hướng dẫn cài đặt VNeID tại nhà văn hoá bản Khằm",
            starts_at=start + dt.timedelta(days=3),
            ends_at=start + dt.timedelta(days=3, hours=3),
            place="Nhà văn hoá bản Khằm",
            is_sample=True,
        )
        PublicEvent.objects.create(
            commune=commune,
            title="Ngày hội chuyển đổi số xã Ái Thượng",
            starts_at=start + dt.timedelta(days=10),
            ends_at=start + dt.timedelta(days=10, hours=8),
            place="Sân vận động xã",
            is_sample=True,
        )
    if not Question.objects.filter(commune=commune, is_sample=True).exists():
        Question.objects.create(
            commune=commune,
            category=Question.Category.ID_APP,
            is_sample=True,
            subject="Tài khoản VNeID bị khoá thì làm thế nào?",
            body="Tôi nhập sai mật khẩu nhiều lần, tài khoản bị khoá. Tôi phải làm gì?",
            answer="Bà con mang căn cước đến công an xã để được hỗ trợ mở khoá, hoặc dùng "
            "chức năng “Quên mật khẩu” trên ứng dụng.",
            status=Question.Status.PUBLISHED,
            answered_at=now,
            published_at=now,
            search_text="tai khoan vneid bi khoa thi lam the nao",
        )
    from loalang.portal.demo_recent import load_recent

    load_recent(commune)  # the last twelve months, relative to today (ADR 0105)
