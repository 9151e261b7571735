# ruff: noqa: E501 - the seed plan's sentences are data, wrapped at word boundaries
"""The Ái Thượng 2023 plan ("Kế hoạch truyền thông thực hiện chuyển đổi số trên địa bàn xã
Ái Thượng năm 2023"), structured from the restored seed text in plans/seed/. Every sentence is
the plan's own; only the theme short names (tag labels) and channel codes are ours.
The OCR lost the header: number, issue date and signer are unknown, so `seed_data()` leaves
them blank (it is compared with the seed text). The demo loader stores the plan as issued
with a SAMPLE number, date and signer (SAMPLE_ISSUE; the plan is marked is_sample and its
page says so): an issued document always has them.

`load(commune)` is the app's demo loader (registered in PlansConfig.ready()): idempotent. It adds the
sample targets (SAMPLE_TARGETS, marked is_sample), which are ours, not the plan's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from loalang.plans.data import PlanData, Target

SEED_TITLE = "Truyền thông thực hiện chuyển đổi số trên địa bàn xã Ái Thượng năm 2023"


def seed_data() -> PlanData:
    from loalang.plans.data import empty_data

    data = empty_data(title=SEED_TITLE, year=2023)
    data.update(
        {
            "issuer": "ỦY BAN NHÂN DÂN\nXÃ ÁI THƯỢNG",
            "place": "Ái Thượng",
            "symbol": "KH-UBND",
            "preamble": (
                "Nhằm thông tin, tuyên truyền sâu rộng về mục đích, ý nghĩa và tầm quan trọng của "
                "chuyển đổi số đối với sự phát triển kinh tế - xã hội trong giai đoạn mới, UBND "
                "xã Ái Thượng ban hành Kế hoạch truyền thông thực hiện chuyển đổi số trên địa bàn "
                "xã năm 2023 với những nội dung cụ thể như sau:"
            ),
            "funding_text": (
                "Kinh phí thực hiện kế hoạch gồm: Ngân sách Nhà nước theo quy định phân cấp ngân "
                "sách Nhà nước hiện hành; lồng ghép kinh phí từ các chương trình, dự án, kế hoạch "
                "khác có liên quan và các nguồn kinh phí hợp pháp khác theo quy định của pháp "
                "luật."
            ),
            "closing": (
                "Trên đây là Kế hoạch truyền thông thực hiện chuyển đổi số trên địa bàn xã Ái "
                "Thượng năm 2023, đề nghị các ban ngành, đoàn thể; các cơ quan, đơn vị, doanh "
                "nghiệp; công chức có liên quan căn cứ theo chức năng, nhiệm vụ triển khai thực "
                "hiện kế hoạch này./."
            ),
        }
    )
    data["legal_bases"] = [
        {
            "verb": "Thực hiện",
            "doc_type": "Kế hoạch",
            "number": "65",
            "symbol": "KH-UBND",
            "issued_on": "2022-03-30",
            "date_style": "short",
            "issuer": "UBND huyện Bá Thước",
            "summary": (
                "về truyền thông thực hiện Nghị quyết số 06-NQ/TU ngày 10/11/2021 của Ban "
                "Thường vụ Tỉnh ủy về chuyển đổi số tỉnh Thanh Hóa đến năm 2025, định hướng "
                "đến năm 2030"
            ),
        },
        {
            "verb": "Thực hiện",
            "doc_type": "Kế hoạch",
            "number": "07",
            "symbol": "KH-UBND",
            "issued_on": "2023-01-05",
            "date_style": "padded",
            "issuer": "UBND xã Ái Thượng",
            "summary": "về thực hiện chuyển đổi số trên địa bàn xã năm 2023",
        },
    ]
    data["purposes"] = [
        (
            "Thông qua công tác tuyên truyền nhằm nâng cao nhận thức, trách nhiệm và hành "
            "động của các cấp, các ngành, các cơ quan, đơn vị, doanh nghiệp, cán bộ, đảng "
            "viên và các tầng lớp Nhân dân trên địa bàn xã về chuyển đổi số; qua đó tạo sự "
            "đồng thuận cao trong xã hội quyết tâm thực hiện thắng lợi Nghị quyết số 06-NQ/TU "
            "ngày 10/11/2021 của Ban Thường vụ Tỉnh ủy về chuyển đổi số tỉnh Thanh Hóa đến "
            "năm 2025, định hướng đến năm 2030."
        ),
        (
            "Thông tin, truyền thông về chuyển đổi số nhằm hướng đến lợi ích của người dân và "
            "doanh nghiệp; nâng cao ý thức sử dụng công nghệ thông tin từ gia đình đến nhà "
            "trường, xã hội, góp phần hình thành xã hội thông tin, gắn kết với bảo đảm an "
            "toàn, an ninh thông tin cho người sử dụng; tăng cường hiệu lực thực thi pháp "
            "luật và hiệu quả công tác quản lý, sử dụng ngân sách nhà nước cho công nghệ "
            "thông tin và chuyển đổi số."
        ),
    ]
    data["requirements"] = [
        (
            "Các hình thức thông tin, tuyên truyền được phối hợp linh hoạt, kịp thời, thiết "
            "thực, tiết kiệm, hiệu quả; tận dụng ưu thế của mạng xã hội và phương tiện truyền "
            "thông đại chúng để các nội dung thông tin, tuyên truyền lan tỏa rộng rãi trong "
            "cộng đồng."
        ),
        (
            "Công tác tuyên truyền phải được tổ chức thường xuyên, có trọng tâm, trọng điểm, "
            "linh hoạt, đáp ứng với yêu cầu của từng giai đoạn, tránh dàn trải, chung chung "
            "gây tốn kém, lãng phí."
        ),
    ]
    data["themes"] = [
        {
            "letter": "a",
            "short_name": "Khái niệm, ý nghĩa và chủ trương về chuyển đổi số",
            "text": (
                "Thông tin, tuyên truyền, giới thiệu những khái niệm cơ bản, tầm quan trọng, ý "
                "nghĩa, mục tiêu và tác động của chuyển đổi số, công nghệ số; sự cần thiết phải "
                "chuyển đổi số, phát triển chính quyền số; vai trò, tác động của ứng dụng công "
                "nghệ thông tin đến phát triển kinh tế - xã hội; các quan điểm chủ trương của "
                "Đảng, chính sách pháp luật của Nhà nước về Chuyển đổi số và kết quả thực hiện "
                "ứng dụng công nghệ thông tin, xây dựng chính quyền số, chuyển đổi số ở các cấp, "
                "các ngành, các địa phương."
            ),
        },
        {
            "letter": "b",
            "short_name": "Chỉ đạo của tỉnh, huyện về Nghị quyết 06-NQ/TU",
            "text": (
                "Tập trung tuyên truyền về những định hướng, quan điểm, giải pháp trong chỉ đạo, "
                "điều hành của Tỉnh ủy, HĐND, UBND tỉnh, của Huyện ủy, HĐND, UBND huyện đối với "
                "các ngành, các cấp trong việc triển khai và thực hiện Nghị quyết số 06-NQ/TU; "
                "Quyết định số 176/QĐ-UBND ngày 10/1/2022 của Chủ tịch UBND tỉnh về ban hành "
                "Chương trình hành động thực hiện Nghị quyết số 06-NQ/TU ngày 10/11/2021 của Ban "
                "Thường vụ Tỉnh ủy về chuyển đổi số tỉnh Thanh Hóa đến năm 2025, định hướng đến "
                "năm 2030."
            ),
        },
        {
            "letter": "c",
            "short_name": "Vai trò, trách nhiệm của cấp ủy và người đứng đầu",
            "text": (
                "Tuyên truyền vai trò, trách nhiệm của các cấp ủy Đảng, người đứng đầu cơ quan "
                "hành chính các cấp, người đứng đầu các tổ chức chính trị - xã hội, các đơn vị sự "
                "nghiệp công lập đối với việc triển khai, thực hiện nhiệm vụ ứng dụng công nghệ "
                "thông tin, xây dựng chính quyền số."
            ),
        },
        {
            "letter": "d",
            "short_name": "Sự vào cuộc của cấp ủy, chính quyền, Mặt trận và đoàn thể",
            "text": (
                "Thông tin, tuyên truyền, phản ánh sự vào cuộc của cấp ủy và chính quyền trong "
                "việc thực hiện Nghị quyết; đề cao vai trò của Mặt trận Tổ quốc, các đoàn thể để "
                "đẩy mạnh Chuyển đổi số trên địa bàn xã; huy động tối đa các nguồn lực cho đầu tư "
                "hạ tầng số, đáp ứng yêu cầu chuyển đổi số trong các ngành, lĩnh vực. Với mục "
                "tiêu: đẩy mạnh phát triển nguồn nhân lực phục vụ chuyển đổi số; đẩy mạnh xây "
                "dựng chính quyền số, kinh tế số, xã hội số; tập trung phát triển mạnh kinh tế số "
                "để nâng cao năng suất lao động, sức cạnh tranh của các ngành, các sản phẩm, các "
                "doanh nghiệp và nền kinh tế của xã; phát triển xã hội số, góp phần xây dựng xã "
                "hội văn minh, hiện đại, tiến bộ, nâng cao chất lượng cuộc sống của người dân."
            ),
        },
        {
            "letter": "e",
            "short_name": "Đầu tư, mua sắm cho chuyển đổi số đúng quy định",
            "text": (
                "Tuyên truyền, phổ biến việc triển khai các nhiệm vụ chuyển đổi số cần thực hiện "
                "theo quy trình, thủ tục, pháp luật hiện hành về quản lý đầu tư, ngân sách nhà "
                "nước; tuân thủ các quy trình lựa chọn nhà thầu đảm bảo cạnh tranh, minh bạch; "
                "sản phẩm, dịch vụ được lựa chọn có chất lượng tốt nhất với giá cả phù hợp nhất. "
                "Thực hiện kiểm tra, giám sát kịp thời ngay từ khâu lập kế hoạch, phê duyệt chủ "
                "trương, lập dự toán đến các khâu thực hiện đầu tư, mua sắm và quyết toán."
            ),
        },
        {
            "letter": "g",
            "short_name": "Mô hình điển hình và biểu dương",
            "text": (
                "Thông tin, tuyên truyền giới thiệu sâu rộng những mô hình thí điểm về chuyển đổi "
                "số, các bước triển khai thực hiện chuyển đổi số và hiệu quả bước đầu chuyển đổi "
                "số ở một số lĩnh vực. Biểu dương kịp thời những đơn vị, địa phương, tập thể, cá "
                "nhân trong xã đi đầu trong việc triển khai, thực hiện hiệu quả các nội dung, "
                "nhiệm vụ tại Nghị quyết số 06-NQ/TU ngày 10/11/2021 của Ban Thường vụ Tỉnh ủy về "
                "chuyển đổi số."
            ),
        },
    ]
    data["channels"] = [
        {
            "channel": "portal",
            "text": (
                "Thực hiện thông tin, tuyên truyền thông qua hệ thống Trang thông tin điện tử, "
                "các bản tin, thông tin nội bộ của các cơ quan, đơn vị và trên các phương tiện "
                "thông tin đại chúng."
            ),
            "is_emphasised": False,
            "also_channels": ["bulletin", "mass_media"],
        },
        {
            "channel": "radio",
            "text": (
                "Thông tin, tuyên truyền trên hệ thống Đài truyền thanh xã; hệ thống cổ động trực "
                "quan. Trong đó đặc biệt chú trọng việc tuyên truyền trên hệ thống Đài truyền "
                "thanh của xã."
            ),
            "is_emphasised": True,
            "also_channels": ["visual"],
        },
        {
            "channel": "event",
            "text": (
                "Thông tin, tuyên truyền thông qua các hội thảo, hội nghị, tập huấn, diễn đàn, "
                "sinh hoạt cộng đồng..."
            ),
            "is_emphasised": False,
            "also_channels": [],
        },
        {
            "channel": "printed",
            "text": "Thông tin, tuyên truyền qua việc biên soạn, in ấn tài liệu, ấn phẩm, tờ rơi.",
            "is_emphasised": False,
            "also_channels": [],
        },
    ]
    # The three sources the funding paragraph names; the plan gives no amounts.
    data["funding_sources"] = [
        {"kind": "state_budget", "name": "Ngân sách Nhà nước", "planned_vnd": 0},
        {
            "kind": "integrated",
            "name": "Lồng ghép từ các chương trình, dự án, kế hoạch khác",
            "planned_vnd": 0,
        },
        {"kind": "other", "name": "Các nguồn kinh phí hợp pháp khác", "planned_vnd": 0},
    ]
    data["assignments"] = [
        {
            "unit_label": "Công chức Văn hóa - Xã hội",
            "intro": "",
            "is_standing": True,
            "org_unit_id": None,
            "duties": [
                (
                    "Là bộ phận thường trực, tham mưu hướng dẫn, theo dõi, đôn đốc các cơ quan, đơn "
                    "vị, các thôn tổ chức triển khai, thực hiện các nội dung tuyên truyền về chuyển "
                    "đổi số trên địa bàn xã."
                ),
                (
                    "Phối hợp, hướng dẫn các cơ quan, đơn vị, các thôn đẩy mạnh tuyên truyền trên các "
                    "phương tiện thông tin đại chúng."
                ),
                (
                    "Thường xuyên tuyên truyền cập nhật, đăng tin, bài, hình ảnh hoạt động, sự kiện "
                    "về các nội dung chuyển đổi số tại trang mạng xã hội... nhằm thu hút cộng đồng "
                    "mạng xã hội, người dân quan tâm, theo dõi."
                ),
                (
                    "Tổ chức các hội nghị tập huấn, hội thảo chuyên đề chuyển đổi số, chính quyền số "
                    "nhằm nâng cao nhận thức và kỹ năng công nghệ thông tin, nhất là công nghệ số."
                ),
                (
                    "Triển khai, thực hiện các hoạt động thông tin, tuyên truyền về chuyển đổi số "
                    "theo chức năng và nhiệm vụ được giao."
                ),
                (
                    "Liên kết và gắn banner chuyên mục chuyển đổi số trên Trang Thông tin điện tử xã. "
                    "Tham mưu trình Chủ tịch UBND xã chỉ đạo thực hiện các yêu cầu, nhiệm vụ công tác "
                    "thông tin, tuyên truyền theo thẩm quyền."
                ),
                "Thực hiện chế độ thông tin, báo cáo theo định kỳ và khi có yêu cầu đột xuất.",
            ],
        },
        {
            "unit_label": "Công chức Tài chính - Ngân sách",
            "intro": (
                "Căn cứ các chương trình, đề án, dự án được phê duyệt và khả năng cân đối ngân "
                "sách, tham mưu trình UBND xã bố trí kinh phí thực hiện Kế hoạch theo quy định."
            ),
            "is_standing": False,
            "org_unit_id": None,
            "duties": [],
        },
        {
            "unit_label": "Đề nghị MTTQ và các đoàn thể, cơ quan, đơn vị có liên quan",
            "intro": "",
            "is_standing": False,
            "org_unit_id": None,
            "duties": [
                (
                    "Tổ chức quán triệt các chủ trương, chính sách của Đảng, Nhà nước về chuyển đổi "
                    "số; tuyên truyền vai trò, ý nghĩa, tầm quan trọng của chuyển đổi số đến cán bộ, "
                    "công chức, viên chức, các tổ chức và người dân."
                ),
                (
                    "Căn cứ nội dung Kế hoạch này và các Chương trình, Kế hoạch chuyển đổi số của các "
                    "Bộ, ngành Trung ương, của tỉnh, huyện chủ động xây dựng Kế hoạch, tổ chức triển "
                    "khai thực hiện."
                ),
            ],
        },
        {
            "unit_label": "Trưởng các thôn",
            "intro": "",
            "is_standing": False,
            "org_unit_id": None,
            "duties": [
                (
                    "Là nòng cốt triển khai các nhiệm vụ, giải pháp tạo nền móng chuyển đổi số, phát "
                    "triển Chính phủ số, kinh tế số, xã hội số trong Kế hoạch này."
                ),
                (
                    "Đẩy mạnh tuyên truyền chương trình chuyển đổi số đến người dân bằng nhiều hình "
                    "thức. Phát huy vai trò của Tổ công nghệ số cộng đồng trong việc tuyên truyền, "
                    "hướng dẫn người dân tiếp cận với chuyển đổi số."
                ),
            ],
        },
    ]
    data["recipients"] = [
        {"name": "Phòng VH-TT huyện", "purpose": "để B/c"},
        {"name": "TTr Đảng ủy - HĐND", "purpose": "để b/c"},
        {"name": "Chủ tịch, các PCT UBND", "purpose": ""},
        {"name": "Các thôn", "purpose": "để t/h"},
        {"name": "Lưu: VT", "purpose": ""},
    ]
    return data


# Sample targets (is_sample): the seed plan sets no figures, so these put numbers on what its
# text asks for — the radio it "especially emphasises", the training conferences, leaflets,
# the Community Digital Technology Teams guiding people (VNeID level 2, smartphones, online
# public services), the villages' own propaganda — and give two villages their own target.
# Each is measurable from verified activities (activities.coverage.target_progress).
# (village name or "", description, metric, channel, value, unit, period, per_village)
SAMPLE_TARGETS: list[tuple[str, str, str, str, int, str, str, bool]] = [
    (
        "",
        "Đài truyền thanh xã phát tin, bài tuyên truyền về chuyển đổi số ít nhất 04 lần mỗi tháng",
        "activity_count", "radio", 4, "lần", "month", False,
    ),
    (
        "",
        "Tổ chức ít nhất 06 hội nghị, tập huấn, sinh hoạt cộng đồng chuyên đề chuyển đổi số, chính quyền số",
        "activity_count", "event", 6, "buổi", "total", False,
    ),
    (
        "",
        "Tổ công nghệ số cộng đồng hướng dẫn tận nhà ít nhất 1.000 hộ cài đặt, kích hoạt tài khoản định danh điện tử VNeID mức độ 2, sử dụng dịch vụ công trực tuyến và thanh toán không dùng tiền mặt",
        "households", "team_guidance", 1000, "hộ", "total", False,
    ),
    (
        "",
        "Hướng dẫn ít nhất 1.500 lượt người dân sử dụng điện thoại thông minh và các ứng dụng số",
        "reach", "team_guidance", 1500, "lượt người", "total", False,
    ),
    (
        "",
        "Biên soạn, in và phát hành ít nhất 1.000 tờ rơi, tờ gấp hướng dẫn về chuyển đổi số",
        "copies", "printed", 1000, "bản", "total", False,
    ),
    (
        "",
        "Mỗi thôn, bản có ít nhất 01 hoạt động tuyên truyền về chuyển đổi số mỗi quý",
        "activity_count", "", 1, "hoạt động", "quarter", True,
    ),
    (
        "Khằm",
        "Hướng dẫn ít nhất 150 hộ kích hoạt tài khoản định danh điện tử VNeID mức độ 2",
        "households", "team_guidance", 150, "hộ", "total", False,
    ),
    (
        "Ấm",
        "Hướng dẫn ít nhất 80 hộ kích hoạt tài khoản định danh điện tử VNeID mức độ 2",
        "households", "team_guidance", 80, "hộ", "total", False,
    ),
]  # fmt: skip


def sample_targets(commune: Any) -> list[Target]:
    """SAMPLE_TARGETS as plan data rows for `commune`; a village target whose village the
    commune does not have is left out."""
    from loalang.places.models import Village

    villages = {v.name: v.pk for v in Village.objects.filter(commune=commune)}
    rows: list[Target] = []
    for village, description, metric, channel, value, unit, period, per_village in SAMPLE_TARGETS:
        if village and village not in villages:
            continue
        rows.append(
            {
                "description": description,
                "metric": metric,
                "channel": channel,
                "activity_kind": "",
                "target_value": value,
                "unit": unit,
                "period": period,
                "per_village": per_village,
                "village_id": villages[village] if village else None,
                "due_on": "",
                "is_sample": True,
            }
        )
    return rows


# Invented for the demo (the OCR lost them): after Kế hoạch 07/KH-UBND of 05/01/2023, which
# the plan cites. The signer is the demo commune's Chair (core.demo).
SAMPLE_ISSUE = {"number": "10", "issued_on": "2023-01-10"}


def _sample_issue(commune: Any, plan: Any) -> None:
    """Give the stored plan its sample number, date and signer, and move the commune's 2023
    KH-UBND counter past the number so Loa Làng never hands it out again."""
    import datetime as dt

    from loalang.documents.models import NumberCounter
    from loalang.documents.selectors import default_signer

    signer = default_signer(commune)
    if not signer["name"]:
        signer["name"] = "Hà Văn Minh"
    plan.number = SAMPLE_ISSUE["number"]
    plan.issued_on = dt.date.fromisoformat(SAMPLE_ISSUE["issued_on"])
    plan.issued_year = plan.issued_on.year
    plan.signer_authority, plan.signer_deputy = signer["authority"], signer["deputy"]
    plan.signer_title, plan.signer_name = signer["title"], signer["name"]
    plan.status = plan.Status.ISSUED if plan.status == plan.Status.APPROVED else plan.status
    plan.is_sample = True
    plan.full_clean()
    plan.save()
    counter, _created = NumberCounter.objects.get_or_create(
        commune=commune, symbol=plan.symbol, year=plan.issued_year
    )
    if counter.last_number < int(plan.number):
        counter.last_number = int(plan.number)
        counter.save(update_fields=["last_number", "updated_at"])


def load(commune: Any) -> None:
    """The app's demo loader: the seed plan, then the current and previous year's plans."""
    from loalang.plans.demo_current import load_current

    load_seed(commune)
    load_current(commune)  # ADR 0105


def load_seed(commune: Any) -> None:
    """Load the seed plan into the demo commune (Ái Thượng only). Idempotent: a second run
    finds the plan by commune, year and title and rewrites the same rows in place."""
    from django.db import transaction

    from loalang.people.models import OrgUnit
    from loalang.plans.models import Plan
    from loalang.plans.services import plan_create_from_data, plan_sync_children

    if commune.name != "Ái Thượng":
        return
    data = seed_data()
    units = {u.name: u.pk for u in OrgUnit.objects.filter(commune=commune)}
    for assignment in data["assignments"]:
        assignment["org_unit_id"] = units.get(assignment["unit_label"])
    data["targets"] = sample_targets(commune)
    with transaction.atomic():
        plan = Plan.objects.filter(commune=commune, year=2023, title=SEED_TITLE).first()
        if plan is None:
            # Issued on paper in 2023: the number, date and signer are sample data.
            data["number"] = SAMPLE_ISSUE["number"]
            data["issued_on"] = SAMPLE_ISSUE["issued_on"]
            plan = plan_create_from_data(
                commune=commune, actor=None, data=data, verb="plan.loaded",
                status=Plan.Status.ISSUED,
            )  # fmt: skip
        else:
            plan_sync_children(plan=plan, data=data)
        if not plan.number or not plan.is_sample:
            _sample_issue(commune, plan)
