"""Import activities from a spreadsheet (CSV or XLSX), all or nothing (ADR 0026).

Headers are matched without accents or case ("Ngay thuc hien" = "Ngày thực hiện"); every
row is checked through the same service as the forms; if any row fails, nothing is saved
and every failing row is reported with its number and a Vietnamese message.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from loalang.activities import services
from loalang.activities.coverage import plan_for_year
from loalang.activities.details import GuidanceCount, PrintedMaterial, SocialPost, VisualItem
from loalang.activities.models import Activity
from loalang.core.sheets import (
    DATE,
    MONEY,
    NUMBER,
    TEXT,
    Book,
    Column,
    UnreadableSheet,
    read_xlsx_rows,
)
from loalang.core.text import fold
from loalang.events.models import Event
from loalang.people.models import OrgUnit
from loalang.places.models import Village

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
MAX_COLS = 64  # the template has about twenty columns; anything past this is ignored

# (key, header shown in the template, required)
COLUMNS = [
    ("kind", "Hình thức", True),
    ("title", "Tiêu đề", True),
    ("held_on", "Ngày thực hiện", True),
    ("ended_on", "Đến ngày", False),
    ("villages", "Thôn", False),
    ("themes", "Nội dung", False),
    ("reach", "Số người tiếp cận", False),
    ("cost_vnd", "Kinh phí (đồng)", False),
    ("funding", "Nguồn kinh phí", False),
    ("org_unit", "Đơn vị thực hiện", False),
    ("description", "Mô tả", False),
    ("subtype", "Loại", False),
    ("platform", "Nền tảng", False),
    ("url", "Đường dẫn", False),
    ("copies", "Số bản", False),
    ("minutes", "Số phút", False),
    ("officials", "Cán bộ", False),
    ("team_members", "Thành viên tổ", False),
    ("residents", "Người dân", False),
    ("women", "Nữ", False),
    ("ethnic_minorities", "Dân tộc thiểu số", False),
    ("households", "Số hộ", False),
    ("messages_sent", "Số tin nhắn", False),
]
_HEADER_KEY = {fold(h): k for k, h, _r in COLUMNS}
_INT_KEYS = {
    "reach",
    "cost_vnd",
    "copies",
    "minutes",
    "officials",
    "team_members",
    "residents",
    "women",
    "ethnic_minorities",
    "households",
    "messages_sent",
}


@dataclass
class ImportResult:
    created: list[Activity] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def read_rows(data: bytes) -> list[dict[str, Any]]:
    """Rows as dicts keyed by column key; row numbers as the spreadsheet shows them."""
    if len(data) > MAX_BYTES:
        raise ValidationError(_("Tệp quá lớn (tối đa 5 MB)."))
    if data.startswith(b"PK\x03\x04"):
        try:
            raw = read_xlsx_rows(data, max_rows=MAX_ROWS + 2, max_cols=MAX_COLS)
        except UnreadableSheet as exc:
            raise ValidationError(_("Không đọc được tệp Excel.")) from exc
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ValidationError(_("Tệp CSV phải lưu theo bảng mã UTF-8.")) from exc
        try:
            dialect: Any = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
        except csv.Error:  # one column, or not a CSV at all: the header check says which
            dialect = csv.excel
        try:
            raw = list(csv.reader(io.StringIO(text), dialect))
        except csv.Error as exc:
            raise ValidationError(_("Không đọc được tệp CSV.")) from exc
    if not raw:
        raise ValidationError(_("Tệp không có dữ liệu."))
    keys = [_HEADER_KEY.get(fold(str(h or "")).strip()) for h in raw[0]]
    missing = [h for k, h, req in COLUMNS if req and k not in keys]
    if missing:
        raise ValidationError(_("Thiếu cột: %(cols)s.") % {"cols": ", ".join(missing)})
    rows = []
    for number, values in enumerate(raw[1:], start=2):
        if not any(v not in (None, "") for v in values):
            continue
        row: dict[str, Any] = {"_row": number}
        for key, value in zip(keys, values, strict=False):
            if key:
                row[key] = value.strip() if isinstance(value, str) else value
        rows.append(row)
    if len(rows) > MAX_ROWS:
        raise ValidationError(_("Tối đa %(n)s dòng mỗi lần nhập.") % {"n": MAX_ROWS})
    return rows


def _date(value: Any, label: str) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    for fmt in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValidationError(
        _("%(col)s: ngày không hợp lệ “%(v)s” (dd/mm/yyyy).") % {"col": label, "v": text}
    )


def _int(value: Any, label: str) -> int | None:
    if value in (None, ""):
        return None
    try:
        number = int(
            float(str(value).replace(".", "").replace(" ", "")) if isinstance(value, str) else value
        )
    except (TypeError, ValueError) as exc:
        raise ValidationError(
            _("%(col)s: cần một số, nhận được “%(v)s”.") % {"col": label, "v": value}
        ) from exc
    if number < 0:
        raise ValidationError(_("%(col)s: không được âm.") % {"col": label})
    return number


def _choice(value: Any, choices: list[tuple[str, Any]], label: str, default: str | None) -> str:
    if value in (None, ""):
        if default is None:
            raise ValidationError(_("Thiếu %(col)s.") % {"col": label})
        return default
    wanted = fold(str(value))
    for code, text in choices:
        if wanted in (fold(code), fold(str(text))):
            return code
    raise ValidationError(
        _("%(col)s: không có giá trị “%(v)s”. Dùng một trong: %(list)s.")
        % {"col": label, "v": value, "list": "; ".join(str(t) for _c, t in choices)}
    )


class _Lookup:
    def __init__(self, commune: Any) -> None:
        self.commune = commune
        self.villages = {fold(v.name): v for v in Village.objects.filter(commune=commune)}
        self.villages.update({fold(str(v)): v for v in self.villages.values()})
        self.units = {}
        for u in OrgUnit.objects.filter(commune=commune):
            self.units[fold(u.name)] = u
            if u.short_name:
                self.units[fold(u.short_name)] = u
        self.plans: dict[int, Any] = {}

    def plan(self, year: int) -> Any:
        if year not in self.plans:
            plan = plan_for_year(self.commune, year)
            themes = {t.letter.lower(): t for t in plan.themes.all()} if plan else {}
            funds = {fold(f.name): f for f in plan.funding_sources.all()} if plan else {}
            self.plans[year] = (plan, themes, funds)
        return self.plans[year]


def _row_kwargs(row: dict[str, Any], look: _Lookup) -> dict[str, Any]:
    h = {k: h for k, h, _r in COLUMNS}
    kind = _choice(row.get("kind"), list(Activity.Kind.choices), h["kind"], None)
    held_on = _date(row.get("held_on"), h["held_on"])
    if held_on is None:
        raise ValidationError(_("Thiếu %(col)s.") % {"col": h["held_on"]})
    n = {k: _int(row.get(k), h[k]) for k in _INT_KEYS}
    plan, themes_by_letter, funds = look.plan(held_on.year)
    villages = []
    for name in str(row.get("villages") or "").replace(";", ",").split(","):
        name = name.strip()
        if not name or fold(name) in ("toan xa", "ca xa"):
            continue
        if fold(name) not in look.villages:
            raise ValidationError(_("Không có thôn “%(v)s” trong xã.") % {"v": name})
        villages.append(look.villages[fold(name)])
    themes = []
    for letter in str(row.get("themes") or "").replace(";", ",").split(","):
        letter = letter.strip().rstrip(")").lower()
        if not letter:
            continue
        if letter not in themes_by_letter:
            raise ValidationError(
                _("Kế hoạch năm %(y)s không có nội dung “%(l)s”.")
                % {"y": held_on.year, "l": letter}
            )
        themes.append(themes_by_letter[letter])
    funding = None
    if row.get("funding"):
        funding = funds.get(fold(str(row["funding"])))
        if funding is None:
            raise ValidationError(
                _("Không có nguồn kinh phí “%(v)s” trong kế hoạch.") % {"v": row["funding"]}
            )
    unit = None
    if row.get("org_unit"):
        unit = look.units.get(fold(str(row["org_unit"])))
        if unit is None:
            raise ValidationError(_("Không có đơn vị “%(v)s” trong xã.") % {"v": row["org_unit"]})
    fields = {
        "title": str(row.get("title") or "")[:300],
        "held_on": held_on,
        "ended_on": _date(row.get("ended_on"), h["ended_on"]),
        "plan": plan,
        "reach": n["reach"],
        "cost_vnd": n["cost_vnd"] or 0,
        "funding_source": funding,
        "org_unit": unit,
        "description": str(row.get("description") or ""),
    }
    if kind == Activity.Kind.RADIO_BROADCAST:
        fields["minutes"] = n["minutes"]
    detail, extra = _detail(kind, row, n, villages, h)
    return {
        "kind": kind,
        "fields": fields,
        "themes": themes,
        "villages": villages,
        "detail": detail,
        **extra,
    }


def _detail(kind: str, row: dict, n: dict, villages: list, h: dict) -> tuple[dict, dict]:
    K = Activity.Kind
    sub = row.get("subtype")
    url = str(row.get("url") or "")
    if kind == K.PORTAL_POST:
        return {"url": url}, {}
    if kind == K.SOCIAL_POST:
        platform = _choice(
            row.get("platform"), list(SocialPost.Platform.choices), h["platform"], None
        )
        return {"platform": platform, "url": url}, {}
    if kind == K.RADIO_BROADCAST:
        return {"station": str(sub or _("Đài truyền thanh xã"))}, {}
    if kind == K.VISUAL:
        item = _choice(
            sub, list(VisualItem.ItemKind.choices), h["subtype"], VisualItem.ItemKind.BANNER
        )
        return {
            "item_kind": item,
            "text": str(row.get("description") or row.get("title")),
            "quantity": n["copies"] or 1,
            "village": villages[0] if len(villages) == 1 else None,
        }, {}
    if kind == K.BULLETIN:
        return {"copies": n["copies"] or 0}, {}
    if kind == K.PRINTED:
        material = _choice(sub, list(PrintedMaterial.MaterialKind.choices), h["subtype"], "leaflet")
        return {"material_kind": material, "copies_printed": n["copies"] or 0}, {}
    if kind == K.EVENT:
        event_kind = _choice(sub, list(Event.EventKind.choices), h["subtype"], "community")
        return {
            "event_kind": event_kind,
            **{
                k: n[k] or 0
                for k in ("officials", "team_members", "residents", "women", "ethnic_minorities")
            },
        }, {}
    if kind == K.TEAM_GUIDANCE:
        guidance = {}
        if row.get("platform"):
            platform = _choice(
                row["platform"], list(GuidanceCount.Platform.choices), h["platform"], None
            )
            guidance = {platform: (n["households"] or 0, n["reach"] or 0)}
        return {"households": n["households"] or 0, "people": n["reach"] or 0}, {
            "guidance": guidance
        }
    if kind == K.PROPAGANDIST:
        return {"sessions": 1}, {}
    return {"messages_sent": n["messages_sent"] or 0}, {}


def activities_import(*, commune: Any, actor: Any, data: bytes) -> ImportResult:
    """Check every row; save them all, or none and report each failing row."""
    result = ImportResult()
    try:
        rows = read_rows(data)
    except ValidationError as exc:
        result.errors.append((0, " ".join(exc.messages)))
        return result
    if not rows:
        result.errors.append((0, _("Tệp không có dòng dữ liệu nào.")))
        return result
    look = _Lookup(commune)
    with transaction.atomic():
        for row in rows:
            try:
                with transaction.atomic():
                    kwargs = _row_kwargs(row, look)
                    result.created.append(
                        services.activity_log(commune=commune, actor=actor, **kwargs)
                    )
            except ValidationError as exc:
                result.errors.append((row["_row"], _messages(exc)))
        if result.errors:
            result.created = []
            transaction.set_rollback(True)
    return result


def _messages(exc: ValidationError) -> str:
    if hasattr(exc, "error_dict"):
        return "; ".join(
            f"{k}: {' '.join(v)}" if k != "__all__" else " ".join(v)
            for k, v in exc.message_dict.items()
        )
    return " ".join(exc.messages)


_TEMPLATE_KINDS = {"held_on": DATE, "ended_on": DATE, "cost_vnd": MONEY}


def template_xlsx() -> bytes:
    """The import template: headers, two example rows and a sheet of allowed values."""
    book = Book()
    ws = book.sheet(
        "Hoạt động",
        [
            Column(h, _TEMPLATE_KINDS.get(k, NUMBER if k in _INT_KEYS else TEXT))
            for k, h, _r in COLUMNS
        ],
    )
    examples: list[dict[str, Any]] = [
        {
            "kind": "event",
            "title": "Hội nghị tuyên truyền chuyển đổi số",
            "held_on": dt.date(2023, 3, 15),
            "villages": "Khằm",
            "themes": "a, b",
            "reach": 85,
            "cost_vnd": 1500000,
            "subtype": "Hội nghị",
            "officials": 5,
            "team_members": 10,
            "residents": 70,
            "women": 40,
            "ethnic_minorities": 60,
        },
        {
            "kind": "Tổ công nghệ số hướng dẫn người dân",
            "title": "Hướng dẫn cài VNeID mức 2",
            "held_on": dt.date(2023, 3, 20),
            "villages": "Nán",
            "themes": "c",
            "reach": 32,
            "platform": "vneid_level2",
            "households": 18,
        },
    ]
    for example in examples:
        ws.row([example.get(k, "") for k, _h, _r in COLUMNS])
    choices = [
        ("Hình thức", Activity.Kind.choices),
        ("Nền tảng (mạng xã hội)", SocialPost.Platform.choices),
        ("Nền tảng (tổ công nghệ số)", GuidanceCount.Platform.choices),
        ("Loại (cổ động trực quan)", VisualItem.ItemKind.choices),
        ("Loại (ấn phẩm)", PrintedMaterial.MaterialKind.choices),
        ("Loại (sự kiện)", Event.EventKind.choices),
    ]
    help_ws = book.sheet(
        "Giá trị hợp lệ",
        [Column("Cột", width=28), Column("Giá trị (mã hoặc tên)", width=120)],
    )
    for label, values in choices:
        help_ws.row([label, "; ".join(f"{c} = {t}" for c, t in values)])
    help_ws.row(["Ngày", "dd/mm/yyyy, ví dụ 15/03/2023"])
    help_ws.row(["Thôn", "Tên thôn, nhiều thôn cách nhau bằng dấu phẩy; để trống nếu toàn xã"])
    help_ws.row(["Nội dung", "Ký hiệu nội dung của kế hoạch cùng năm, ví dụ: a, b, đ"])
    return book.to_bytes()
