"""Helpers for the Playwright browser tests."""

from __future__ import annotations

from typing import Any

from loalang.home.demo import DEMO_PASSWORD


def login(page: Any, base: str, username: str, password: str = DEMO_PASSWORD) -> None:
    """Sign in through the login form, as a person would (demo password by default)."""
    page.goto(base + "/app/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
