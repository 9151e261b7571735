"""Private files stay private (issue 12, ADR 0085).

For every kind of private file a real file is written through its model's storage, then an
attacker tries every spelling of its path against the public media URL and the static URL —
anonymous and as a member of another commune — and must never get its bytes. The
access-checked view serves it to the right user and refuses outsiders.
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.urls import reverse

from loalang.accounts.models import Role
from loalang.core.files import private_storage, public_storage
from loalang.testing.factories import member

pytestmark = pytest.mark.django_db


@dataclass
class Kind:
    label: str
    make: Callable[[Any, bytes], tuple[str, str | None]]  # (commune, bytes) → (name, view url)


def _activity_evidence(purpose: str, ext: str) -> Callable[[Any, bytes], tuple[str, str | None]]:
    def make(commune: Any, data: bytes) -> tuple[str, str | None]:
        from loalang.activities.details import Evidence
        from loalang.activities.tests.factories import ActivityFactory

        evidence = Evidence(
            activity=ActivityFactory(commune=commune),
            purpose=purpose,
            content_type="application/pdf" if ext == "pdf" else "image/jpeg",
            size_bytes=len(data),
            sha256="0" * 64,
        )
        evidence.file.save(f"x.{ext}", ContentFile(data), save=False)
        evidence.save()
        url = reverse("activities:evidence_file", args=[commune.slug, evidence.pk])
        return evidence.file.name, url

    return make


def _task_evidence(commune: Any, data: bytes) -> tuple[str, str | None]:
    from loalang.tasks.models import TaskEvidence, TaskUpdate
    from loalang.tasks.tests.factories import make_task

    update = TaskUpdate.objects.create(task=make_task(commune), status="in_progress")
    evidence = TaskEvidence(
        update=update, original_name="bien-ban.pdf", content_type="application/pdf", size_bytes=1
    )
    evidence.file.save(f"{uuid.uuid4().hex}.pdf", ContentFile(data), save=False)
    evidence.save()
    return evidence.file.name, reverse("tasks:evidence", args=[commune.slug, evidence.pk])


def _report_file(fmt: str) -> Callable[[Any, bytes], tuple[str, str | None]]:
    def make(commune: Any, data: bytes) -> tuple[str, str | None]:
        from loalang.reports.models import Report
        from loalang.reports.tests.factories import report

        number = Report.objects.filter(commune=commune).count() + 1
        rep = report(
            commune,
            status=Report.Status.ISSUED,
            number=number,
            number_year=2023,
            issued_on=datetime.date(2023, 12, 20),
        )
        field = getattr(rep, f"{fmt}_file")
        field.save(f"bao-cao-07-2023.{fmt}", ContentFile(data), save=False)
        rep.save()
        return field.name, reverse("reports:download", args=[commune.slug, rep.pk, fmt])

    return make


def _radio_audio(fmt: str) -> Callable[[Any, bytes], tuple[str, str | None]]:
    def make(commune: Any, data: bytes) -> tuple[str, str | None]:
        from loalang.radio.models import BulletinVersion
        from loalang.radio.tests.factories import BulletinFactory

        version = BulletinVersion.objects.create(
            bulletin=BulletinFactory(commune=commune), kind="recorded", status="ready"
        )
        field = getattr(version, f"audio_{fmt}")
        field.save(f"{uuid.uuid4().hex}.{fmt}", ContentFile(data), save=False)
        version.save()
        return field.name, reverse("radio:version_audio", args=[commune.slug, version.pk, fmt])

    return make


def _recording_original(commune: Any, data: bytes) -> tuple[str, str | None]:
    from loalang.radio.models import BulletinVersion
    from loalang.radio.tests.factories import BulletinFactory

    version = BulletinVersion.objects.create(
        bulletin=BulletinFactory(commune=commune), kind="recorded", status="ready"
    )
    version.original.save(f"{uuid.uuid4().hex}.wav", ContentFile(data), save=True)
    url = reverse("radio:version_original", args=[commune.slug, version.pk])
    return version.original.name, url


def _jingle(commune: Any, data: bytes) -> tuple[str, str | None]:
    from loalang.radio.models import RadioSettings

    station, _ = RadioSettings.objects.get_or_create(commune=commune)
    station.opening_jingle.save("mo-dau.mp3", ContentFile(data), save=True)
    return station.opening_jingle.name, None  # only ever played inside the bundle


def _image_original(commune: Any, data: bytes) -> tuple[str, str | None]:
    from loalang.portal.models import ArticleImage

    image = ArticleImage(commune=commune, alt_text="Ảnh gốc")
    image.original.save(f"{uuid.uuid4().hex}.jpg", ContentFile(data), save=False)
    image.save()
    return image.original.name, None  # never served: only renditions are public


def _published_pdf(commune: Any, data: bytes) -> tuple[str, str | None]:
    import datetime as dt

    from loalang.portal.models import PublishedDocument

    doc = PublishedDocument(
        commune=commune,
        doc_type="ke_hoach",
        number="12/KH-UBND",
        issued_on=dt.date(2026, 1, 5),
        issuer="UBND xã",
        title="Kế hoạch",
        filename="ke-hoach.pdf",
        is_withdrawn=True,  # withdrawn: no longer for anyone
    )
    doc.pdf.save("ke-hoach.pdf", ContentFile(data), save=False)
    doc.save()
    return doc.pdf.name, None


KINDS = [
    Kind("evidence photo", _activity_evidence("photo", "jpg")),
    Kind("sign-in sheet scan", _activity_evidence("sign_in_sheet", "jpg")),
    Kind("evidence document", _activity_evidence("document", "pdf")),
    Kind("task evidence", _task_evidence),
    Kind("issued report docx", _report_file("docx")),
    Kind("issued report pdf", _report_file("pdf")),
    Kind("issued report xlsx", _report_file("xlsx")),
    Kind("bulletin audio mp3", _radio_audio("mp3")),
    Kind("bulletin audio ogg", _radio_audio("ogg")),
    Kind("recording as uploaded", _recording_original),
    Kind("radio jingle", _jingle),
    Kind("portal image original", _image_original),
    Kind("withdrawn published pdf", _published_pdf),
]


def _spellings(path: str) -> list[str]:
    """Every way an attacker might spell `path` (relative, no leading slash)."""
    enc = path.replace("/", "%2f")
    out = [
        path,
        "/" + path,  # //
        "./" + path,
        "%2e/" + path,
        "%2E/" + path,
        enc,
        path.replace("/", "%2F"),
        path.replace("/", "%5c"),
        path.replace("/", "\\"),
        path.upper(),
        path.swapcase(),
        path + ".",
        path + "%2e",
        path + "/",
        path.replace("/", "%252f"),  # double encoding
        "%252e/" + path,
        "x/../" + path,
        "x/%2e%2e/" + path,
        "x%2f..%2f" + path,
        "x/%252e%252e/" + path,
        ".//./" + path,
    ]
    return out


def _guesses(name: str) -> list[str]:
    """Paths relative to MEDIA_URL/STATIC_URL that could reach the private file `name`."""
    private_root = Path(settings.LOALANG_PRIVATE_ROOT).resolve()
    rel_from_media = Path("..") / private_root.name
    media = Path(settings.MEDIA_ROOT).resolve()
    up = "/".join([".."] * len(media.parts[1:]))  # up to / from MEDIA_ROOT
    candidates = [
        name,
        f"private/{name}",  # where the file used to live
        f"{rel_from_media.as_posix()}/{name}",
        f"{up}{private_root.as_posix()}/{name}",
    ]
    return [s for c in candidates for s in _spellings(c)]


def _body(response: Any) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return bytes(response.content)


def _leaks(response: Any, marker: bytes) -> bool:
    return (
        marker in _body(response)
        or response.has_header("X-Accel-Redirect")
        or response.has_header("X-Sendfile")
    )


@pytest.fixture
def planted(commune):
    """Every private kind, each a real file with unique bytes."""
    files = []
    for kind in KINDS:
        marker = f"SECRET-{kind.label}-{uuid.uuid4().hex}".encode()
        data = b"%PDF-1.4\n" + marker + b"\n%%EOF"
        name, url = kind.make(commune, data)
        assert private_storage().exists(name), kind.label
        assert not public_storage().exists(name), kind.label
        assert private_storage().open(name).read() == data
        files.append((kind, name, url, marker))
    return files


@pytest.mark.parametrize("who", ["anonymous", "other commune"])
def test_no_spelling_of_a_private_path_reaches_a_private_file(client, planted, other_commune, who):
    if who == "other commune":
        client.force_login(member(other_commune, Role.CULTURE))
    tried = 0
    for kind, name, _url, marker in planted:
        for guess in _guesses(name):
            for prefix in (settings.MEDIA_URL, settings.STATIC_URL):
                response = client.get(prefix + guess)
                tried += 1
                assert not _leaks(response, marker), (kind.label, prefix + guess)
                assert response.status_code in (301, 302, 400, 403, 404), (kind.label, guess)
    assert tried > 1000


def test_private_root_is_outside_every_public_root():
    private_root = Path(settings.LOALANG_PRIVATE_ROOT).resolve()
    for public in (settings.MEDIA_ROOT, settings.STATIC_ROOT):
        public = Path(public).resolve()
        assert private_root not in (public, *public.parents)
        assert public not in (private_root, *private_root.parents)


def test_checked_view_serves_the_member_and_refuses_outsiders(client, planted, commune, outsider):
    for kind, _name, url, marker in planted:
        if url is None:
            continue
        client.force_login(outsider)
        assert client.get(url).status_code == 404, kind.label
        client.logout()
        assert client.get(url).status_code == 302, kind.label  # to the login page
        client.force_login(member(commune, Role.CULTURE))
        response = client.get(url)
        assert response.status_code == 200, kind.label
        assert marker in _body(response), kind.label
        assert response["X-Content-Type-Options"] == "nosniff"
        assert "no-store" in response["Cache-Control"] or "private" in response["Cache-Control"]


def test_behind_nginx_the_view_answers_with_an_internal_redirect(
    client, commune, culture_user, settings
):
    settings.LOALANG_PRIVATE_SERVE = "x-accel"
    name, url = _activity_evidence("document", "pdf")(commune, b"%PDF-1.4\nX\n%%EOF")
    client.force_login(culture_user)
    response = client.get(url)
    assert response.status_code == 200 and response.content == b""
    assert response["X-Accel-Redirect"] == f"/_private/{name}"
    assert response["Content-Type"] == "application/pdf"


def test_with_x_sendfile_the_view_names_the_absolute_path(client, commune, culture_user, settings):
    settings.LOALANG_PRIVATE_SERVE = "x-sendfile"
    name, url = _activity_evidence("document", "pdf")(commune, b"%PDF-1.4\nX\n%%EOF")
    client.force_login(culture_user)
    response = client.get(url)
    assert response["X-Sendfile"] == str(Path(settings.LOALANG_PRIVATE_ROOT) / name)
    assert response.content == b""


def test_province_viewer_cannot_open_a_sign_in_sheet_but_gets_reports(client, planted, commune):
    client.force_login(member(commune, Role.PROVINCE_VIEWER))
    for kind, _name, url, marker in planted:
        if url is None:
            continue
        response = client.get(url)
        if kind.label.startswith(("evidence", "sign-in", "task", "recording")):
            assert response.status_code == 403, kind.label
            assert marker not in _body(response)
        else:  # aggregates (issued reports) and bulletin audio stay readable upward
            assert response.status_code == 200, kind.label


def test_province_viewer_sees_no_link_to_evidence_files(client, commune):
    from loalang.activities.details import Evidence

    _, url = _activity_evidence("sign_in_sheet", "jpg")(commune, b"\xff\xd8\xff scan")
    activity_id = Evidence.objects.latest("pk").activity_id
    detail = reverse("activities:detail", args=[commune.slug, activity_id])
    client.force_login(member(commune, Role.PROVINCE_VIEWER))
    page = client.get(detail)
    assert page.status_code == 200 and url not in page.content.decode()
    client.force_login(member(commune, Role.CULTURE))
    assert url in client.get(detail).content.decode()
