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


def menu(page: Any, entry: str, link: str | None = None) -> None:
    """Follow the staff menu as a person would: click the entry (a group opens) and then, for a
    group, the link inside it. `menu(page, "Hoạt động", "Ghi nhanh")`, `menu(page, "Trang chủ")`.
    """
    nav = page.get_by_test_id("mainnav")
    if link is None:
        nav.get_by_role("link", name=entry, exact=True).click()
        return
    group = nav.locator("details").filter(has=page.locator("summary", has_text=entry))
    group.locator("summary").click()
    group.get_by_role("link", name=link, exact=True).click()
