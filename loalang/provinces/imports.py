"""Importing villages and users for a province's communes from a CSV or XLSX sheet.

The template is written with core.sheets; uploads are read with openpyxl (XLSX) or csv.
All or nothing: every row is checked first, errors are collected with their row number in
Vietnamese, and only a sheet without errors is written, in one transaction.
"""

from __future__ import annotations

import csv
import io
import secrets
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.hashers import make_password
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from loalang.accounts.hashers import ONE_TIME_HASHER
from loalang.accounts.models import Membership, Role, User
from loalang.core.audit import audit_log
from loalang.core.sheets import (
    Book,
    Column,
    Formula,
    UnreadableSheet,
    csv_bytes,
    read_xlsx_rows,
)
from loalang.core.text import clean_name, fold, format_number
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
# Households or inhabitants of one village: far above any real one, far below the column's
# 2**31 - 1, so a mistyped number is a row error and never a database overflow.
MAX_COUNT = 1_000_000
# No field takes more than 150 characters; a longer cell is cut here (the field's own length
# check still refuses it) so one 50-million-character cell costs no more than a short one.
MAX_CELL_CHARS = 1000
SHOWN_CHARS = 60  # a cell value quoted in a message is cut to this, then "…"
MAX_ERRORS = 200  # messages shown for one file; the rest are counted


class SheetErrors(Exception):
    def __init__(self, errors: list[str]) -> None:
        if len(errors) > MAX_ERRORS:
            more = len(errors) - MAX_ERRORS
            errors = [
                *errors[:MAX_ERRORS],
                _("… và %(n)s lỗi khác: sửa các lỗi trên rồi nhập lại để xem tiếp.") % {"n": more},
            ]
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass
class ImportResult:
    created: int = 0
    passwords: list[tuple[str, str, str]] = field(default_factory=list)  # (commune, user, pw)


def shown(value: str) -> str:
    """A cell value as quoted in a message: never more than SHOWN_CHARS characters."""
    return value if len(value) <= SHOWN_CHARS else value[:SHOWN_CHARS] + "…"


def template_bytes(kind: str, fmt: str) -> bytes:
    header, examples = HEADERS[kind], EXAMPLES[kind]
    if fmt == "csv":
        return csv_bytes(header, examples)
    book = Book()
    sheet = book.sheet(str(KINDS[kind]).capitalize(), [Column(h) for h in header])
    for row in examples:
        sheet.row(row)
    if kind == USERS:
        # the same list import_users checks against: every role a sheet may grant
        roles = book.sheet("Vai trò", [Column("Vai trò được phép")])
        for role in SHEET_ROLES:
            roles.row([str(role.label)])
    return book.to_bytes()


def _text(value: Any) -> str:
    """A cell as stripped text. A whole number stored as a float (XLSX keeps every number as
    one) loses its ".0"; any other number keeps its decimals, for the number check to refuse."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    # Composed Unicode, no invisible or control characters (core.text.clean_name): "Thử" typed
    # decomposed is the same village, not a second one, and a NUL never reaches the database.
    return clean_name(str(value)[:MAX_CELL_CHARS])


def _key(text: str) -> str:
    return " ".join(fold(text).split())


def _header(cells: list[Any]) -> list[str]:
    texts = [_text(v) for v in cells]
    while texts and not texts[-1]:
        texts.pop()
    return texts


def _csv_rows(text: str, expected: list[str]) -> list[list[str]]:
    """CSV with commas, or with semicolons as Excel saves it under Vietnamese regional settings:
    the delimiter is the one that reads the header line as the template's header."""
    first_line = text.split("\n", 1)[0]
    delimiter = ","
    for candidate in (",", ";"):
        header = next(csv.reader([first_line], delimiter=candidate), [])
        if [_key(h) for h in _header(list(header))] == [_key(h) for h in expected]:
            delimiter = candidate
            break
    try:
        return list(csv.reader(io.StringIO(text), delimiter=delimiter))
    except csv.Error as exc:  # a cell over the csv module's 128 KB limit, a stray NUL byte
        raise SheetErrors([_("Không đọc được tệp CSV (có ô quá dài hoặc ký tự lạ).")]) from exc


def _check_header(first: list[Any], kind: str) -> None:
    expected = HEADERS[kind]
    got = _header(first)
    if [_key(h) for h in got] == [_key(h) for h in expected]:
        return
    names = ", ".join(f"“{h}”" for h in expected)
    message = _("Dòng 1 phải là dòng tiêu đề theo mẫu, đủ các cột theo đúng thứ tự: %(names)s.")
    detail = ""
    for i in range(max(len(got), len(expected))):
        have = got[i] if i < len(got) else ""
        want = expected[i] if i < len(expected) else ""
        if _key(have) != _key(want):
            detail = _("Cột %(i)s là “%(have)s”, mẫu là “%(want)s”.") % {
                "i": i + 1,
                "have": shown(have),
                "want": want,
            }
            break
    raise SheetErrors([f"{message % {'names': names}} {detail}".strip()])


def read_rows(upload: Any, kind: str) -> list[tuple[int, list[str]]]:
    """The data rows as (row number in the file, stripped cells of the template's columns).

    The header must be the template's, column for column (case, diacritics and spacing aside):
    a file with columns swapped or missing would otherwise import numbers into the wrong field.
    Rows with nothing but spaces are skipped; an XLSX cell holding a formula is an error.
    """
    if upload.size > MAX_BYTES:
        raise SheetErrors([_("Tệp quá lớn (tối đa 2 MB).")])
    raw = upload.read()
    name = (upload.name or "").lower()
    rows: list[list[Any]]
    if name.endswith(".xlsx"):
        try:
            rows = read_xlsx_rows(raw, max_rows=MAX_ROWS * 2 + 1, max_cols=MAX_COLS, formulas=True)
        except UnreadableSheet as exc:
            raise SheetErrors([_("Không đọc được tệp XLSX.")]) from exc
    elif name.endswith(".csv"):
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise SheetErrors([_("Tệp CSV phải lưu bằng mã UTF-8.")]) from exc
        rows = _csv_rows(text, HEADERS[kind])
    else:
        raise SheetErrors([_("Chỉ nhận tệp .xlsx hoặc .csv theo mẫu.")])
    if not rows:
        raise SheetErrors([_("Tệp không có dòng dữ liệu nào.")])
    _check_header(rows[0], kind)
    width = len(HEADERS[kind])
    errors: list[str] = []
    data: list[tuple[int, list[str]]] = []
    for n, row in enumerate(rows[1:], start=2):
        cells = [_text(v) for v in row[:width]]
        formulas = [i for i, v in enumerate(row[:width]) if isinstance(v, Formula)]
        for i in formulas:
            errors.append(
                _(
                    "Dòng %(n)s, cột “%(col)s”: ô có công thức (%(f)s); hãy gõ giá trị vào ô, "
                    "không dùng công thức."
                )
                % {"n": n, "col": HEADERS[kind][i], "f": shown(row[i])}
            )
        if any(cells) or formulas:
            data.append((n, cells))
    if len(data) > MAX_ROWS:
        raise SheetErrors([_("Tệp có quá %(n)s dòng.") % {"n": MAX_ROWS}])
    if errors:
        raise SheetErrors(errors)
    if not data:
        raise SheetErrors([_("Tệp không có dòng dữ liệu nào.")])
    return data


class _Communes:
    """The province's active communes by what a sheet may write: the code, the name with its
    diacritics (any case, with or without "xã"), or without diacritics when that names only
    one (Hà Long and Hạ Long fold alike: then the diacritics decide)."""

    def __init__(self, province: Province) -> None:
        self.exact: dict[str, Commune] = {}
        folded: dict[str, set[int]] = {}
        self.by_pk: dict[int, Commune] = {}
        for c in Commune.objects.filter(province=province, is_active=True):
            self.by_pk[c.pk] = c
            for name in (c.name, c.full_name):
                self.exact[name.casefold()] = c
                folded.setdefault(_key(name), set()).add(c.pk)
            if c.code:
                self.exact[c.code] = c
        self.folded = {k: next(iter(v)) for k, v in folded.items() if len(v) == 1}

    def get(self, text: str) -> Commune | None:
        found = self.exact.get(text.casefold())
        if found is None and _key(text) in self.folded:
            found = self.by_pk[self.folded[_key(text)]]
        return found


def _villages(province: Province) -> dict[tuple[int, str], Village]:
    """The province's villages by (commune id, name in any case): one query for the sheet."""
    return {
        (v.commune_id, v.name.casefold()): v
        for v in Village.objects.filter(commune__province=province, commune__is_active=True)
    }


def _cell(row: list[str], i: int) -> str:
    return row[i] if i < len(row) else ""


def _number(text: str, label: str, where: str, errors: list[str]) -> int | None:
    """A whole number of digits only, 0 to MAX_COUNT. "1.234" or "12,5" is refused rather than
    guessed: a dot is a thousands separator in Vietnamese and a decimal point in English."""
    if not text:
        return None
    digits = text[1:] if text.startswith("-") else text
    if not (digits.isascii() and digits.isdigit()):
        errors.append(
            _("%(where)s: %(label)s “%(v)s” phải là số nguyên (chỉ gồm chữ số).")
            % {"where": where, "label": label, "v": shown(text)}
        )
        return None
    if text.startswith("-"):
        errors.append(_("%(where)s: %(label)s không được âm.") % {"where": where, "label": label})
        return None
    if len(digits) > len(str(MAX_COUNT)) or int(digits) > MAX_COUNT:
        errors.append(
            _("%(where)s: %(label)s “%(v)s” lớn quá (tối đa %(max)s).")
            % {"where": where, "label": label, "v": shown(text), "max": format_number(MAX_COUNT)}
        )
        return None
    return int(digits)


def _too_long(value: str, limit: int | None, label: str, where: str, errors: list[str]) -> bool:
    if limit is None or len(value) <= limit:
        return False
    errors.append(
        _("%(where)s: %(label)s dài quá %(max)s ký tự (“%(v)s”).")
        % {"where": where, "label": label, "max": limit, "v": shown(value)}
    )
    return True


def _invalid(exc: ValidationError, where: str) -> str:
    """A model's own check that failed, as a row error (the checks above should come first)."""
    return f"{where}: " + " ".join(exc.messages)


@transaction.atomic
def import_villages(
    *, province: Province, rows: list[tuple[int, list[str]]], actor: Any
) -> ImportResult:
    communes = _Communes(province)
    kinds = {fold(str(label)): value for value, label in Village.Kind.choices}
    name_limit = Village._meta.get_field("name").max_length
    errors: list[str] = []
    existing = _villages(province)
    seen: set[tuple[int, str]] = set()
    planned: list[Village] = []
    for n, row in rows:
        where = _("Dòng %(n)s") % {"n": n}
        before = len(errors)
        commune = communes.get(_cell(row, 0))
        if commune is None:
            errors.append(
                _("%(where)s: không có xã, phường “%(name)s” trong tỉnh.")
                % {"where": where, "name": shown(_cell(row, 0))}
            )
            continue
        kind = kinds.get(fold(_cell(row, 1)) or "thon")
        if kind is None:
            errors.append(
                _("%(where)s: loại “%(kind)s” không hợp lệ (thôn, bản, tổ dân phố, khu phố, ấp).")
                % {"where": where, "kind": shown(_cell(row, 1))}
            )
        name = " ".join(_cell(row, 2).split())
        if not name:
            errors.append(_("%(where)s: thiếu tên thôn.") % {"where": where})
            continue
        if _too_long(name, name_limit, _("tên thôn"), where, errors):
            continue
        key = (commune.pk, name.casefold())
        if key in seen or key in existing:
            errors.append(
                _("%(where)s: %(commune)s đã có thôn “%(name)s”.")
                % {"where": where, "commune": commune.full_name, "name": shown(name)}
            )
            continue
        seen.add(key)
        households = _number(_cell(row, 3), _("số hộ"), where, errors)
        population = _number(_cell(row, 4), _("số nhân khẩu"), where, errors)
        village = Village(
            commune=commune,
            kind=kind or "thon",
            name=name,
            households=households,
            population=population,
        )
        if len(errors) == before:
            try:
                village.full_clean()
            except ValidationError as exc:
                errors.append(_invalid(exc, where))
        planned.append(village)
    if errors:
        raise SheetErrors(errors)
    for village in planned:
        village.save()
        audit_log(actor=actor, verb="village.imported", target=village, commune=village.commune)
    return ImportResult(created=len(planned))


def _username(text: str) -> str:
    """NFKC as Django stores usernames (fullwidth ｖａｎ → van), lower case. Then only ASCII
    passes the check: a Cyrillic "а" would make a second "vanhoa" no one can tell apart."""
    return unicodedata.normalize("NFKC", text).lower()


@transaction.atomic
def import_users(
    *, province: Province, rows: list[tuple[int, list[str]]], actor: Any
) -> ImportResult:
    """New accounts only (an existing user name is an error: ask the commune to grant roles).

    Each account gets a one-time password, shown once, and must change it at first login.
    """
    communes = _Communes(province)
    roles = {fold(str(r.label)): r for r in SHEET_ROLES}
    other_roles = {fold(str(r.label)) for r in Role} - roles.keys()
    username_limit = User._meta.get_field("username").max_length
    full_name_limit = User._meta.get_field("full_name").max_length
    errors: list[str] = []
    seen: set[str] = set()
    planned: list[tuple[User, Membership]] = []
    villages = _villages(province)
    wanted = {_username(_cell(row, 1)) for _n, row in rows}
    taken = set(
        User.objects.annotate(lowered=Lower("username"))
        .filter(lowered__in=wanted)
        .values_list("lowered", flat=True)
    )
    for n, row in rows:
        where = _("Dòng %(n)s") % {"n": n}
        before = len(errors)
        commune = communes.get(_cell(row, 0))
        if commune is None:
            errors.append(
                _("%(where)s: không có xã, phường “%(name)s” trong tỉnh.")
                % {"where": where, "name": shown(_cell(row, 0))}
            )
            continue
        username = _username(_cell(row, 1))
        if not username:
            errors.append(_("%(where)s: thiếu tên đăng nhập.") % {"where": where})
            continue
        if _too_long(username, username_limit, _("tên đăng nhập"), where, errors):
            continue
        try:
            if not username.isascii():
                raise ValidationError("not ascii")
            User.username_validator(username)
        except ValidationError:
            errors.append(
                _("%(where)s: tên đăng nhập “%(u)s” chỉ được có chữ không dấu, số và . @ + - _.")
                % {"where": where, "u": shown(username)}
            )
            continue
        if username in seen or username in taken:
            errors.append(
                _("%(where)s: tên đăng nhập “%(u)s” đã có.") % {"where": where, "u": username}
            )
            continue
        seen.add(username)
        full_name = " ".join(_cell(row, 2).split())
        if not full_name:
            errors.append(_("%(where)s: thiếu họ và tên.") % {"where": where})
        _too_long(full_name, full_name_limit, _("họ và tên"), where, errors)
        role = roles.get(fold(_cell(row, 3)))
        if role is None and fold(_cell(row, 3)) in other_roles:
            errors.append(
                _(
                    "%(where)s: vai trò “%(r)s” cần chọn tổ, cơ quan (hoặc là vai trò cấp "
                    "tỉnh) nên không nhập từ tệp được; xã cấp vai trò này ở trang “Người dùng và "
                    "vai trò”."
                )
                % {"where": where, "r": _cell(row, 3)}
            )
            continue
        if role is None:
            errors.append(
                _(
                    "%(where)s: vai trò “%(r)s” không có trong danh sách "
                    "(xem trang “Vai trò” của tệp mẫu)."
                )
                % {"where": where, "r": shown(_cell(row, 3))}
            )
            continue
        village = None
        if role == Role.VILLAGE_HEAD:
            village = villages.get((commune.pk, _cell(row, 4).casefold()))
            if village is None:
                errors.append(
                    _("%(where)s: trưởng thôn cần tên thôn có trong %(c)s.")
                    % {"where": where, "c": commune.full_name}
                )
                continue
        user = User(username=username, full_name=full_name, must_change_password=True)
        membership = Membership(user=user, commune=commune, role=role, village=village)
        if len(errors) == before:
            try:
                user.full_clean(exclude=["password"])
                membership.full_clean(exclude=["user"])
            except ValidationError as exc:
                errors.append(_invalid(exc, where))
        planned.append((user, membership))
    if errors:
        raise SheetErrors(errors)
    result = ImportResult()
    for user, membership in planned:
        password = "-".join(secrets.token_hex(3) for _ in range(3))
        validate_password(password, user)
        # random and changed at first sign-in: the cheap one-time hasher keeps 2,000 rows
        # inside one request (loalang/accounts/hashers.py)
        user.password = make_password(password, hasher=ONE_TIME_HASHER)
        user.save()
        membership.user = user
        membership.save()
        commune = membership.commune
        assert commune is not None
        audit_log(actor=actor, verb="membership.imported", target=membership, commune=commune)
        result.passwords.append((commune.full_name, user.username, password))
    result.created = len(planned)
    return result
