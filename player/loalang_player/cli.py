"""`loalang-player run --config /etc/loalang-player.toml` (the systemd service),
`loalang-player devices` (list sound outputs), `loalang-player check --config …`."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from loalang_player import __version__
from loalang_player.config import load


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="loalang-player", description="Loa Làng Player")
    parser.add_argument("--version", action="version", version=__version__)
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="chạy máy phát / run the player")
    run.add_argument("--config", type=Path, default=Path("/etc/loalang-player.toml"))
    run.add_argument("--log-level", default="INFO")
    check = sub.add_parser("check", help="kiểm tra kết nối / check the connection")
    check.add_argument("--config", type=Path, default=Path("/etc/loalang-player.toml"))
    sub.add_parser("devices", help="liệt kê thiết bị âm thanh / list audio outputs")
    args = parser.parse_args(argv)
    if args.command == "devices":
        import miniaudio

        for dev in miniaudio.Devices().get_playbacks():
            print(dev["name"])
        return 0
    try:
        config = load(args.config)
    except (OSError, ValueError) as exc:
        print(f"Lỗi tệp cấu hình {args.config}: {exc}", file=sys.stderr)
        return 2
    if args.command == "check":
        from loalang_player.net import Api, Offline

        try:
            data = Api(config.server, config.token).get("api/player/v1/programme?days=1")
        except Offline as exc:
            print(f"Không kết nối được Loa Làng: {exc}", file=sys.stderr)
            return 1
        print(f"OK: cụm loa {data['cluster']['name']}, {len(data['sessions'])} buổi phát hôm nay")
        return 0
    logging.basicConfig(
        level=getattr(logging, str(args.log_level).upper(), logging.INFO),
        format="%(asctime)s %(levelname)s %(message)s",
    )
    from loalang_player.service import run as run_service

    return run_service(config)
