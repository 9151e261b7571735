"""The default indicator set (domain brief §3): loaded here so every install has it.

Frozen in this file on purpose: a later version of the set is a new migration (version 2),
never an edit of this one. Reverse: deletes version 1 when no report uses it.
"""

from django.db import migrations

# (code, group, name, unit, rule, params, is_key)
G0 = "Tổng hợp"
G1 = "Trang thông tin điện tử, mạng xã hội"
G2 = "Đài truyền thanh"
G3 = "Cổ động trực quan, bản tin, tài liệu, tin nhắn"
G4 = "Hội nghị, tập huấn, tuyên truyền trực tiếp"
G5 = "Tổ công nghệ số cộng đồng"
G6 = "Chỉ số kết quả"
G7 = "Kinh phí"
INDICATORS = [
    ("0.1", G0, "Tổng số hoạt động truyền thông đã xác nhận", "hoạt động", "count_activities", {}, True),
    ("0.2", G0, "Tổng số lượt người được tiếp cận", "lượt người", "sum_reach", {}, True),
    ("1.1", G1, "Số tin, bài đăng trên trang thông tin điện tử", "tin, bài", "articles_published", {}, False),
    ("1.2", G1, "Số bài đăng trên mạng xã hội, nhóm Zalo", "bài", "social_posts", {}, False),
    ("1.3", G1, "Số câu hỏi, phản ánh của người dân đã được trả lời", "câu hỏi", "feedback_answered", {}, False),
    ("1.4", G1, "Chuyên mục Chuyển đổi số trên trang thông tin điện tử (1 = có, 0 = chưa)", "có/chưa", "", {}, False),
    ("2.1", G2, "Số buổi phát thanh về chuyển đổi số", "buổi", "count_activities", {"kind": "radio_broadcast"}, True),
    ("2.2", G2, "Thời lượng phát thanh", "phút", "sum_minutes", {}, False),
    ("2.3", G2, "Số cụm loa đang hoạt động", "cụm", "", {}, False),
    ("3.1", G3, "Số băng rôn, khẩu hiệu, pa nô, bảng tin", "cái", "visual_items", {}, False),
    ("3.2", G3, "Số bản tin thông tin cơ sở phát hành", "bản", "bulletin_copies", {}, False),
    ("3.3", G3, "Số bản tài liệu, tờ rơi được in", "bản", "copies_printed", {}, False),
    ("3.4", G3, "Số bản tài liệu, tờ rơi đã phát đến thôn", "bản", "copies_distributed", {}, False),
    ("3.5", G3, "Số tin nhắn SMS đã gửi", "tin", "sms_sent", {}, False),
    ("4.1", G4, "Số hội nghị, tập huấn, sinh hoạt cộng đồng", "cuộc", "events_held", {}, True),
    ("4.2", G4, "Số người tham dự", "người", "participants", {}, True),
    ("4.3", G4, "Trong đó: cán bộ, công chức", "người", "participants", {"group": "officials"}, False),
    ("4.4", G4, "Trong đó: thành viên Tổ công nghệ số", "người", "participants", {"group": "team_members"}, False),
    ("4.5", G4, "Trong đó: người dân", "người", "participants", {"group": "residents"}, False),
    ("4.6", G4, "Số buổi tuyên truyền trực tiếp", "buổi", "propagandist_sessions", {}, False),
    ("5.1", G5, "Số hộ được hướng dẫn", "hộ", "households_guided", {}, True),
    ("5.2", G5, "Số người được hướng dẫn", "người", "people_guided", {}, False),
    ("5.3", G5, "Số hộ được hướng dẫn kích hoạt VNeID mức 2", "hộ", "households_by_platform", {"platform": "vneid_level2"}, False),
    ("5.4", G5, "Số hộ được hướng dẫn sử dụng dịch vụ công trực tuyến", "hộ", "households_by_platform", {"platform": "public_service"}, False),
    ("5.5", G5, "Số hộ được hướng dẫn thanh toán không dùng tiền mặt", "hộ", "households_by_platform", {"platform": "cashless"}, False),
    ("5.6", G5, "Số hộ được hướng dẫn dùng sàn thương mại điện tử", "hộ", "households_by_platform", {"platform": "ecommerce"}, False),
    ("5.7", G5, "Số người đăng ký học Bình dân học vụ số", "người", "people_by_platform", {"platform": "bdhvs_enrolled"}, False),
    ("5.8", G5, "Số người hoàn thành Bình dân học vụ số", "người", "people_by_platform", {"platform": "bdhvs_completed"}, False),
    ("6.1", G6, "Tỷ lệ hồ sơ dịch vụ công trực tuyến", "%", "", {}, False),
    ("6.2", G6, "Tỷ lệ người trưởng thành kích hoạt tài khoản VNeID mức 2", "%", "", {}, False),
    ("6.3", G6, "Tỷ lệ hộ thanh toán không dùng tiền mặt", "%", "", {}, False),
    ("6.4", G6, "Tỷ lệ người trưởng thành có kỹ năng số cơ bản", "%", "", {}, False),
    ("7.1", G7, "Tổng kinh phí đã chi cho hoạt động truyền thông", "đồng", "budget_spent", {}, False),
    ("7.2", G7, "Trong đó: ngân sách Nhà nước", "đồng", "budget_spent", {"source_kind": "state_budget"}, False),
    ("7.3", G7, "Trong đó: lồng ghép chương trình, dự án khác", "đồng", "budget_spent", {"source_kind": "integrated"}, False),
]


def load(apps, schema_editor):
    IndicatorSet = apps.get_model("reports", "IndicatorSet")
    Indicator = apps.get_model("reports", "Indicator")
    indicator_set, _ = IndicatorSet.objects.get_or_create(
        code="mac-dinh",
        version=1,
        defaults={
            "name": "Bộ chỉ tiêu báo cáo truyền thông chuyển đổi số cấp xã",
            "note": "Tổng hợp theo các chỉ tiêu cấp trên thường yêu cầu (kế hoạch, hệ thống tỉnh, chỉ số DTI).",
        },
    )
    for order, (code, group, name, unit, rule, params, is_key) in enumerate(INDICATORS):
        Indicator.objects.update_or_create(
            indicator_set=indicator_set,
            code=code,
            defaults={
                "group": group,
                "name": name,
                "unit": unit,
                "rule": rule,
                "params": params,
                "is_key": is_key,
                "sort_order": order * 10,
            },
        )


def unload(apps, schema_editor):
    IndicatorSet = apps.get_model("reports", "IndicatorSet")
    Report = apps.get_model("reports", "Report")
    sets = IndicatorSet.objects.filter(code="mac-dinh", version=1)
    if not Report.objects.filter(indicator_set__in=sets).exists():
        for s in sets:
            s.indicators.all().delete()
            s.delete()


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
