"""For people who missed the broadcast: audio that podcast apps and phones can play and seek,
a podcast feed apps accept, and a JSON Feed that is one."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from loalang.core.ranges import parse_range
from loalang.radio.tests.helpers import aired_bulletin

ITUNES = "{http://www.itunes.com/dtds/podcast-1.0.dtd}"


def audio_url(commune, version, fmt="mp3"):  # type: ignore[no-untyped-def]
    return reverse(
        "radio_public:audio", kwargs={"commune_slug": commune.slug, "pk": version.pk, "fmt": fmt}
    )


def whole(response) -> bytes:  # type: ignore[no-untyped-def]
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.fixture
def version(commune):  # type: ignore[no-untyped-def]
    return aired_bulletin(commune, title="Lịch tiêm chủng").versions.get()


def test_audio_says_it_accepts_ranges_and_answers_head(client, commune, version):
    full = client.get(audio_url(commune, version))
    body = whole(full)
    assert full.status_code == 200 and full["Accept-Ranges"] == "bytes"
    assert int(full["Content-Length"]) == len(body) > 100
    head = client.head(audio_url(commune, version))
    assert head.status_code == 200 and head["Accept-Ranges"] == "bytes"
    assert head["Content-Length"] == str(len(body)) and whole(head) == b""
    assert head["Content-Type"] == "audio/mpeg"


@pytest.mark.parametrize(
    "header,first,last",
    [("bytes=0-99", 0, 99), ("bytes=100-", 100, None), ("bytes=-50", None, None)],
)
def test_byte_range_gets_206_with_exactly_those_bytes(
    client, commune, version, header, first, last
):  # type: ignore[no-untyped-def]
    body = whole(client.get(audio_url(commune, version)))
    size = len(body)
    part = client.get(audio_url(commune, version), HTTP_RANGE=header)
    assert part.status_code == 206
    if header == "bytes=-50":
        first, last = size - 50, size - 1
    last = size - 1 if last is None else last
    assert whole(part) == body[first : last + 1]
    assert part["Content-Range"] == f"bytes {first}-{last}/{size}"
    assert part["Content-Length"] == str(last - first + 1)


def test_range_past_the_end_is_416_with_the_size(client, commune, version):
    size = len(whole(client.get(audio_url(commune, version))))
    response = client.get(audio_url(commune, version), HTTP_RANGE=f"bytes={size + 10}-")
    assert response.status_code == 416 and response["Content-Range"] == f"bytes */{size}"


def test_staff_audio_also_answers_ranges(client, commune, version, culture_user):
    client.force_login(culture_user)
    url = reverse(
        "radio:version_audio", kwargs={"commune_slug": commune.slug, "pk": version.pk, "fmt": "mp3"}
    )
    response = client.get(url, HTTP_RANGE="bytes=0-9")
    assert response.status_code == 206 and len(whole(response)) == 10


@pytest.mark.parametrize(
    "header,expected",
    [
        ("bytes=0-0", (0, 0)),
        ("bytes=5-1000", (5, 99)),
        ("bytes=0-1,5-6", None),  # several ranges: the whole file
        ("items=0-5", None),
        ("bytes=-0", False),
        ("bytes=100-", False),
        ("bytes=9-3", None),  # invalid: ignored, the whole file
    ],
)
def test_parse_range(header, expected):  # type: ignore[no-untyped-def]
    assert parse_range(header, 100) == expected


def test_podcast_feed_has_what_podcast_apps_require(client, commune, version):
    feed = client.get(reverse("radio_public:feed", kwargs={"commune_slug": commune.slug}))
    channel = ET.fromstring(feed.content).find("channel")  # noqa: S314 - our own feed
    image = channel.find(f"{ITUNES}image")
    assert image is not None and image.get("href", "").startswith("http")
    assert image.get("href").endswith(".png")
    assert channel.find(f"{ITUNES}category").get("text") == "Government"
    owner = channel.find(f"{ITUNES}owner")
    assert owner.find(f"{ITUNES}name").text
    assert "@" in owner.find(f"{ITUNES}email").text and "<" not in owner.find(f"{ITUNES}email").text
    assert channel.find(f"{ITUNES}explicit").text == "false"
    item = channel.find("item")
    assert item.find("enclosure").get("type") == "audio/mpeg"
    assert item.find(f"{ITUNES}duration").text


def test_podcast_cover_is_a_square_image_apps_accept():
    from pathlib import Path

    from django.conf import settings
    from PIL import Image

    path = Path(settings.BASE_DIR) / "static" / "img" / "podcast-cover.png"
    with Image.open(path) as im:
        assert im.size[0] == im.size[1] and 1400 <= im.size[0] <= 3000
