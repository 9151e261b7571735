import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from loalang.core.models import AuditEntry
from loalang.portal.models import PublishedDocument
from loalang.portal.services import document_publish

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _publish(commune, user, **kw):
    args = dict(
        commune=commune,
        doc_type=PublishedDocument.DocType.PLAN,
        number="12/KH-UBND",
        issued_on=dt.date(2023, 3, 1),
        issuer="UBND xã",
        title="Kế hoạch truyền thông chuyển đổi số",
        summary="Tóm tắt",
        pdf_bytes=PDF,
        filename="ke hoach.pdf",
        actor=user,
    )
    args.update(kw)
    return document_publish(**args)


@pytest.mark.django_db
def test_publishing_stores_pdf_and_folded_search_text(commune, culture_user):
    doc = _publish(commune, culture_user)
    assert doc.pdf.read().startswith(b"%PDF-")
    assert "chuyen doi so" in doc.search_text
    assert AuditEntry.objects.filter(verb="published_document.published").count() == 1


@pytest.mark.django_db
def test_publishing_same_source_twice_updates_one_document(commune, culture_user):
    first = _publish(commune, culture_user, source=commune)
    second = _publish(commune, culture_user, source=commune, number="13/KH-UBND")
    assert first.pk == second.pk
    assert PublishedDocument.objects.get().number == "13/KH-UBND"


@pytest.mark.django_db
def test_a_non_pdf_named_pdf_is_refused(commune, culture_user):
    with pytest.raises(ValidationError):
        _publish(commune, culture_user, pdf_bytes=b"<html>not a pdf</html>")
    assert not PublishedDocument.objects.exists()
