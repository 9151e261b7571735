import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from PIL import Image

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
    assert img.original.name.startswith("private/")
    assert set(img.renditions) == {"320", "640", "1200"}
    with default_storage.open(img.renditions["640"]) as fh:
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
