"""Bulletins: drafting, the approval workflow, province push-downs and recorded versions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from loalang.accounts.access import Cap, user_can
from loalang.core.audit import audit_log, snapshot
from loalang.radio import notify as radio_notify
from loalang.radio.models import Bulletin, BulletinVersion, Language
from loalang.radio.services.audio_files import store_recording
from loalang.radio.validation import check_script


def _enqueue_synthesis(version: BulletinVersion) -> None:
    from loalang.radio.jobs import version_synthesize_job

    pk = version.pk
    transaction.on_commit(lambda: version_synthesize_job.enqueue(pk))


def _sync_vietnamese_version(bulletin: Bulletin) -> BulletinVersion | None:
    """Keep the synthesised Vietnamese version in step with the script: (re)queue it when the
    script is set, drop it when the script is emptied. A recorded Vietnamese version wins."""
    version = bulletin.versions.filter(language=Language.VIETNAMESE).first()
    if version and version.kind == BulletinVersion.Kind.RECORDED:
        return version
    if not bulletin.script:
        if version:
            version.delete()
        return None
    if version is None:
        version = BulletinVersion(
            bulletin=bulletin, language=Language.VIETNAMESE, kind=BulletinVersion.Kind.SYNTHESIZED
        )
    version.status = BulletinVersion.Status.QUEUED
    version.error = ""
    version.full_clean()
    version.save()
    _enqueue_synthesis(version)
    return version


def _check_themes(commune: Any, themes: Iterable[Any]) -> list[Any]:
    themes = list(themes)
    for theme in themes:
        if theme.plan.commune_id != commune.pk:
            raise ValidationError(
                {"themes": _("Nội dung tuyên truyền không thuộc kế hoạch của xã.")}
            )
    return themes


def _check_slots(commune: Any, slots: Iterable[Any]) -> list[Any]:
    slots = list(slots)
    if any(s.commune_id != commune.pk for s in slots):
        raise ValidationError({"slots": _("Buổi phát không thuộc xã này.")})
    return slots


@transaction.atomic
def bulletin_create_draft(
    *,
    commune: Any,
    title: str,
    script: str,
    actor: Any,
    themes: Iterable[Any] = (),
    source_kind: str = "commune",
    origin: models.Model | None = None,
    priority: int = Bulletin.Priority.NORMAL,
    valid_from: dt.date | None = None,
    valid_until: dt.date | None = None,
    clusters: Iterable[Any] = (),
    slots: Iterable[Any] = (),
    voice: str = "",
    rate: int | None = None,
    is_fallback: bool = False,
    external_ref: str = "",
) -> Bulletin:
    """A new bulletin in draft. With a script, its Vietnamese audio is synthesised in the
    background. `origin` (an article, a feedback answer…) is remembered as type + id.

    Raises ValidationError (field → message) for an empty, too long or unreadable script.
    """
    script = check_script(script, required=False)
    bulletin = Bulletin(
        commune=commune,
        title=(title or "").strip(),
        script=script,
        source=source_kind,
        priority=priority,
        valid_from=valid_from,
        valid_until=valid_until,
        voice=voice,
        rate=rate,
        is_fallback=is_fallback,
        external_ref=external_ref,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    if origin is not None:
        bulletin.origin_type = origin._meta.label_lower
        bulletin.origin_id = str(origin.pk)
    bulletin.full_clean()
    bulletin.save()
    bulletin.themes.set(_check_themes(commune, themes))
    clusters = list(clusters)
    if any(c.commune_id != commune.pk for c in clusters):
        raise ValidationError({"clusters": _("Cụm loa không thuộc xã này.")})
    bulletin.clusters.set(clusters)
    bulletin.slots.set(_check_slots(commune, slots))
    _sync_vietnamese_version(bulletin)
    audit_log(actor=actor, verb="bulletin.created", target=bulletin, commune=commune)
    return bulletin


@transaction.atomic
def bulletin_update(*, bulletin: Bulletin, actor: Any, **fields: Any) -> Bulletin:
    """Change a bulletin. An approved bulletin goes back to draft: changed words need a new
    approval before they air. Changing the script or voice re-synthesises the audio."""
    before = snapshot(bulletin)
    themes = fields.pop("themes", None)
    clusters = fields.pop("clusters", None)
    slots = fields.pop("slots", None)
    if "script" in fields:
        fields["script"] = check_script(fields["script"], required=False)
    for name, value in fields.items():
        setattr(bulletin, name, value)
    changed = {k for k, v in snapshot(bulletin).items() if before.get(k) != v}
    if changed - {"updated_at"} and bulletin.status in (
        Bulletin.Status.APPROVED,
        Bulletin.Status.PENDING,
    ):
        was_public = bulletin.status == Bulletin.Status.APPROVED
        bulletin.status = Bulletin.Status.DRAFT
        bulletin.approved_by = None
        bulletin.approved_at = None
    else:
        was_public = False
    bulletin.full_clean()
    bulletin.save()
    if was_public:
        _public_changed(bulletin)
    if themes is not None:
        bulletin.themes.set(_check_themes(bulletin.commune, themes))
    if clusters is not None:
        bulletin.clusters.set(list(clusters))
    if slots is not None:
        bulletin.slots.set(_check_slots(bulletin.commune, slots))
    if changed & {"script", "voice", "rate"}:
        _sync_vietnamese_version(bulletin)
    audit_log(
        actor=actor,
        verb="bulletin.updated",
        target=bulletin,
        commune=bulletin.commune,
        before=before,
    )
    return bulletin


def _public_changed(bulletin: Bulletin) -> None:
    """The public radio page and the portal home list approved bulletins: after commit, every
    cached public page of the commune is refreshed (ADR 0041)."""
    from loalang.portal import pagecache

    commune = bulletin.commune
    transaction.on_commit(lambda: pagecache.bump(commune))


def _has_content(bulletin: Bulletin) -> bool:
    return bool(bulletin.script) or bulletin.versions.exists()


@transaction.atomic
def bulletin_submit(*, bulletin: Bulletin, actor: Any) -> Bulletin:
    """Send a draft to the Chair or Vice-chair for approval."""
    if bulletin.status not in (Bulletin.Status.DRAFT, Bulletin.Status.RETURNED):
        raise ValidationError(_("Chỉ gửi duyệt được bản nháp hoặc bản tin bị trả lại."))
    if not _has_content(bulletin):
        raise ValidationError(
            {"script": _("Nội dung đọc đang trống. Hãy nhập nội dung hoặc tải lên bản ghi âm.")}
        )
    before = snapshot(bulletin)
    bulletin.status = Bulletin.Status.PENDING
    bulletin.submitted_at = timezone.now()
    bulletin.full_clean()
    bulletin.save()
    audit_log(
        actor=actor,
        verb="bulletin.submitted",
        target=bulletin,
        commune=bulletin.commune,
        before=before,
    )
    radio_notify.bulletin_submitted(bulletin, actor)
    return bulletin


@transaction.atomic
def bulletin_approve(*, bulletin: Bulletin, actor: Any, note: str = "") -> Bulletin:
    """Approve a bulletin so it can air. Only the Chair or a Vice-chair may (Cap.APPROVE)."""
    if not user_can(actor, bulletin.commune, Cap.APPROVE):
        raise PermissionDenied
    if bulletin.status not in (Bulletin.Status.PENDING, Bulletin.Status.DRAFT):
        raise ValidationError(_("Bản tin này không ở trạng thái chờ duyệt."))
    if not _has_content(bulletin):
        raise ValidationError(_("Bản tin chưa có nội dung đọc hay bản ghi âm nào."))
    before = snapshot(bulletin)
    bulletin.status = Bulletin.Status.APPROVED
    bulletin.approved_by = actor
    bulletin.approved_at = timezone.now()
    bulletin.review_note = note
    bulletin.full_clean()
    bulletin.save()
    audit_log(
        actor=actor,
        verb="bulletin.approved",
        target=bulletin,
        commune=bulletin.commune,
        before=before,
    )
    radio_notify.bulletin_reviewed(bulletin, actor, "bulletin.approved")
    _public_changed(bulletin)
    return bulletin


@transaction.atomic
def bulletin_return(*, bulletin: Bulletin, actor: Any, note: str) -> Bulletin:
    """Send a bulletin back to its writer with the reviewer's note."""
    if not user_can(actor, bulletin.commune, Cap.APPROVE):
        raise PermissionDenied
    if not (note or "").strip():
        raise ValidationError({"note": _("Hãy ghi rõ cần sửa gì.")})
    if bulletin.status != Bulletin.Status.PENDING:
        raise ValidationError(_("Bản tin này không ở trạng thái chờ duyệt."))
    before = snapshot(bulletin)
    bulletin.status = Bulletin.Status.RETURNED
    bulletin.review_note = note.strip()
    bulletin.full_clean()
    bulletin.save()
    audit_log(
        actor=actor,
        verb="bulletin.returned",
        target=bulletin,
        commune=bulletin.commune,
        before=before,
    )
    radio_notify.bulletin_reviewed(bulletin, actor, "bulletin.returned")
    return bulletin


@transaction.atomic
def bulletin_withdraw(*, bulletin: Bulletin, actor: Any) -> Bulletin:
    """Stop airing an approved bulletin (it stays in the history and the logs)."""
    before = snapshot(bulletin)
    bulletin.status = Bulletin.Status.WITHDRAWN
    bulletin.full_clean()
    bulletin.save()
    audit_log(
        actor=actor,
        verb="bulletin.withdrawn",
        target=bulletin,
        commune=bulletin.commune,
        before=before,
    )
    _public_changed(bulletin)
    return bulletin


@transaction.atomic
def bulletin_create_from_province(
    *,
    commune: Any,
    external_ref: str,
    title: str,
    script: str = "",
    priority: int = Bulletin.Priority.NORMAL,
    source_kind: str = Bulletin.Source.PROVINCE,
    valid_from: dt.date | None = None,
    valid_until: dt.date | None = None,
    actor: Any = None,
) -> tuple[Bulletin, bool]:
    """A bulletin pushed down by the provincial (or central) source system.

    Idempotent per `external_ref`: pushing the same bulletin again (same title, script,
    priority, source and dates) returns it as it is with (bulletin, False); pushing *other*
    content under a reference already used raises ExternalRefConflict — a retry must never
    silently rewrite what the commune may already be reviewing; a correction gets a new
    reference. The province appraised it (thẩm định) already, but the commune still
    approves it before it airs on its loudspeakers (Decree 49/2024: UBND xã runs the station).
    """
    if source_kind not in (Bulletin.Source.PROVINCE, Bulletin.Source.CENTRAL):
        raise ValidationError({"source": _("Nguồn phải là tỉnh hoặc trung ương.")})
    if not (external_ref or "").strip():
        raise ValidationError({"external_ref": _("Thiếu mã bản tin nguồn.")})
    content = {
        "title": title,
        "script": script,
        "priority": priority,
        "source": source_kind,
        "valid_from": valid_from,
        "valid_until": valid_until,
    }
    existing = Bulletin.objects.filter(commune=commune, external_ref=external_ref).first()
    if existing is None:
        try:
            with transaction.atomic():
                bulletin = bulletin_create_draft(
                    commune=commune,
                    title=title,
                    script=script,
                    actor=actor,
                    source_kind=source_kind,
                    priority=priority,
                    valid_from=valid_from,
                    valid_until=valid_until,
                    external_ref=external_ref,
                )
                if script:
                    bulletin = bulletin_submit(bulletin=bulletin, actor=actor)
            return bulletin, True
        except (IntegrityError, ValidationError):
            # Two pushes of one reference raced (uniq_bulletin_external_ref) and the other won:
            # the database refused the row, or full_clean saw the winner's committed one.
            existing = Bulletin.objects.filter(commune=commune, external_ref=external_ref).first()
            if existing is None:
                raise
    if any(getattr(existing, name) != value for name, value in content.items()):
        raise ExternalRefConflict(external_ref)
    return existing, False


class ExternalRefConflict(Exception):
    """The external reference already names a bulletin with other content (API: 409)."""


@transaction.atomic
def recording_upload(
    *, bulletin: Bulletin, language: str, upload: Any, actor: Any
) -> BulletinVersion:
    """Attach a recorded version (Thái, Mường… or a human Vietnamese reading).

    The upload is decoded, loudness-normalised and stored as MP3 + OGG; corrupt, empty,
    unreadable or oversized files raise ValidationError on 'audio' and nothing is saved.
    """
    # Validates, converts and keeps the original; raises before any DB write.
    stored = store_recording(upload, keep_original=True)
    version = bulletin.versions.filter(language=language).first() or BulletinVersion(
        bulletin=bulletin, language=language
    )
    before = snapshot(version) if version.pk else None
    old_files = [str(f.name) for f in (version.audio_mp3, version.audio_ogg, version.original) if f]
    version.kind = BulletinVersion.Kind.RECORDED
    version.original.name = stored.original_name
    version.status = BulletinVersion.Status.READY
    version.audio_mp3.name = stored.mp3_name
    version.audio_ogg.name = stored.ogg_name
    version.duration_seconds = stored.seconds
    version.rms_dbfs = stored.rms_dbfs
    version.peak_dbfs = stored.peak_dbfs
    version.error = ""
    version.engine = ""
    version.normalized_text = ""
    version.full_clean()
    version.save()
    _delete_after_commit(old_files)
    if bulletin.status in (Bulletin.Status.APPROVED, Bulletin.Status.PENDING):
        # New audio is new content: it needs approval again.
        was_public = bulletin.status == Bulletin.Status.APPROVED
        before_bulletin = snapshot(bulletin)
        bulletin.status = Bulletin.Status.DRAFT
        bulletin.approved_by = None
        bulletin.approved_at = None
        bulletin.full_clean()
        bulletin.save()
        audit_log(
            actor=actor,
            verb="bulletin.updated",
            target=bulletin,
            commune=bulletin.commune,
            before=before_bulletin,
        )
        if was_public:
            _public_changed(bulletin)
    audit_log(
        actor=actor,
        verb="bulletin_version.uploaded",
        target=version,
        commune=version.bulletin.commune,
        before=before,
    )
    return version


def _delete_after_commit(names: list[str]) -> None:
    from loalang.core.files import private_storage

    def delete() -> None:
        for name in names:
            private_storage().delete(name)

    if names:
        transaction.on_commit(delete)
