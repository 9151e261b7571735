"""python manage.py speak --text "…" --output out.mp3 [--voice vi] [--rate 150]
python manage.py speak --input notice.txt --output out.ogg
python manage.py speak --text "…" --normalized-only   (prints the words; no audio)"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from loalang.radio import audio
from loalang.radio.normalize import DEFAULT_LEXICON, lexicon_for, normalize_paragraphs
from loalang.radio.speech.base import SpeechError, get_engine, speak
from loalang.radio.validation import check_script


class Command(BaseCommand):
    help = "Đọc một văn bản tiếng Việt thành tệp MP3 hoặc OGG (bộ đọc tích hợp, không cần mạng)."

    def add_arguments(self, parser: Any) -> None:
        source = parser.add_mutually_exclusive_group(required=True)
        source.add_argument("--text", help="Văn bản cần đọc")
        source.add_argument("--input", help="Tệp văn bản UTF-8 cần đọc")
        parser.add_argument("--output", help="Tệp kết quả: .mp3 hoặc .ogg")
        parser.add_argument("--voice", default="vi", help="vi, vi-VN-x-central, vi-VN-x-south")
        parser.add_argument("--rate", type=int, default=150, help="Tốc độ đọc, từ/phút (80–450)")
        parser.add_argument("--commune", help="Dùng thêm từ điển cách đọc của xã (mã đường dẫn)")
        parser.add_argument(
            "--normalized-only", action="store_true", help="Chỉ in lời đọc đã chuẩn hoá"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["input"]:
            try:
                text = Path(options["input"]).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise CommandError(f"Không đọc được tệp {options['input']}: {exc}") from exc
        else:
            text = options["text"]
        try:
            text = check_script(text, required=True)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        lexicon = DEFAULT_LEXICON
        if options["commune"]:
            from loalang.places.models import Commune

            commune = Commune.objects.filter(slug=options["commune"]).first()
            if commune is None:
                raise CommandError(f"Không có xã “{options['commune']}”.")
            lexicon = lexicon_for(commune)
        paragraphs = normalize_paragraphs(text, lexicon=lexicon)
        if options["normalized_only"]:
            self.stdout.write("\n\n".join(paragraphs))
            return
        output = options["output"]
        if not output or Path(output).suffix.lower() not in (".mp3", ".ogg"):
            raise CommandError("Cần --output là tệp .mp3 hoặc .ogg.")
        try:
            result = speak(get_engine(), paragraphs, voice=options["voice"], rate=options["rate"])
        except SpeechError as exc:
            raise CommandError(str(exc)) from exc
        clip = audio.normalize_loudness(audio.resample(result.samples, result.rate))
        data = audio.encode_mp3(clip) if output.lower().endswith(".mp3") else audio.encode_ogg(clip)
        target = Path(output)
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".speak-", suffix=".part")
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, target)
        level = audio.measure(clip)
        self.stdout.write(
            f"{target}: {clip.size / audio.OUTPUT_RATE:.1f} giây, RMS {level.rms_dbfs:.1f} dBFS, "
            f"đỉnh {level.peak_dbfs:.1f} dBFS"
        )
