"""One language per page (issue 15 item 5): with English chosen, no interface sentence stays in
Vietnamese ("Ủy ban nhân dân commune Ái Thượng") and counts agree with their noun ("1 members").
The commune's own data (plan titles, village names, people) is Vietnamese and stays so: only
strings that are message ids of our catalogs count as interface text.

Crawls the demo commune in English as the officer, the Chair, a village head and the province
viewer; and in Vietnamese checks that no English interface word leaks."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from loalang.testing.crawl import crawl, visible_text

pytestmark = pytest.mark.django_db

USERS = ["vanhoa", "chutich", "truongthon", "tinh"]
VIETNAMESE = re.compile(
    r"[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]", re.I
)
PLURAL_SLIP = re.compile(r"(?<![\d.,/])\b1 (?!of\b|is\b|was\b|has\b)[a-z]+s\b")
# English interface words that must never show on a Vietnamese page.
ENGLISH_ON_VI = re.compile(r"\b(None|True|False|members?|commune|village|items?|minutes?)\b")
# A Vietnamese word next to an English kind word: "Ủy ban nhân dân commune Ái Thượng".
# ("Ái Thượng commune" is English word order around a name, so the word before must be lowercase.)
MIXED = re.compile(
    r"\b[a-zđ]*[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]\w*"
    r" (?i:commune|ward|village|hamlet)\b"
)
# Official documents shown as they will be printed: Vietnamese by law (Decree 30/2020), in any
# interface language — the plan preview, the impact-assessment dossier, the consent notice.
DOCUMENT_PAGES = re.compile(r"/xem-truoc/|/danh-gia-tac-dong/|/thong-bao-du-lieu/")
# The demo commune's own data that happens to equal a message id (a funding source's name,
# indicator groups and units of the issued report's snapshot, the radio lexicon's readings).
DATA = {
    "Ngân sách Nhà nước",
    "Kinh phí",
    "Số hộ được hướng dẫn",
    "Số người tham dự",
    "Tổ công nghệ số cộng đồng",
    "Tổng hợp",
    "hoạt động",
    "tin, bài",
    "Đài truyền thanh",
    "báo cáo",
    "điện thoại",
}
# Names in their own language: the product and the language switcher's "Tiếng Việt".
OWN_NAMES = {"Loa Làng", "Tiếng Việt"}
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{[^}]*\}")


@cache
def interface_ids() -> frozenset[str]:
    """Vietnamese message ids of every catalog with an English translation, cut at
    placeholders into their fixed parts (at least two words: single words are also data).
    A text node equal to one of them is interface text left in Vietnamese."""
    parts: set[str] = set()
    root = Path(settings.BASE_DIR)
    for po in [*root.glob("loalang/*/locale/en/LC_MESSAGES/django.po"),
               *root.glob("locale/en/LC_MESSAGES/django.po")]:  # fmt: skip
        text = po.read_text(encoding="utf-8")
        for block in re.findall(r'(?m)^msgid ((?:"(?:[^"\\]|\\.)*"\s*\n)+)msgstr', text):
            msgid = "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', block))
            msgid = msgid.replace('\\"', '"').replace("\\n", " ")
            for part in PLACEHOLDER.split(msgid):
                part = re.sub(r"<[^>]+>", " ", part).strip(" :.,;()–—-·")
                if len(part.split()) >= 2 and VIETNAMESE.search(part):
                    parts.add(part)
    return frozenset(parts)


def _pages(client, start: str, limit: int):  # type: ignore[no-untyped-def]
    for url, _source, response in crawl(client, start, limit):
        if response.status_code == 200 and "html" in response.get("Content-Type", ""):
            yield url, visible_text(response.content.decode())


def english_problems(client, start: str, who: str, limit: int = 120) -> list[str]:  # type: ignore[no-untyped-def]
    ids = interface_ids()
    found = []
    for url, texts in _pages(client, start, limit):
        if DOCUMENT_PAGES.search(url):
            continue
        for text in texts:
            if (m := PLURAL_SLIP.search(text)) and "1 " in text:
                found.append(f"{who} {url}: plural {m.group(0)!r} in {text[:100]!r}")
            if not VIETNAMESE.search(text):
                continue
            bare = text.strip(" :.,;()–—-·*")
            if bare in ids and bare not in OWN_NAMES and bare not in DATA:
                found.append(f"{who} {url}: untranslated {bare!r}")
            if m := MIXED.search(text):
                found.append(f"{who} {url}: mixed {m.group(0)!r} in {text[:100]!r}")
    return sorted(set(found))


def vietnamese_problems(client, start: str, who: str, limit: int = 120) -> list[str]:  # type: ignore[no-untyped-def]
    found = []
    for url, texts in _pages(client, start, limit):
        for text in texts:
            if m := ENGLISH_ON_VI.search(text):
                found.append(f"{who} {url}: English {m.group(0)!r} in {text[:100]!r}")
    return sorted(set(found))


def test_the_finder_sees_a_vietnamese_interface_string_and_a_plural_slip():
    ids = interface_ids()
    assert "Nội dung tuyên truyền" in ids
    assert PLURAL_SLIP.search("Team: 1 members")
    assert not PLURAL_SLIP.search("1 member, 2 members, 1.5 hours, 1/1 communes")
    assert MIXED.search("Ủy ban nhân dân commune Ái Thượng")
    assert not MIXED.search("People's Committee of Ái Thượng commune")


def test_staff_pages_speak_one_language(client):
    from loalang.accounts.models import User

    call_command("load_demo", verbosity=0)
    found: list[str] = []
    for username in USERS:
        client.force_login(User.objects.get(username=username))
        start = "/tinh/" if username == "tinh" else "/app/ai-thuong/"
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        found += english_problems(client, start, f"{username}/en")
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "vi"
        found += vietnamese_problems(client, start, f"{username}/vi")
    assert not found, f"{len(found)} problems:\n" + "\n".join(found)
