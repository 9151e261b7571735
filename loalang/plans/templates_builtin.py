"""The built-in starting point for a commune DX-communication plan: the usual structure and
standard wording (Decree 30/2020 layout, the eight grassroots-information forms of Decree
49/2024). Facts specific to a plan (legal bases, purposes, themes) are left for the officer."""

from __future__ import annotations

from typing import Any

from loalang.core.channels import DECREE_49_FORMS, Channel
from loalang.plans.data import PlanData, empty_data


def template_data(*, commune: Any, title: str, year: int) -> PlanData:
    data = empty_data(title=title, year=year)
    place = commune.name
    data["place"] = place
    data["preamble"] = (
        f"UBND {commune.get_kind_display()} {place} ban hành Kế hoạch truyền thông thực hiện "
        f"chuyển đổi số trên địa bàn năm {year} với những nội dung cụ thể như sau:"
    )
    data["channels"] = [
        {
            "channel": code,
            "text": f"Thông tin, tuyên truyền qua {Channel(code).label.lower()}.",
            "is_emphasised": False,
            "also_channels": [],
        }
        for code in DECREE_49_FORMS
    ]
    data["funding_text"] = (
        "Kinh phí thực hiện kế hoạch gồm: Ngân sách Nhà nước theo quy định phân cấp ngân sách "
        "Nhà nước hiện hành; lồng ghép kinh phí từ các chương trình, dự án, kế hoạch khác có "
        "liên quan và các nguồn kinh phí hợp pháp khác theo quy định của pháp luật."
    )
    data["funding_sources"] = [
        {"kind": "state_budget", "name": "Ngân sách Nhà nước", "planned_vnd": 0},
        {"kind": "integrated", "name": "Lồng ghép từ các chương trình, dự án khác",
         "planned_vnd": 0},
        {"kind": "other", "name": "Các nguồn kinh phí hợp pháp khác", "planned_vnd": 0},
    ]  # fmt: skip
    data["assignments"] = [
        {"unit_label": label, "intro": "", "is_standing": standing, "org_unit_id": None,
         "duties": []}
        for label, standing in (
            ("Công chức Văn hóa - Xã hội", True),
            ("Công chức Tài chính - Ngân sách", False),
            ("Đề nghị MTTQ và các đoàn thể, cơ quan, đơn vị có liên quan", False),
            ("Trưởng các thôn", False),
        )
    ]  # fmt: skip
    data["closing"] = (
        f"Trên đây là Kế hoạch truyền thông thực hiện chuyển đổi số trên địa bàn năm {year}, "
        "đề nghị các cơ quan, đơn vị có liên quan căn cứ chức năng, nhiệm vụ triển khai thực "
        "hiện./."
    )
    data["recipients"] = [
        {"name": "Chủ tịch, các PCT UBND", "purpose": ""},
        {"name": "Các thôn", "purpose": "để t/h"},
        {"name": "Lưu: VT", "purpose": ""},
    ]
    data["signer"] = {"authority": "TM. ỦY BAN NHÂN DÂN", "deputy": "", "title": "CHỦ TỊCH",
                      "name": ""}  # fmt: skip
    return data
