import io

import pytest
from django.core.exceptions import ValidationError
from PIL import Image

from loalang.core.files import private_storage, public_storage
from loalang.portal.services import image_upload


def _png(w=1600, h=900, mode="RGB"):
    buf = io.BytesIO()
    Image.new(mode, (w, h)).save(buf, "PNG")
    return buf.getvalue()


@pytest.mark.django_db
def test_upload_makes_renditions_and_keeps_original_private(
    commune, culture_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        img = image_upload(commune=commune, data=_png(), alt_text="Lễ ra quân", actor=culture_user)
    img.refresh_from_db()
    assert private_storage().exists(img.original.name)
    assert not public_storage().exists(img.original.name)
    assert set(img.renditions) == {"320", "640", "1200"}
    with public_storage().open(img.renditions["640"]) as fh:
        out = Image.open(fh)
        assert out.size == (640, 360) and out.format == "JPEG"


@pytest.mark.django_db
def test_a_non_image_named_jpg_is_refused(commune, culture_user):
    with pytest.raises(ValidationError) as err:
        image_upload(
            commune=commune, data=b"<?php system($_GET['c']); ?>", alt_text="x", actor=culture_user
        )
    assert "original" in err.value.message_dict


@pytest.mark.django_db
def test_alt_text_is_required(commune, culture_user):
    with pytest.raises(ValidationError) as err:
        image_upload(commune=commune, data=_png(), alt_text="  ", actor=culture_user)
    assert "alt_text" in err.value.message_dict


@pytest.mark.django_db
def test_decompression_bomb_is_refused(commune, culture_user):
    with pytest.raises(ValidationError):
        image_upload(
            commune=commune, data=_png(10000, 5000, "1"), alt_text="to", actor=culture_user
        )


GPS_IFD = 0x8825


def _jpeg_with_gps() -> bytes:
    exif = Image.Exif()
    exif[0x0110] = "Phone X"  # camera model: kept (EXIF text is ASCII)
    exif[GPS_IFD] = {1: "N", 2: (21.0, 1.0, 30.0), 3: "E", 4: (105.0, 50.0, 10.0)}
    buf = io.BytesIO()
    Image.new("RGB", (1600, 900), "green").save(buf, "JPEG", exif=exif.tobytes())
    return buf.getvalue()


def _upload_through_form(client, commune, user, *, keep: bool):  # type: ignore[no-untyped-def]
    from django.urls import reverse

    from loalang.portal.models import ArticleImage

    client.force_login(user)
    buf = io.BytesIO(_jpeg_with_gps())
    buf.name = "le-hoi.jpg"
    data = {"image": buf, "alt_text": "Lễ hội"}
    if keep:
        data["keep_location"] = "on"
    url = reverse("portal_staff:images", kwargs={"commune_slug": commune.slug})
    assert client.post(url, data).status_code == 302
    return ArticleImage.objects.latest("pk")


def _gps_of(storage, name):  # type: ignore[no-untyped-def]
    with storage.open(name) as fh, Image.open(fh) as img:
        return dict(img.getexif().get_ifd(GPS_IFD)), img.getexif().get(0x0110)


@pytest.mark.django_db
def test_uploaded_original_loses_its_gps_position_by_default(
    client, commune, culture_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        image = _upload_through_form(client, commune, culture_user, keep=False)
    gps, camera = _gps_of(private_storage(), image.original.name)
    assert gps == {} and camera == "Phone X"
    assert image.has_location is False
    image.refresh_from_db()
    for name in image.renditions.values():
        assert _gps_of(public_storage(), name) == ({}, None)  # renditions carry no EXIF at all


@pytest.mark.django_db
def test_uploader_can_keep_the_gps_position_on_purpose(client, commune, culture_user):
    image = _upload_through_form(client, commune, culture_user, keep=True)
    gps, _ = _gps_of(private_storage(), image.original.name)
    assert gps[1] == "N" and image.has_location is True


@pytest.mark.django_db
def test_rendition_names_reveal_nothing_about_the_original(
    commune, culture_user, django_capture_on_commit_callbacks
):
    from pathlib import PurePosixPath

    from loalang.portal.services import image_make_renditions

    with django_capture_on_commit_callbacks(execute=True):
        img = image_upload(commune=commune, data=_png(), alt_text="Lễ", actor=culture_user)
    img.refresh_from_db()
    original_stem = PurePosixPath(img.original.name).stem
    first = dict(img.renditions)
    for name in first.values():
        assert original_stem not in name
        assert not private_storage().exists(name)
    # Re-running the job gives fresh names and removes the previous renditions.
    again = image_make_renditions(image_id=img.pk).renditions
    assert set(again.values()).isdisjoint(first.values())
    assert not any(public_storage().exists(n) for n in first.values())
    assert all(public_storage().exists(n) for n in again.values())
