"""The production settings pass Django's deployment checklist, and pages carry the headers."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


def deploy_check(tmp_path: Path, **overrides: str) -> subprocess.CompletedProcess[str]:
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "loalang.example.vn",
        "LOALANG_VAR_DIR": str(tmp_path),
        **overrides,
    }
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_settings_pass_check_deploy(tmp_path):
    result = deploy_check(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_catches_a_weakened_setting(tmp_path):
    result = deploy_check(tmp_path, SECURE_HSTS_SECONDS="0", SESSION_COOKIE_SECURE="False")
    assert result.returncode != 0
    assert "security.W004" in result.stderr + result.stdout
    assert "security.W012" in result.stderr + result.stdout


def test_production_refuses_a_weak_secret_key(tmp_path):
    result = deploy_check(tmp_path, SECRET_KEY="django-insecure-short")
    assert result.returncode != 0
    assert "SECRET_KEY must be a random string" in result.stderr


@pytest.mark.django_db
def test_pages_carry_strict_csp_and_no_sniff(client):
    response = client.get("/tai-khoan/dang-nhap/")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self';" in csp
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
