import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from loalang.accounts.models import Role
from loalang.activities.evidence import GPS_IFD, MAX_SIDE, evidence_add
from loalang.activities.tests.factories import ActivityFactory
from loalang.testing.factories import member

pytestmark = pytest.mark.django_db


def _jpeg(size=(3000, 2000), gps=True, mode="RGB", fmt="JPEG"):
    img = Image.new(mode, size, (200, 30, 30) if mode == "RGB" else (200, 30, 30, 128))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # camera make: must go
    if gps:
        exif[GPS_IFD] = {1: "N", 2: (21.0, 5.0, 3.0), 3: "E", 4: (105.0, 30.0, 1.0)}
    out = io.BytesIO()
    img.save(out, fmt, exif=exif.tobytes()) if fmt == "JPEG" else img.save(out, fmt)
    return out.getvalue()


def _upload(data, name="anh.jpg"):
    return SimpleUploadedFile(name, data, content_type="image/jpeg")


def test_image_is_resized_reencoded_and_stripped_of_location(commune, culture_user):
    activity = ActivityFactory(commune=commune)
    ev = evidence_add(activity=activity, actor=culture_user, upload=_upload(_jpeg()))
    assert ev.file.name.startswith(f"evidence/{commune.pk}/")
    with ev.file.open("rb") as f, Image.open(f) as img:
        assert max(img.size) == MAX_SIDE
        exif = img.getexif()
        assert not exif.get_ifd(GPS_IFD)
        assert 0x010F not in exif
    assert ev.has_location is False
    assert ev.content_type == "image/jpeg"


def test_location_kept_only_when_asked(commune, culture_user):
    activity = ActivityFactory(commune=commune)
    ev = evidence_add(
        activity=activity, actor=culture_user, upload=_upload(_jpeg()), keep_location=True
    )
    with ev.file.open("rb") as f, Image.open(f) as img:
        exif = img.getexif()
        assert exif.get_ifd(GPS_IFD)[1] == "N"
        assert 0x010F not in exif
    assert ev.has_location is True


def test_png_with_transparency_becomes_jpeg(commune, culture_user):
    activity = ActivityFactory(commune=commune)
    data = _jpeg(size=(400, 300), gps=False, mode="RGBA", fmt="PNG")
    ev = evidence_add(activity=activity, actor=culture_user, upload=_upload(data, "a.png"))
    assert ev.content_type == "image/jpeg" and ev.file.name.endswith(".jpg")


@pytest.mark.parametrize(
    "data,message",
    [
        (b"<html><script>alert(1)</script></html>", "không đúng định dạng"),
        (b"\xff\xd8\xff\xe0" + b"garbage" * 50, "hỏng"),
        (b"%PDF-1.4\n1 0 obj\n", "PDF"),
    ],
)
def test_bad_files_are_refused_by_content(commune, culture_user, data, message):
    activity = ActivityFactory(commune=commune)
    with pytest.raises(ValidationError, match=message):
        evidence_add(activity=activity, actor=culture_user, upload=_upload(data, "anh.jpg"))
    assert not activity.evidence.exists()


def test_oversized_file_is_refused(commune, culture_user, monkeypatch):
    monkeypatch.setattr("loalang.activities.evidence.MAX_PDF_BYTES", 1000)
    activity = ActivityFactory(commune=commune)
    data = b"%PDF-1.4\n" + b"0" * 2000 + b"\n%%EOF"
    with pytest.raises(ValidationError, match="quá lớn"):
        evidence_add(activity=activity, actor=culture_user, upload=_upload(data, "a.pdf"))


def test_file_served_only_through_checked_view(client, commune, culture_user, outsider):
    activity = ActivityFactory(commune=commune)
    pdf = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n"
    ev = evidence_add(activity=activity, actor=culture_user, upload=_upload(pdf, "bien-ban.pdf"))
    url = reverse("activities:evidence_file", kwargs={"commune_slug": commune.slug, "pk": ev.pk})
    client.force_login(culture_user)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == pdf
    assert response["X-Content-Type-Options"] == "nosniff"
    assert client.post(url).status_code == 405
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    assert client.get("/media/" + ev.file.name).status_code == 404


def test_village_head_cannot_open_evidence_of_another_village(client, commune, culture_user):
    from loalang.testing.factories import VillageFactory

    mine, theirs = VillageFactory(commune=commune), VillageFactory(commune=commune)
    head = member(commune, Role.VILLAGE_HEAD, village=mine)
    activity = ActivityFactory(commune=commune)
    activity.villages.set([theirs])
    pdf = b"%PDF-1.4\n%%EOF\n"
    ev = evidence_add(activity=activity, actor=culture_user, upload=_upload(pdf, "a.pdf"))
    client.force_login(head)
    url = reverse("activities:evidence_file", kwargs={"commune_slug": commune.slug, "pk": ev.pk})
    assert client.get(url).status_code == 404
