"""The daily playout bundle: a ZIP of numbered MP3 files per slot, M3U playlists and a
printable schedule (PDF), for USB/SD players and IP players that take a playlist.

Written to a temporary file beside the target and moved into place with os.replace, so a
reader never sees a half-written bundle (ADR 0054).
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
import zipfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify

from loalang.core.files import private_storage
from loalang.core.text import fold
from loalang.radio import audio
from loalang.radio.models import RadioSettings
from loalang.radio.selectors import SlotProgramme, programme_for_day


@dataclass
class Track:
    number: int
    title: str
    seconds: float
    data: bytes
    kind: str  # jingle | bulletin | fallback
    language: str = ""
    clusters: str = ""
    priority: str = ""

    def filename(self, folder: str) -> str:
        slug = slugify(fold(self.title))[:50] or "ban-tin"
        return f"{folder}/{self.number:02d}-{slug}.mp3"


@dataclass
class SlotBundle:
    label: str
    starts_at: dt.datetime
    folder: str
    clusters: str
    tracks: list[Track] = field(default_factory=list)

    @property
    def seconds(self) -> float:
        return sum(t.seconds for t in self.tracks)


@dataclass
class BundleData:
    commune_name: str
    day: dt.date
    generated_at: dt.datetime
    slots: list[SlotBundle]


@lru_cache(maxsize=2)
def _generated_jingle(kind: str) -> tuple[bytes, float]:
    clip = audio.opening_jingle() if kind == "open" else audio.closing_jingle()
    return audio.encode_mp3(clip), clip.size / audio.OUTPUT_RATE


def _jingle(station: RadioSettings | None, kind: str) -> tuple[bytes, float]:
    upload = None
    if station is not None:
        upload = station.opening_jingle if kind == "open" else station.closing_jingle
    if upload:
        with private_storage().open(str(upload.name), "rb") as f:
            data = f.read()
        return data, audio.duration_of(data)
    return _generated_jingle(kind)


def bundle_data(*, commune: Any, day: dt.date) -> BundleData:
    """Collect the day's programme and the audio bytes of every track."""
    from django.utils.translation import gettext as _

    station = RadioSettings.objects.filter(commune=commune).first()
    slots = []
    for programme in programme_for_day(commune=commune, day=day):
        slots.append(
            _slot_bundle(programme, station, _("Nhạc hiệu mở đầu"), _("Nhạc hiệu kết thúc"))
        )
    return BundleData(
        commune_name=commune.full_name, day=day, generated_at=timezone.now(), slots=slots
    )


def _slot_bundle(
    programme: SlotProgramme, station: Any, open_label: str, close_label: str
) -> SlotBundle:
    local = timezone.localtime(programme.starts_at)
    folder = f"{local:%H%M}-{slugify(fold(programme.label))}"
    bundle = SlotBundle(
        label=programme.label,
        starts_at=programme.starts_at,
        folder=folder,
        clusters=", ".join(c.name for c in programme.clusters),
    )
    data, seconds = _jingle(station, "open")
    bundle.tracks.append(Track(1, open_label, seconds, data, "jingle"))
    for item in programme.items:
        with private_storage().open(str(item.version.audio_mp3.name), "rb") as f:
            data = f.read()
        bundle.tracks.append(
            Track(
                len(bundle.tracks) + 1,
                item.bulletin.title,
                item.version.duration_seconds,
                data,
                "fallback" if item.is_fallback else "bulletin",
                language=item.version.get_language_display(),
                clusters=", ".join(c.name for c in item.clusters),
                priority=item.bulletin.get_priority_display(),
            )
        )
    data, seconds = _jingle(station, "close")
    bundle.tracks.append(Track(len(bundle.tracks) + 1, close_label, seconds, data, "jingle"))
    return bundle


def render_m3u8(tracks: list[tuple[str, Track]]) -> str:
    """The playlist in UTF-8 (.m3u8), titles with their diacritics."""
    lines = ["#EXTM3U", "#EXTENC:UTF-8"]
    for path, track in tracks:
        lines.append(f"#EXTINF:{round(track.seconds)},{track.title}")
        lines.append(path)
    return "\n".join(lines) + "\n"


def render_m3u(tracks: list[tuple[str, Track]]) -> str:
    """The same playlist for old USB players that read .m3u as ASCII: titles folded
    ("Cảnh báo" → "Canh bao"), CRLF line ends; file paths are ASCII already."""
    lines = ["#EXTM3U"]
    for path, track in tracks:
        title = fold_keep_case(track.title).encode("ascii", "replace").decode("ascii")
        lines.append(f"#EXTINF:{round(track.seconds)},{title}")
        lines.append(path)
    return "\r\n".join(lines) + "\r\n"


def fold_keep_case(text: str) -> str:
    """'Cảnh báo Đông' → 'Canh bao Dong' (core.text.fold also lower-cases)."""
    import unicodedata

    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def render_schedule_html(data: BundleData) -> str:
    return render_to_string("radio/bundle_schedule.html", {"data": data})


def render_schedule_pdf(data: BundleData) -> bytes:
    """The printable schedule. Pure: renders `data`; fetches nothing."""
    from weasyprint import HTML

    def refuse(url: str, *args: Any, **kwargs: Any) -> dict:
        raise ValueError(f"no fetching in the schedule PDF: {url}")

    return HTML(string=render_schedule_html(data), url_fetcher=refuse).write_pdf()


def _write_playlists(z: zipfile.ZipFile, stem: str, tracks: list[tuple[str, Track]]) -> None:
    z.writestr(f"{stem}.m3u8", render_m3u8(tracks), compress_type=zipfile.ZIP_DEFLATED)
    z.writestr(f"{stem}.m3u", render_m3u(tracks), compress_type=zipfile.ZIP_DEFLATED)


def write_bundle(data: BundleData, output: Path) -> Path:
    """Write the ZIP to `output` atomically (temp file in the same folder, then replace)."""
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".bundle-", suffix=".zip.part", dir=output.parent)
    try:
        with os.fdopen(fd, "wb") as raw, zipfile.ZipFile(raw, "w") as z:
            everything: list[tuple[str, Track]] = []
            for slot in data.slots:
                listed = []
                for track in slot.tracks:
                    path = track.filename(slot.folder)
                    # MP3 is already compressed: store it, don't deflate it again.
                    z.writestr(path, track.data, compress_type=zipfile.ZIP_STORED)
                    listed.append((path, track))
                _write_playlists(z, slot.folder, listed)
                everything.extend(listed)
            _write_playlists(z, "ca-ngay", everything)
            z.writestr(f"lich-phat-{data.day:%Y-%m-%d}.pdf", render_schedule_pdf(data))
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(tmp_name, output)
    except BaseException:
        if os.path.exists(tmp_name):
            os.unlink(tmp_name)
        raise
    return output


def build_bundle(*, commune: Any, day: dt.date, output: Path) -> Path:
    return write_bundle(bundle_data(commune=commune, day=day), output)
