"""Attendees, consent and data-subject requests (Law 91/2025; ADR 0023).

Guarantees:
- an attendee is never stored without a consent record naming the notice version, the
  purpose, when and who collected it;
- export and erasure act on every attendee row of the person in the commune and are logged
  in DataRequest (what, when, who handled it, how many records);
- erasure removes names and phones but leaves the event's aggregate counts untouched, so
  reports do not change.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from loalang.core.audit import audit_log, snapshot
from loalang.core.text import fold, mask_phone
from loalang.events.models import Attendee, ConsentNotice, ConsentRecord, DataRequest, Event

PURPOSE = "Điểm danh, liên hệ về các lớp tập huấn, hội nghị chuyển đổi số và thống kê tổng hợp"


def default_notice_text(commune: Any) -> str:
    return (
        f"Ủy ban nhân dân {commune} (bên kiểm soát dữ liệu) thu thập họ và tên, số điện thoại, "
        "thôn nơi ở và thành phần (cán bộ, thành viên tổ công nghệ số, người dân) của người "
        "tham dự để: điểm danh; liên hệ khi có lớp tập huấn, hội nghị về chuyển đổi số; thống "
        "kê tổng hợp số người tham dự. Báo cáo gửi cấp trên chỉ có số liệu tổng hợp, không có "
        "tên hay số điện thoại.\n"
        "Dữ liệu được lưu 24 tháng kể từ ngày thu thập rồi xoá. Việc cung cấp là tự nguyện: "
        "ông/bà có thể không ghi số điện thoại hoặc không ghi tên mà vẫn được tham dự.\n"
        "Theo Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15, ông/bà có quyền được biết, đồng ý "
        "hoặc không đồng ý, rút lại sự đồng ý, xem, chỉnh sửa và yêu cầu xoá dữ liệu của mình. "
        f"Liên hệ: công chức Văn hóa - Xã hội, {commune}"
        + (f", điện thoại {commune.phone}" if getattr(commune, "phone", "") else "")
        + ".\nKý tên vào danh sách này là đồng ý với việc xử lý dữ liệu nêu trên."
    )


@transaction.atomic
def consent_notice_create(
    *, commune: Any, actor: Any, version: str, purpose: str, text: str, retention_months: int = 24
) -> ConsentNotice:
    notice = ConsentNotice(
        commune=commune,
        version=version.strip(),
        purpose=purpose.strip(),
        text=text.strip(),
        retention_months=retention_months,
    )
    notice.full_clean()
    notice.save()
    audit_log(actor=actor, verb="consent_notice.created", target=notice, commune=commune)
    return notice


def consent_notice_current(*, commune: Any, actor: Any = None) -> ConsentNotice:
    """The newest notice of the commune; version 1 is written on first use."""
    notice = ConsentNotice.objects.filter(commune=commune).order_by("-created_at", "-id").first()
    if notice is None:
        notice = consent_notice_create(
            commune=commune,
            actor=actor,
            version="1",
            purpose=PURPOSE,
            text=default_notice_text(commune),
        )
    return notice


def _clean_phone(phone: str) -> str:
    phone = (phone or "").strip()
    digits = re.sub(r"\D", "", phone)
    if phone and not 9 <= len(digits) <= 12:
        raise ValidationError({"phone": _("Số điện thoại không hợp lệ.")})
    return digits


@transaction.atomic
def attendee_add(
    *,
    event: Event,
    actor: Any,
    full_name: str,
    group: str,
    has_consent: bool,
    method: str,
    notice: ConsentNotice,
    phone: str = "",
    village: Any = None,
    is_woman: bool = False,
    is_ethnic_minority: bool = False,
    given_at: dt.datetime | None = None,
    is_sample: bool = False,
) -> Attendee:
    """Add a person to an event's list, with their consent. No consent, no record."""
    if not has_consent:
        raise ValidationError(
            {
                "has_consent": _(
                    "Chỉ ghi tên người đã đồng ý; người không đồng ý chỉ tính vào số lượng."
                )
            }
        )
    commune_id = event.activity.commune_id
    if notice.commune_id != commune_id or (
        village is not None and village.commune_id != commune_id
    ):
        raise ValidationError(_("Dữ liệu không thuộc xã này."))
    attendee = Attendee(
        event=event,
        full_name=" ".join(full_name.split()),
        phone=_clean_phone(phone),
        village=village,
        group=group,
        is_woman=is_woman,
        is_ethnic_minority=is_ethnic_minority,
        is_sample=is_sample,
    )
    attendee.full_clean()
    attendee.save()
    consent = ConsentRecord(
        attendee=attendee,
        notice=notice,
        given_at=given_at or timezone.now(),
        method=method,
        collected_by=actor if getattr(actor, "is_authenticated", False) else None,
        is_sample=is_sample,
    )
    consent.full_clean()
    consent.save()
    audit_log(actor=actor, verb="attendee.added", target=attendee, commune=event.activity.commune)
    return attendee


@transaction.atomic
def attendee_remove(*, attendee: Attendee, actor: Any) -> None:
    commune = attendee.event.activity.commune
    audit_log(
        actor=actor,
        verb="attendee.removed",
        target=attendee,
        before={"id": attendee.pk, "event": attendee.event_id},
        commune=commune,
    )
    attendee.delete()


@transaction.atomic
def consent_withdraw(*, attendee: Attendee, actor: Any) -> Attendee:
    """The person withdraws consent: the phone number goes at once; the name stays only as
    the attendance record of that day until the person also asks for erasure."""
    consent = attendee.consent
    before = snapshot(consent)
    consent.withdrawn_at = timezone.now()
    consent.save()
    attendee.phone = ""
    attendee.save()
    audit_log(
        actor=actor,
        verb="consent.withdrawn",
        target=consent,
        commune=consent.notice.commune,
        before=before,
    )
    return attendee


def person_find(*, commune: Any, name: str = "", phone: str = "") -> QuerySet[Attendee]:
    """Every attendee row that may be this person: same phone, or same name (no accents)."""
    qs = Attendee.objects.filter(event__activity__commune=commune).select_related(
        "event__activity", "village", "consent__notice"
    )
    digits = re.sub(r"\D", "", phone or "")
    wanted = fold(" ".join((name or "").split()))
    if not digits and not wanted:
        return qs.none()
    ids = [
        pk
        for pk, full_name, phone_digits in qs.values_list("id", "full_name", "phone")
        if (digits and phone_digits == digits) or (wanted and fold(full_name) == wanted)
    ]
    return qs.filter(pk__in=ids).order_by("event__activity__held_on")


def _log(
    *,
    commune: Any,
    actor: Any,
    kind: str,
    name: str,
    phone: str,
    received_on: dt.date,
    count: int,
    note: str,
) -> DataRequest:
    request = DataRequest(
        commune=commune,
        kind=kind,
        subject_name=name.strip()[:150] or "—",
        subject_phone=mask_phone(phone),
        received_on=received_on,
        handled_at=timezone.now(),
        handled_by=actor,
        records_affected=count,
        note=note,
    )
    request.full_clean()
    request.save()
    audit_log(
        actor=actor,
        verb="data_request.exported" if kind == "export" else "data_request.erased",
        target=request,
        commune=commune,
    )
    return request


@transaction.atomic
def person_export(
    *,
    commune: Any,
    actor: Any,
    attendees: list[Attendee],
    name: str,
    phone: str,
    received_on: dt.date,
    note: str = "",
) -> tuple[DataRequest, dict[str, Any]]:
    """Everything held about the person, as a JSON-ready dict; the request is logged."""
    records = []
    for a in attendees:
        consent = getattr(a, "consent", None)
        records.append(
            {
                "su_kien": a.event.activity.title,
                "ngay": a.event.activity.held_on.isoformat(),
                "ho_ten": a.full_name,
                "dien_thoai": a.phone,
                "thon": str(a.village) if a.village else "",
                "thanh_phan": a.get_group_display(),
                "nu": a.is_woman,
                "dan_toc_thieu_so": a.is_ethnic_minority,
                "dong_y": {
                    "luc": consent.given_at.isoformat() if consent else None,
                    "hinh_thuc": consent.get_method_display() if consent else None,
                    "phien_ban_thong_bao": consent.notice.version if consent else None,
                    "muc_dich": consent.notice.purpose if consent else None,
                    "rut_lai_luc": consent.withdrawn_at.isoformat()
                    if consent and consent.withdrawn_at
                    else None,
                },
            }
        )
    request = _log(
        commune=commune,
        actor=actor,
        kind=DataRequest.Kind.EXPORT,
        name=name,
        phone=phone,
        received_on=received_on,
        count=len(records),
        note=note,
    )
    return request, {
        "don_vi": str(commune),
        "yeu_cau": request.pk,
        "xuat_luc": request.handled_at.isoformat(),  # type: ignore[union-attr]  # set by _log
        "du_lieu": records,
    }


@transaction.atomic
def person_erase(
    *,
    commune: Any,
    actor: Any,
    attendees: list[Attendee],
    name: str,
    phone: str,
    received_on: dt.date,
    note: str = "",
) -> DataRequest:
    """Delete the person's attendee rows and consent records; event counts are kept."""
    if not attendees:
        raise ValidationError(_("Không tìm thấy dữ liệu nào của người này."))
    if any(a.event.activity.commune_id != commune.pk for a in attendees):
        raise ValidationError(_("Dữ liệu không thuộc xã này."))
    count = len(attendees)
    Attendee.objects.filter(pk__in=[a.pk for a in attendees]).delete()
    return _log(
        commune=commune,
        actor=actor,
        kind=DataRequest.Kind.ERASE,
        name=name,
        phone=phone,
        received_on=received_on,
        count=count,
        note=note,
    )
