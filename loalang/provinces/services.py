"""Writes a province administrator makes: communes, merges, defaults, passwords, hosts.

Every function is keyword-only, takes the `actor`, runs in one transaction and writes the
audit log. Commune-level data is never touched outside the province passed in.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import secrets
import unicodedata
from collections.abc import Sequence
from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from loalang.accounts.models import Membership, User
from loalang.core.audit import audit_log
from loalang.core.text import clean_name, fold
from loalang.places.models import (
    RESERVED_SLUGS,
    SLUG_BASE_CHARS,
    Commune,
    CommuneMerger,
    Province,
    Village,
)
from loalang.portal import pagecache
from loalang.provinces import hosts
from loalang.provinces.models import CommuneHost

log = logging.getLogger(__name__)


def _free_slug(name: str, province: Province) -> str:
    base = slugify(fold(name))[:SLUG_BASE_CHARS].strip("-") or "xa"
    tail = f"-{province.slug}"[: 50 - len(base) - 4]  # room for "-NNN"
    for candidate in (base, f"{base}{tail}"):
        if candidate not in RESERVED_SLUGS and not Commune.objects.filter(slug=candidate).exists():
            return candidate
    n = 2
    while Commune.objects.filter(slug=f"{base}{tail}-{n}").exists():
        n += 1
    return f"{base}{tail}-{n}"


RESERVED_HOST_LABELS = frozenset({"www", "mail", "smtp", "webmail", "ftp", "ns1", "ns2", "vpn"})
_KIND_PREFIXES = ("xã ", "phường ", "đặc khu ", "thị trấn ")


def _commune_name(name: str) -> str:
    """The name as stored: composed Unicode (NFC), single spaces, without a typed "xã …" or
    "phường …" in front (the kind says that)."""
    name = clean_name(name)
    for prefix in _KIND_PREFIXES:
        if name.casefold().startswith(prefix) and len(name) > len(prefix):
            return name[len(prefix) :]
    return name


@transaction.atomic
def commune_create(*, province: Province, kind: str, name: str, code: str, actor: Any) -> Commune:
    name = _commune_name(name)
    if not name or name.casefold() in {p.strip() for p in _KIND_PREFIXES}:
        raise ValidationError({"name": _("Nhập tên xã, phường (không kèm chữ “xã”).")})
    code = code.strip()
    taken = {
        unicodedata.normalize("NFC", n).casefold()
        for n in Commune.objects.filter(province=province).values_list("name", flat=True)
    }
    if name.casefold() in taken:  # also as a ward: a sheet naming "Điền Lư" must find one unit
        raise ValidationError({"name": _("Tỉnh đã có đơn vị tên này.")})
    if code and not (code.isascii() and code.isdigit()):
        raise ValidationError({"code": _("Mã đơn vị hành chính chỉ gồm chữ số (ví dụ: 14944).")})
    if code and Commune.objects.filter(code=code).exists():
        raise ValidationError({"code": _("Mã đơn vị hành chính này đã có trong Loa Làng.")})
    commune = Commune(
        province=province, kind=kind, name=name, code=code, slug=_free_slug(name, province)
    )
    commune.full_clean()
    commune.save()
    audit_log(actor=actor, verb="commune.created", target=commune, commune=commune)
    return commune


@transaction.atomic
def commune_set_active(*, commune: Commune, is_active: bool, actor: Any) -> Commune:
    """Deactivate (or reactivate) a commune: its records stay; its portal stops answering."""
    before = {"is_active": commune.is_active}
    commune.is_active = is_active
    commune.save(update_fields=["is_active", "updated_at"])
    audit_log(
        actor=actor,
        verb="commune.activated" if is_active else "commune.deactivated",
        target=commune,
        commune=commune,
        before=before,
    )
    transaction.on_commit(hosts.forget)
    transaction.on_commit(lambda: pagecache.bump(commune))
    return commune


# --- Merging communes inside Loa Làng ------------------------------------------------------
# Relations that describe the commune itself rather than belong to it: they stay.
_KEEP = {("places", "Commune", "successor"), ("places", "CommuneMerger", "former_commune")}


def _commune_relations() -> list[tuple[type[models.Model], str]]:
    """Every (model, field name) holding a foreign key to Commune, M2M tables included."""
    found = []
    for model in apps.get_models(include_auto_created=True):
        for f in model._meta.concrete_fields:
            key = (model._meta.app_label, model.__name__, f.name)
            if isinstance(f, models.ForeignKey) and f.related_model is Commune and key not in _KEEP:
                found.append((model, f.name))
    return found


def _merge_villages(sources: list[Commune], target: Commune) -> None:
    """A village whose name the target already has gets the former commune's name appended."""
    taken = {fold(n) for n in Village.objects.filter(commune=target).values_list("name", flat=True)}
    for source in sources:
        for village in Village.objects.filter(commune=source):
            name = village.name
            if fold(name) in taken:
                name = f"{name} ({source.name})"
            taken.add(fold(name))
            Village.objects.filter(pk=village.pk).update(commune=target, name=name)


def _merge_former_units(sources: list[Commune], target: Commune) -> None:
    """The sources' own former units move to the target, but for those the target already
    lists: the same code and the same name or date (both loaded from the official list; a
    code alone is not enough, the statistics office reused pre-2025 codes)."""
    names: set[tuple[str, str]] = set()
    dates: set[tuple[str, dt.date]] = set()
    for code, name, day in (
        CommuneMerger.objects.filter(commune=target)
        .exclude(former_code="")
        .values_list("former_code", "former_name", "effective_on")
    ):
        names.add((code, fold(name)))
        dates.add((code, day))
    for merger in CommuneMerger.objects.filter(commune__in=sources):
        code = merger.former_code
        if code and (
            (code, fold(merger.former_name)) in names or (code, merger.effective_on) in dates
        ):
            merger.delete()
            continue
        if code:
            names.add((code, fold(merger.former_name)))
            dates.add((code, merger.effective_on))
        CommuneMerger.objects.filter(pk=merger.pk).update(commune=target)


def _merge_hosts(sources: list[Commune], target: Commune) -> None:
    """The sources' host names keep answering, for the target; the target's primary host
    stays primary (or the first source's primary becomes the target's, if it had none)."""
    has_primary = CommuneHost.objects.filter(commune=target, is_primary=True).exists()
    for host in CommuneHost.objects.filter(commune__in=sources).order_by("-is_primary", "pk"):
        primary = host.is_primary and not has_primary
        has_primary = has_primary or primary
        CommuneHost.objects.filter(pk=host.pk).update(commune=target, is_primary=primary)
    transaction.on_commit(hosts.forget)


def _merge_memberships(sources: list[Commune], target: Commune) -> None:
    """A role the user already holds in the target is dropped instead of duplicated."""
    keys = ["user_id", "role", "village_id", "org_unit_id", "team_id"]
    held = set(Membership.objects.filter(commune=target).values_list(*keys))
    for m in Membership.objects.filter(commune__in=sources):
        key = tuple(getattr(m, k) for k in keys)
        if key in held:
            m.delete()
        else:
            held.add(key)
            Membership.objects.filter(pk=m.pk).update(commune=target)


@transaction.atomic
def commune_merge(
    *,
    sources: list[Commune],
    target: Commune,
    effective_on: dt.date,
    actor: Any,
    legal_basis: str = "",
) -> Commune:
    """Combine `sources` into `target`: everything the sources own moves to the target.

    Users' roles, villages (renamed on a clash), plans, registers, activities, reports, radio,
    portal content and the audit history all point at the target afterwards; each source is
    kept, deactivated, with `successor` = target (its old portal addresses answer 301 to the
    target) and one `CommuneMerger` row under the target. All or nothing: a clash the data
    cannot resolve (two plans with the same number, say) rolls everything back.
    """
    sources = [s for s in sources if s.pk != target.pk]
    if not sources:
        raise ValidationError(_("Chọn ít nhất một xã để sáp nhập vào xã khác."))
    if not dt.date(1945, 9, 2) <= effective_on <= timezone.localdate() + dt.timedelta(days=366):
        raise ValidationError(
            _("Ngày có hiệu lực phải từ năm 1945 đến không quá một năm tới (ngày nhập: %(d)s).")
            % {"d": effective_on.strftime("%d/%m/%Y")}
        )
    if any(s.province_id != target.province_id for s in sources):
        raise ValidationError(_("Chỉ sáp nhập các xã trong cùng một tỉnh."))
    if any(s.successor_id for s in sources) or target.successor_id:
        raise ValidationError(_("Một trong các xã đã được sáp nhập trước đó."))
    _merge_villages(sources, target)
    _merge_memberships(sources, target)
    _merge_former_units(sources, target)
    _merge_hosts(sources, target)
    moved: dict[str, int] = {}
    current: type[models.Model] | None = None
    try:
        with transaction.atomic():
            for model, field in _commune_relations():
                if model in (Village, Membership, CommuneMerger, CommuneHost):
                    continue
                current = model
                n = model._default_manager.filter(**{f"{field}__in": sources}).update(
                    **{field: target}
                )
                if n:
                    moved[f"{model._meta.label_lower}.{field}"] = n
    except IntegrityError as exc:
        what = str(current._meta.verbose_name_plural) if current is not None else ""
        log.warning("commune.merge_clash %s: %s", what, exc)
        raise ValidationError(
            _(
                "Không sáp nhập được: %(what)s của các xã trùng nhau (ví dụ hai văn bản cùng số "
                "ký hiệu). Chưa có gì thay đổi; hãy sửa chỗ trùng rồi sáp nhập lại."
            )
            % {"what": what or _("dữ liệu")}
        ) from exc
    for source in sources:
        # The official list may already name the source as a former unit of the target: the
        # same code AND the same name (codes of pre-2025 units were reused for new ones).
        official = next(
            (
                m
                for m in CommuneMerger.objects.filter(commune=target, former_code=source.code)
                if source.code and fold(m.former_name) == fold(source.full_name)
            ),
            None,
        )
        if official is not None:
            # The official list already names the source as a former unit of the target (Ái
            # Thượng → Điền Lư): link that record to the source instead of a second one.
            official.former_commune = source
            official.legal_basis = official.legal_basis or legal_basis
            official.save(update_fields=["former_commune", "legal_basis", "updated_at"])
        else:
            CommuneMerger.objects.create(
                commune=target,
                former_name=source.full_name,
                former_code=source.code,
                former_district=source.district,
                former_commune=source,
                effective_on=effective_on,
                legal_basis=legal_basis,
            )
        source.successor = target
        source.is_active = False
        source.save(update_fields=["successor", "is_active", "updated_at"])
        audit_log(
            actor=actor,
            verb="commune.merged",
            target=source,
            commune=target,
            after={"into": target.pk, "moved": moved},
        )
    for commune in [*sources, target]:
        transaction.on_commit(functools.partial(pagecache.bump, commune))
    return target


# --- Users ----------------------------------------------------------------------------------
def province_users(province: Province) -> models.QuerySet[User]:
    return User.objects.filter(
        memberships__is_active=True, memberships__commune__province=province
    ).distinct()


def users_with_roles_elsewhere(users: Sequence[User], province: Province) -> set[int]:
    """Of `users`, those the province's administrator may not reset: whoever also holds a role
    outside this province's communes (another province's commune, any province-level role)
    or is the site's staff. Their password opens other doors than this province's. A role
    switched off counts too: it can be switched on again without a new password."""
    ids = {u.pk for u in users if u.is_staff or u.is_superuser}
    ids |= set(
        Membership.objects.filter(user__in=[u.pk for u in users])
        .exclude(commune__province=province)
        .values_list("user_id", flat=True)
    )
    return ids


@transaction.atomic
def user_password_reset(*, province: Province, user: User, actor: Any) -> str:
    """A one-time password for a user of the province's communes; they must change it at login.

    Returns the new password to hand over once; only its hash is stored.
    """
    if not province_users(province).filter(pk=user.pk).exists() or user.is_superuser:
        raise ValidationError(_("Người dùng này không thuộc các xã của tỉnh."), code="outside")
    if user.is_staff:
        raise ValidationError(
            _(
                "Đây là tài khoản quản trị hệ thống: chỉ quản trị hệ thống mới đặt lại được "
                "mật khẩu."
            ),
            code="elsewhere",
        )
    if users_with_roles_elsewhere([user], province):
        raise ValidationError(
            _(
                "Tài khoản này còn có vai trò ngoài các xã của tỉnh (tỉnh khác hoặc cấp tỉnh): "
                "chỉ quản trị hệ thống mới đặt lại được mật khẩu."
            ),
            code="elsewhere",
        )
    password = "-".join(secrets.token_hex(2) for _ in range(3))
    user.set_password(password)
    user.must_change_password = True
    user.save(update_fields=["password", "must_change_password"])
    audit_log(
        actor=actor, verb="user.password_reset", target=user, commune=None, after={"by": "province"}
    )
    return password


# --- Province defaults ----------------------------------------------------------------------
@transaction.atomic
def province_defaults_set(*, province: Province, base: Any, recipients: str, actor: Any) -> Any:
    """Make `base` (an indicator set) the province-wide set, with these report recipients.

    The province's set is an IndicatorSet with `province` set and no communes (reports read it
    through `reports.selectors.indicator_set_for`). A set already used by reports is frozen, so
    changes go into a copy; other province-wide sets of the province are deactivated.
    """
    from loalang.reports.models import IndicatorSet

    recipients = "\n".join(line.strip() for line in recipients.splitlines() if line.strip())
    if not recipients:
        raise ValidationError({"recipients": _("Cần ít nhất một cơ quan nhận báo cáo.")})
    own = base.province_id == province.pk and not base.communes.exists()
    if own and not base.reports.exists():
        chosen = base
        chosen.recipients = recipients
        chosen.is_active = True
        chosen.save(update_fields=["recipients", "is_active", "updated_at"])
    else:
        chosen = IndicatorSet.objects.create(
            code=base.code if own else f"{base.code}-{province.slug}"[:60],
            version=(
                IndicatorSet.objects.filter(
                    code=base.code if own else f"{base.code}-{province.slug}"[:60]
                ).aggregate(m=models.Max("version"))["m"]
                or 0
            )
            + 1,
            name=base.name,
            province=province,
            recipients=recipients,
            note=_("Sao chép từ %(name)s") % {"name": base},
        )
        for ind in base.indicators.all():
            ind.pk = None
            ind.indicator_set = chosen
            ind.save()
    IndicatorSet.objects.filter(province=province, communes__isnull=True, is_active=True).exclude(
        pk=chosen.pk
    ).update(is_active=False)
    audit_log(actor=actor, verb="province.defaults_set", target=chosen, commune=None)
    return chosen


# --- Hosts ----------------------------------------------------------------------------------
@transaction.atomic
def host_add(*, commune: Commune, host: str, actor: Any, is_primary: bool = True) -> CommuneHost:
    """Map `host` to `commune`'s portal. A province administrator maps only names under the
    province's own domain (a host elsewhere, or another province's, is the system
    administrator's call, in the Django admin)."""
    if is_primary:
        CommuneHost.objects.filter(commune=commune, is_primary=True).update(is_primary=False)
    entry = CommuneHost(commune=commune, host=host, is_primary=is_primary)
    entry.clean()
    name = entry.host  # normalised by clean()
    domain = (commune.province.domain or "").strip().lower().rstrip(".")
    if not domain:
        raise ValidationError(
            {
                "host": _(
                    "Tỉnh chưa có tên miền. Đề nghị quản trị hệ thống đặt tên miền của tỉnh "
                    "trước khi gán tên miền cho xã."
                )
            }
        )
    if not name.endswith("." + domain) or name.split(".", 1)[0] in RESERVED_HOST_LABELS:
        # the province's own name, and its www, mail… are the province's, not a commune's
        raise ValidationError(
            {
                "host": _("Chỉ gán được tên miền con thuộc %(d)s của tỉnh (ví dụ: tenxa.%(d)s).")
                % {"d": domain}
            }
        )
    entry.full_clean()
    entry.save()
    audit_log(actor=actor, verb="commune_host.created", target=entry, commune=commune)
    transaction.on_commit(hosts.forget)
    transaction.on_commit(lambda: pagecache.bump(commune))
    return entry


@transaction.atomic
def host_delete(*, entry: CommuneHost, actor: Any) -> None:
    commune = entry.commune
    audit_log(actor=actor, verb="commune_host.deleted", target=entry, commune=commune)
    entry.delete()
    transaction.on_commit(hosts.forget)
    transaction.on_commit(lambda: pagecache.bump(commune))
