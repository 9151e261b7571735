"""Published documents (Decree 42/2022): the one way onto the public documents page."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from loalang.core.audit import audit_log, snapshot
from loalang.core.text import fold
from loalang.portal import pagecache
from loalang.portal.models import PublishedDocument

MAX_PDF_BYTES = 30 * 1024 * 1024


def _document_search_text(doc: PublishedDocument) -> str:
    return fold(
        " ".join([doc.get_doc_type_display(), doc.number, doc.issuer, doc.title, doc.summary])
    )


@transaction.atomic
def document_publish(
    *,
    commune: Any,
    doc_type: str,
    number: str,
    issued_on: dt.date,
    issuer: str,
    title: str,
    summary: str,
    pdf_bytes: bytes,
    filename: str,
    actor: Any,
    source: models.Model | None = None,
) -> PublishedDocument:
    """Publish a document with its PDF on the commune's public documents page.

    Idempotent per `source`: publishing the same plan again replaces the PDF and the details of
    the one document instead of adding a second. Raises ValidationError when the bytes are not
    a PDF (checked by content, not by name) or exceed 30 MB.
    """
    if not pdf_bytes.startswith(b"%PDF-"):
        raise ValidationError({"pdf": _("Tệp không phải là PDF.")})
    if len(pdf_bytes) > MAX_PDF_BYTES:
        raise ValidationError({"pdf": _("Tệp PDF quá lớn (tối đa 30 MB).")})
    doc = None
    if source is not None:
        doc = (
            PublishedDocument.objects.select_for_update()
            .filter(commune=commune, source_type=source._meta.label_lower, source_id=str(source.pk))
            .first()
        )
    before = snapshot(doc) if doc else None
    if doc is None:
        doc = PublishedDocument(commune=commune)
        if source is not None:
            doc.source_type = source._meta.label_lower
            doc.source_id = str(source.pk)
    safe_name = get_valid_filename(filename or "van-ban.pdf")
    if not safe_name.lower().endswith(".pdf"):
        safe_name += ".pdf"
    doc.doc_type = doc_type
    doc.number = number
    doc.issued_on = issued_on
    doc.issuer = issuer
    doc.title = title
    doc.summary = summary
    doc.filename = safe_name
    doc.is_withdrawn = False
    if getattr(actor, "is_authenticated", False):
        doc.published_by = actor
    old_name = doc.pdf.name if doc.pk and doc.pdf else ""
    # The storage writes to a fresh name; the old file is removed only after commit.
    doc.pdf.save(safe_name, ContentFile(pdf_bytes), save=False)
    doc.search_text = _document_search_text(doc)
    doc.full_clean()
    doc.save()
    if old_name and old_name != doc.pdf.name:
        storage = doc.pdf.storage
        transaction.on_commit(lambda: storage.delete(old_name))
    audit_log(
        actor=actor,
        verb="published_document.updated" if before else "published_document.published",
        target=doc,
        before=before,
        commune=commune,
    )
    transaction.on_commit(lambda: pagecache.bump(commune))
    return doc


@transaction.atomic
def document_withdraw(*, document: PublishedDocument, actor: Any) -> PublishedDocument:
    """Take a document off the public page (kept for the record)."""
    before = snapshot(document)
    document.is_withdrawn = True
    document.full_clean()
    document.save(update_fields=["is_withdrawn", "updated_at"])
    audit_log(
        actor=actor,
        verb="published_document.withdrawn",
        target=document,
        commune=document.commune,
        before=before,
    )
    transaction.on_commit(lambda: pagecache.bump(document.commune))
    return document
