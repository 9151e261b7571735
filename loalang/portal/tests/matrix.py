from loalang.accounts.access import Cap
from loalang.testing.matrix import Case


def _article(w):  # type: ignore[no-untyped-def]
    from loalang.portal.services import article_save

    article = article_save(commune=w.commune, actor=None, title="Bài thử ma trận")
    return {"pk": article.pk}


def _question(w):  # type: ignore[no-untyped-def]
    from loalang.portal.services import question_submit

    q = question_submit(commune=w.commune, category="khac", subject="Hỏi", body="Nội dung hỏi")
    return {"pk": q.pk}


def _event(w):  # type: ignore[no-untyped-def]
    from django.utils import timezone

    from loalang.portal.services import event_save

    ev = event_save(commune=w.commune, actor=None, title="Sự kiện", starts_at=timezone.now())
    return {"pk": ev.pk}


def _document(w):  # type: ignore[no-untyped-def]
    import datetime as dt

    from loalang.portal.services import document_publish

    doc = document_publish(
        commune=w.commune,
        doc_type="thong_bao",
        number="1/TB",
        issued_on=dt.date(2024, 1, 1),
        issuer="UBND",
        title="Thông báo",
        summary="",
        pdf_bytes=b"%PDF-1.4\n%%EOF\n",
        filename="tb.pdf",
        actor=None,
    )
    return {"pk": doc.pk}


P = Cap.EDIT_PORTAL
CASES = [
    Case("portal_staff:articles", P),
    Case("portal_staff:article_new", P),
    Case("portal_staff:article_edit", P, kwargs=_article),
    Case(
        "portal_staff:article_action",
        P,
        kwargs=_article,
        method="post",
        data=lambda w: {"action": "submit"},
    ),
    Case("portal_staff:article_channels", P, kwargs=_article),
    Case("portal_staff:article_poster", P, kwargs=_article),
    Case("portal_staff:article_to_radio", P, kwargs=_article, method="post"),
    Case("portal_staff:images", P),
    Case("portal_staff:questions", P),
    Case("portal_staff:question", P, kwargs=_question),
    Case("portal_staff:events", P),
    Case("portal_staff:event_edit", P, kwargs=_event),
    Case("portal_staff:event_to_radio", P, kwargs=_event, method="post"),
    Case("portal_staff:documents", P),
    Case("portal_staff:document_withdraw", P, kwargs=_document, method="post"),
    Case("portal_staff:settings", P),
]
