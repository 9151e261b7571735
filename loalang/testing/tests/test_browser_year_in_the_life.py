"""A year in the life of a commune, in a real browser, counting clicks (issue 15, item 8).

The commune starts from its 2023 paper plan. Through 2024, as the people who do the work:
the Culture-Social officer copies the plan and sends it up, the Chair approves and issues it;
the village head logs a meeting on a 360 px phone while the connection is down and sends it
when it is back; the officer verifies it, publishes an article of three paragraphs and finds
it on the public portal by typing without diacritics, answers a citizen's question, writes a
radio bulletin that the Chair approves and the officer confirms as aired; in December the
officer drafts the annual report and the Chair issues it; the province reads its roll-up.

After each person's login every page is reached by clicking or tapping what is on the screen:
no typed addresses (`page.goto` only opens the login page). `Walk` counts every click, tap,
submit and accepted confirmation, and every page loaded; the totals are printed and written
into docs/benchmarks.md ("Một năm của cán bộ / Year in the life"). The server's clock is set
to each step's day (time-machine), so the walk is the same on any day it runs.
"""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
import time_machine
from playwright.sync_api import Browser, Locator, Page, expect

from loalang.activities.models import Activity
from loalang.home.demo import DEMO_PASSWORD, load_foundation
from loalang.plans.models import Plan
from loalang.portal.models import Article, Question
from loalang.radio.models import BroadcastLog, Bulletin
from loalang.reports.models import Report

HCM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
DESKTOP = {"width": 1366, "height": 768}
PHONE = {"width": 360, "height": 740}
QUESTION = "Đăng ký khai sinh trực tuyến cho con thế nào?"
ARTICLE = "Bản Khằm học dùng dịch vụ công trực tuyến"
PARAGRAPHS = [
    "Tối thứ Bảy, Tổ công nghệ số cộng đồng bản Khằm mở lớp ở nhà văn hoá.",
    "Bà con được hướng dẫn đăng nhập VNeID và nộp hồ sơ trên Cổng dịch vụ công.",
    "Lớp học tiếp tục vào các tối thứ Bảy trong tháng.",
]
BULLETIN = "Mời bà con dự lớp học kỹ năng số"


expect.set_options(timeout=60_000)


class Walk:
    """One person's browser tab that counts what the person does."""

    def __init__(self, browser: Browser, base: str, tally: dict[str, Any], *, phone: bool = False):
        self.context = browser.new_context(viewport=PHONE if phone else DESKTOP)
        self.page: Page = self.context.new_page()
        # Some steps render documents (the annual report's draft, PDFs) in the live server
        # thread while the other test worker runs beside it in CI: allow them time. Failing
        # still fails, it only takes longer to say so.
        self.page.set_default_timeout(120_000)
        self.base = base
        self.tally = tally
        self.errors: list[str] = tally.setdefault("errors", [])
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("framenavigated", self._loaded)

        def accept(dialog: Any) -> None:  # a confirmation the person answers "OK" to
            self.tally["clicks"] += 1
            self.tally["log"].append(f"OK: {dialog.message[:60]}")
            dialog.accept()

        self.page.on("dialog", accept)

    def _loaded(self, frame: Any) -> None:
        if frame == self.page.main_frame:
            self.tally["pages"].append(frame.url.split("#")[0])
            assert "/dang-nhap/" in frame.url or self.tally["logged_in"], frame.url

    def click(self, target: Locator) -> None:
        where = self.page.url.split("?")[0].removeprefix(self.base)
        what = str(target).split("selector='")[-1].removesuffix("'>")
        self.tally["log"].append(f"{where}  →  {what}"[:150])
        target.click()
        self.tally["clicks"] += 1
        self.page.wait_for_load_state()

    def login(self, username: str) -> None:
        self.tally["logged_in"] = False
        self.page.goto(self.base + "/tai-khoan/dang-nhap/")  # the only typed address
        self.page.get_by_label("Tên đăng nhập").fill(username)
        self.page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
        self.tally["logged_in"] = True
        self.click(self.page.get_by_role("button", name="Đăng nhập"))
        self.tally["logins"] += 1

    def menu(self, label: str) -> None:
        """Open a staff menu entry by its visible label (inside its group if it has one)."""
        nav = self.page.get_by_role("navigation", name="Chức năng")
        link = nav.get_by_role("link", name=label, exact=True, include_hidden=True)
        if not link.first.is_visible():  # inside a closed group: open the group first
            inside = self.page.get_by_role("link", name=label, exact=True, include_hidden=True)
            group = nav.locator("details").filter(has=inside).first
            self.click(group.locator("summary").first)
        self.click(link.first)

    def link(self, name: str | re.Pattern[str], **kw: Any) -> None:
        self.click(self.page.get_by_role("link", name=name, **kw).first)

    def button(self, name: str | re.Pattern[str], **kw: Any) -> None:
        self.click(self.page.get_by_role("button", name=name, **kw).first)

    def waiting(self, notice: str, menu: str, item: str | re.Pattern[str]) -> None:
        """Open `item`: from the home page's "what waits for you" list when it names it (one
        tap), else through the menu (two)."""
        told = self.page.get_by_role("link", name=re.compile(notice))
        if told.first.is_visible():
            self.click(told.first)
            if self.page.get_by_role("link", name=item).first.is_visible():
                self.link(item)
            return
        self.menu(menu)
        self.link(item)

    def close(self) -> None:
        self.context.close()


@contextmanager
def on(day: str, hour: int) -> Iterator[None]:
    when = dt.datetime.fromisoformat(day).replace(hour=hour, tzinfo=HCM)
    with time_machine.travel(when, tick=True):
        yield


def _setup() -> Any:
    from loalang.plans.demo import load_seed
    from loalang.radio.models import Cluster, Slot

    commune = load_foundation()
    load_seed(commune)
    for village in commune.villages.all():
        cluster = Cluster.objects.create(
            commune=commune, name=f"Cụm loa {village}", code=f"YL-{village.pk}"
        )
        cluster.villages.set([village])
    Slot.objects.create(commune=commune, name="Buổi sáng", starts_at=dt.time(6))
    Slot.objects.create(commune=commune, name="Buổi chiều", starts_at=dt.time(17))
    return commune


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_year_in_the_life(live_server, browser: Browser, capsys):  # type: ignore[no-untyped-def]
    from loalang.portal.services import question_submit

    tally: dict[str, Any] = {
        "clicks": 0, "pages": [], "logins": 0, "logged_in": False, "log": [],
    }  # fmt: skip
    steps: list[tuple[str, int]] = []
    base = live_server.url
    with on("2024-01-02", 8):
        commune = _setup()

    def step(name: str) -> None:
        steps.append((name, tally["clicks"] - sum(n for _s, n in steps)))

    # January: the officer copies last year's plan and sends it up; the Chair issues it.
    with on("2024-01-08", 9):
        me = Walk(browser, base, tally)
        me.login("vanhoa")
        me.menu("Kế hoạch")
        me.link(re.compile("năm 2023"))
        me.button("Sao chép sang năm 2024")
        me.button("Trình duyệt")
        expect(me.page.get_by_text("Trình duyệt").first).to_be_visible()
        me.close()
        chair = Walk(browser, base, tally)
        chair.login("chutich")
        chair.waiting("kế hoạch đang chờ duyệt", "Kế hoạch", re.compile("năm 2024"))
        chair.button("Duyệt")
        chair.button("Ban hành")
        chair.close()
    plan = Plan.objects.get(commune=commune, year=2024)
    assert plan.status == Plan.Status.ISSUED and plan.number and plan.signer_name
    step("Kế hoạch 2024: sao chép, trình, duyệt, ban hành")

    # March: the village head logs a meeting on the phone; the signal drops, then returns.
    with on("2024-03-12", 20):
        head = Walk(browser, base, tally, phone=True)
        head.login("truongthon")
        head.menu("Ghi nhanh")
        head.page.get_by_label("Hình thức").select_option("event")
        head.page.get_by_label("Nội dung hoạt động").fill("Họp bản hướng dẫn cài VNeID")
        head.page.get_by_label("Số người tham gia, được tiếp cận").fill("42")
        head.context.set_offline(True)
        head.click(head.page.get_by_role("button", name="Gửi"))
        expect(head.page.locator("#submit-status")).to_contain_text("Mất kết nối")
        head.context.set_offline(False)
        head.click(head.page.get_by_role("button", name="Gửi"))
        expect(head.page.get_by_role("heading", level=1)).to_have_text("Đã ghi hoạt động")
        assert head.page.evaluate("document.documentElement.scrollWidth") <= 360
        head.close()
    activity = Activity.objects.get(commune=commune, title="Họp bản hướng dẫn cài VNeID")
    step("Trưởng bản ghi nhanh trên điện thoại (mất mạng rồi gửi lại)")

    with on("2024-03-13", 9):
        question_submit(
            commune=commune,
            category=Question.Category.DIGITAL_SERVICE,
            subject=QUESTION,
            body="Con tôi mới sinh, tôi có phải lên xã không?",
        )
        me = Walk(browser, base, tally)
        me.login("vanhoa")
        # The home page says what waits: the reported activity.
        me.link(re.compile("hoạt động đang chờ xác nhận"))
        me.link("Họp bản hướng dẫn cài VNeID")
        me.click(me.page.get_by_test_id("verify"))
        activity.refresh_from_db()
        assert activity.status == Activity.Status.VERIFIED
        step("Xác nhận hoạt động")

        # An article of three paragraphs, published and found without diacritics.
        me.menu("Trang chuyển đổi số")
        me.click(me.page.get_by_test_id("article-new"))
        me.page.get_by_label("Tiêu đề").fill(ARTICLE)
        me.page.get_by_label("Tóm tắt").fill("Lớp học kỹ năng số ở nhà văn hoá bản.")
        me.click(me.page.get_by_role("textbox", name="Nội dung", exact=True))
        for i, paragraph in enumerate(PARAGRAPHS):
            me.page.keyboard.type(paragraph)
            if i < len(PARAGRAPHS) - 1:
                me.page.keyboard.press("Enter")
        me.click(me.page.get_by_test_id("save"))
        me.click(me.page.get_by_test_id("publish"))
        expect(me.page.get_by_test_id("status")).to_have_text("Đã đăng")
        me.link("Xem trên trang công khai")
        expect(me.page.locator(".article-body p")).to_have_text(PARAGRAPHS)
        me.page.get_by_role("searchbox").first.fill("ban kham dich vu cong truc tuyen")
        me.button("Tìm")
        me.link(ARTICLE)
        expect(me.page.get_by_role("heading", level=1)).to_have_text(ARTICLE)
        for _tap in range(3):  # the browser's Back button, back to the staff page: 3 taps
            me.page.go_back()
            tally["clicks"] += 1
            tally["log"].append("Back (the browser's button)")
        step("Viết bài 3 đoạn, đăng, tìm không dấu trên cổng")

        # The citizen's question, answered and made public.
        me.menu("Câu hỏi của người dân")
        me.link(QUESTION)
        me.page.get_by_label("Câu trả lời").fill(
            "Anh, chị đăng ký khai sinh trực tuyến trên Cổng dịch vụ công quốc gia bằng "
            "tài khoản VNeID, không phải lên xã."
        )
        me.click(me.page.get_by_test_id("answer"))
        me.click(me.page.get_by_test_id("publish-answer"))
        assert Question.objects.get(subject=QUESTION).status == Question.Status.PUBLISHED
        step("Trả lời câu hỏi của người dân")

        # A radio bulletin, sent to the Chair.
        me.menu("Đài truyền thanh")
        me.link("Viết bản tin")
        me.page.get_by_label("Tiêu đề").fill(BULLETIN)
        me.page.get_by_label("Nội dung đọc").fill(
            "Tổ công nghệ số cộng đồng mời bà con dự lớp học kỹ năng số vào tối thứ Bảy tại "
            "nhà văn hoá các bản."
        )
        me.button("Lưu bản nháp")
        me.button("Gửi duyệt")
        me.close()
    step("Viết bản tin, gửi duyệt")

    with on("2024-03-13", 14):
        chair = Walk(browser, base, tally)
        chair.login("chutich")
        chair.link(re.compile("bản tin đang chờ duyệt"))
        chair.link(BULLETIN)
        chair.button("Duyệt", exact=True)
        chair.close()
    assert Bulletin.objects.get(title=BULLETIN).status == Bulletin.Status.APPROVED
    step("Chủ tịch duyệt bản tin")

    with on("2024-03-14", 18):
        me = Walk(browser, base, tally)
        me.login("vanhoa")
        me.menu("Đài truyền thanh")
        me.link("Nhật ký phát")
        me.button(re.compile("Cả buổi 17:00"))
        me.close()
    assert BroadcastLog.objects.filter(bulletin__title=BULLETIN).count() == 1
    step("Xác nhận buổi phát")

    # December: the annual report, drafted by the officer and issued by the Chair.
    with on("2024-12-20", 9):
        me = Walk(browser, base, tally)
        me.login("vanhoa")
        me.menu("Báo cáo")
        me.click(me.page.get_by_test_id("report-create"))
        me.page.get_by_label("Kỳ báo cáo").select_option("year")
        me.page.get_by_label("Năm").fill("2024")
        me.button("Tạo dự thảo")
        me.click(me.page.get_by_test_id("report-submit"))
        me.close()
        chair = Walk(browser, base, tally)
        chair.login("chutich")
        chair.waiting("báo cáo.*chờ", "Báo cáo", re.compile("năm 2024"))
        chair.click(chair.page.get_by_test_id("report-issue"))
        chair.close()
    report = Report.objects.get(commune=commune, date_from=dt.date(2024, 1, 1))
    assert report.is_issued and report.number
    step("Báo cáo năm: soạn, trình, ban hành")

    # The province reads its roll-up.
    with on("2024-12-27", 9):
        province = Walk(browser, base, tally)
        province.login("tinh")
        # Where the viewer lands decides the clicks: the roll-up itself, a link to it, or
        # the commune's home with the roll-up under "Báo cáo".
        rollup = province.page.get_by_role("link", name=re.compile("Thanh Hóa"))
        if "Thanh Hóa" not in province.page.get_by_role("heading", level=1).inner_text():
            if not rollup.first.is_visible():
                province.menu("Báo cáo")
            province.link(re.compile("Thanh Hóa"))
        expect(province.page.get_by_role("heading", level=1)).to_contain_text("Thanh Hóa")
        expect(province.page.locator("main")).to_contain_text("Ái Thượng")
        province.close()
    step("Tỉnh xem tổng hợp")

    assert Article.objects.get(title=ARTICLE).status == Article.Status.PUBLISHED
    assert tally["errors"] == []
    pages = tally["pages"]
    with capsys.disabled():
        print(f"\nMột năm của cán bộ / Year in the life: {tally['clicks']} clicks, "
              f"{len(pages)} pages loaded ({len(set(pages))} distinct), "
              f"{tally['logins']} logins")  # fmt: skip
        for name, n in steps:
            print(f"  {n:3d}  {name}")
        print("Every click:", *tally["log"], sep="\n  ")
    assert tally["clicks"] <= 80
