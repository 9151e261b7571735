"""Importing villages and users for a province's communes from a CSV or XLSX sheet.

The template is written with core.sheets; uploads are read with openpyxl (XLSX) or csv.
All or nothing: every row is checked first, errors are collected with their row number in
Vietnamese, and only a sheet without errors is written, in one transaction.
"""

from __future__ import annotations

import csv
import io
import secrets
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.hashers import make_password
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from loalang.accounts.hashers import ONE_TIME_HASHER
from loalang.accounts.models import Membership, Role, User
from loalang.core.audit import audit_log
from loalang.core.sheets import Book, Column, UnreadableSheet, csv_bytes, read_xlsx_rows
from loalang.core.text import fold
from loalang.places.models import Commune, Province, Village

VILLAGES, USERS = "thon", "nguoi-dung"
KINDS = {VILLAGES: _("thôn, bản"), USERS: _("người dùng")}
HEADERS = {
    VILLAGES: ["Xã, phường", "Loại", "Tên thôn, bản, tổ dân phố", "Số hộ", "Số nhân khẩu"],
    USERS: ["Xã, phường", "Tên đăng nhập", "Họ và tên", "Vai trò", "Thôn (trưởng thôn)"],
}
EXAMPLES: dict[str, list[list[Any]]] = {
    VILLAGES: [["Điền Lư", "bản", "Khằm", 182, 730], ["Điền Lư", "thôn", "Đông Tâm", 168, ""]],
    USERS: [
        ["Điền Lư", "vanhoa.dienlu", "Lê Thị Hoa", "Văn hóa - Xã hội (phụ trách truyền thông)", ""],
        ["Điền Lư", "truongthon.kham", "Hà Văn Khằm", "Trưởng thôn", "Khằm"],
    ],
}
# Roles a sheet may grant: the ones tied to a team or an organisation unit need records the
# sheet cannot name, and province roles are not commune roles.
SHEET_ROLES = [Role.CHAIR, Role.VICE_CHAIR, Role.CULTURE, Role.FINANCE, Role.VILLAGE_HEAD]
MAX_ROWS = 2000
MAX_COLS = 32  # the templates have fewer than ten columns; anything past this is ignored
MAX_BYTES = 2 * 1024 * 1024


class SheetErrors(Exception):
    def __init__(self, errors: list[str]) -> None:
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass
class ImportResult:
    created: int = 0
    passwords: list[tuple[str, str, str]] = field(default_factory=list)  # (commune, user, pw)


def template_bytes(kind: str, fmt: str) -> bytes:
    header, examples = HEADERS[kind], EXAMPLES[kind]
    if fmt == "csv":
        return csv_bytes(header, examples)
    book = Book()
    sheet = book.sheet(str(KINDS[kind]).capitalize(), [Column(h) for h in header])
    for row in examples:
        sheet.row(row)
    if kind == USERS:
        roles = book.sheet("Vai trò", [Column("Vai trò được phép")])
        for role in SHEET_ROLES:
            roles.row([str(role.label)])
    return book.to_bytes()


def read_rows(upload: Any) -> list[list[str]]:
    """The data rows (header dropped) as stripped strings, from an XLSX or CSV upload."""
    if upload.size > MAX_BYTES:
        raise SheetErrors([_("Tệp quá lớn (tối đa 2 MB).")])
    raw = upload.read()
    name = (upload.name or "").lower()
    rows: list[list[Any]]
    if name.endswith(".xlsx"):
        try:
            rows = read_xlsx_rows(raw, max_rows=MAX_ROWS * 2 + 1, max_cols=MAX_COLS)
        except UnreadableSheet as exc:
            raise SheetErrors([_("Không đọc được tệp XLSX.")]) from exc
    elif name.endswith(".csv"):
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise SheetErrors([_("Tệp CSV phải lưu bằng mã UTF-8.")]) from exc
        rows = list(csv.reader(io.StringIO(text)))
    else:
        raise SheetErrors([_("Chỉ nhận tệp .xlsx hoặc .csv theo mẫu.")])
    first = fold(str((rows[0] or [""])[0] or "")) if rows else ""
    if rows and not first.startswith(("xa", "phuong")):
        # Both templates start with the commune column; a file without the template's header
        # row would otherwise lose its first data row and fail on the rest for the wrong reason.
        raise SheetErrors(
            [_("Dòng 1 phải là dòng tiêu đề theo mẫu (cột đầu tiên là “Xã, phường”).")]
        )
    cleaned = [
        ["" if v is None else str(v).strip() for v in r]
        for r in rows[1:]
        if any(v not in (None, "") for v in r)
    ]
    if len(cleaned) > MAX_ROWS:
        raise SheetErrors([_("Tệp có quá %(n)s dòng.") % {"n": MAX_ROWS}])
    if not cleaned:
        raise SheetErrors([_("Tệp không có dòng dữ liệu nào.")])
    return cleaned


def _communes(province: Province) -> dict[str, Commune]:
    index: dict[str, Commune] = {}
    for c in Commune.objects.filter(province=province, is_active=True):
        index[fold(c.name)] = c
        index[fold(c.full_name)] = c
        if c.code:
            index[c.code] = c
    return index


def _cell(row: list[str], i: int) -> str:
    return row[i] if i < len(row) else ""


def _number(text: str, label: str, where: str, errors: list[str]) -> int | None:
    if not text:
        return None
    try:
        value = (
            int(float(text.replace(".", "").replace(",", "")))
            if "." in text or "," in text
            else int(text)
        )
    except ValueError:
        errors.append(_("%(where)s: %(label)s phải là số.") % {"where": where, "label": label})
        return None
    if value < 0:
        errors.append(_("%(where)s: %(label)s không được âm.") % {"where": where, "label": label})
        return None
    return value


@transaction.atomic
def import_villages(*, province: Province, rows: list[list[str]], actor: Any) -> ImportResult:
    communes = _communes(province)
    kinds = {fold(str(label)): value for value, label in Village.Kind.choices}
    errors: list[str] = []
    seen: set[tuple[int, str]] = set()
    planned: list[Village] = []
    for n, row in enumerate(rows, start=2):
        where = _("Dòng %(n)s") % {"n": n}
        commune = communes.get(fold(_cell(row, 0))) or communes.get(_cell(row, 0))
        if commune is None:
            errors.append(
                _("%(where)s: không có xã, phường “%(name)s” trong tỉnh.")
                % {"where": where, "name": _cell(row, 0)}
            )
            continue
        kind = kinds.get(fold(_cell(row, 1)) or "thon")
        if kind is None:
            errors.append(
                _("%(where)s: loại “%(kind)s” không hợp lệ (thôn, bản, tổ dân phố, khu phố, ấp).")
                % {"where": where, "kind": _cell(row, 1)}
            )
        name = " ".join(_cell(row, 2).split())
        if not name:
            errors.append(_("%(where)s: thiếu tên thôn.") % {"where": where})
            continue
        if (commune.pk, fold(name)) in seen or Village.objects.filter(
            commune=commune, name__iexact=name
        ).exists():
            errors.append(
                _("%(where)s: %(commune)s đã có thôn “%(name)s”.")
                % {"where": where, "commune": commune.full_name, "name": name}
            )
            continue
        seen.add((commune.pk, fold(name)))
        households = _number(_cell(row, 3), _("số hộ"), where, errors)
        population = _number(_cell(row, 4), _("số nhân khẩu"), where, errors)
        planned.append(
            Village(
                commune=commune,
                kind=kind or "thon",
                name=name,
                households=households,
                population=population,
            )
        )
    if errors:
        raise SheetErrors(errors)
    for village in planned:
        village.full_clean()
        village.save()
        audit_log(actor=actor, verb="village.imported", target=village, commune=village.commune)
    return ImportResult(created=len(planned))


@transaction.atomic
def import_users(*, province: Province, rows: list[list[str]], actor: Any) -> ImportResult:
    """New accounts only (an existing user name is an error: ask the commune to grant roles).

    Each account gets a one-time password, shown once, and must change it at first login.
    """
    communes = _communes(province)
    roles = {fold(str(r.label)): r for r in SHEET_ROLES}
    errors: list[str] = []
    seen: set[str] = set()
    planned: list[tuple[Commune, str, str, Role, Village | None]] = []
    for n, row in enumerate(rows, start=2):
        where = _("Dòng %(n)s") % {"n": n}
        commune = communes.get(fold(_cell(row, 0))) or communes.get(_cell(row, 0))
        if commune is None:
            errors.append(
                _("%(where)s: không có xã, phường “%(name)s” trong tỉnh.")
                % {"where": where, "name": _cell(row, 0)}
            )
            continue
        username = _cell(row, 1).lower()
        try:
            User.username_validator(username)
        except ValidationError:
            errors.append(
                _("%(where)s: tên đăng nhập “%(u)s” chỉ được có chữ không dấu, số và . @ + - _.")
                % {"where": where, "u": username}
            )
            continue
        if not username:
            errors.append(_("%(where)s: thiếu tên đăng nhập.") % {"where": where})
            continue
        if username in seen or User.objects.filter(username__iexact=username).exists():
            errors.append(
                _("%(where)s: tên đăng nhập “%(u)s” đã có.") % {"where": where, "u": username}
            )
            continue
        seen.add(username)
        full_name = " ".join(_cell(row, 2).split())
        if not full_name:
            errors.append(_("%(where)s: thiếu họ và tên.") % {"where": where})
        role = roles.get(fold(_cell(row, 3)))
        if role is None:
            errors.append(
                _(
                    "%(where)s: vai trò “%(r)s” không có trong danh sách "
                    "(xem trang “Vai trò” của tệp mẫu)."
                )
                % {"where": where, "r": _cell(row, 3)}
            )
            continue
        village = None
        if role == Role.VILLAGE_HEAD:
            village = Village.objects.filter(commune=commune, name__iexact=_cell(row, 4)).first()
            if village is None:
                errors.append(
                    _("%(where)s: trưởng thôn cần tên thôn có trong %(c)s.")
                    % {"where": where, "c": commune.full_name}
                )
                continue
        planned.append((commune, username, full_name, role, village))
    if errors:
        raise SheetErrors(errors)
    result = ImportResult()
    for commune, username, full_name, role, village in planned:
        password = "-".join(secrets.token_hex(3) for _ in range(3))
        user = User(username=username, full_name=full_name, must_change_password=True)
        validate_password(password, user)
        # random and changed at first sign-in: the cheap one-time hasher keeps 2,000 rows
        # inside one request (loalang/accounts/hashers.py)
        user.password = make_password(password, hasher=ONE_TIME_HASHER)
        user.full_clean()
        user.save()
        membership = Membership(user=user, commune=commune, role=role, village=village)
        membership.full_clean()
        membership.save()
        audit_log(actor=actor, verb="membership.imported", target=membership, commune=commune)
        result.passwords.append((commune.full_name, username, password))
    result.created = len(planned)
    return result
