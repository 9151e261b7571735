"""The privacy app's official documents (Decree 30/2020) for the shared renderer:

- `notice_document(NoticeData)`: the draft notice of a personal-data incident to the
  competent authority (the content Decree 13/2023 Art. 23(3) / Form 03 asked for: what
  happened, when, which data and whose, how many, likely consequences, measures taken,
  contact, and the reason when late — check the form of Decree 356/2025);
- `dossier_document(DossierData)`: the processing impact-assessment dossier.

Both are pure: they read plain data and return an `OfficialDocument`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from loalang.core.text import format_number
from loalang.documents import document as d
from loalang.privacy.deadline import deadline_for
from loalang.privacy.dossier import DossierData
from loalang.privacy.models import Incident

LAW = "Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15 ngày 26 tháng 6 năm 2025"
DECREE = (
    "Nghị định số 356/2025/NĐ-CP ngày 31 tháng 12 năm 2025 của Chính phủ quy định chi tiết "
    "một số điều và biện pháp thi hành Luật Bảo vệ dữ liệu cá nhân"
)
NOT_KNOWN = "chưa xác định"


def _at(value: dt.datetime | None) -> str:
    if value is None:
        return NOT_KNOWN
    local = timezone.localtime(value)
    return f"{local:%H} giờ {local:%M} phút, ngày {local:%d/%m/%Y}"


def _issuer(kind: str, name: str) -> list[str]:
    return ["ỦY BAN NHÂN DÂN", f"{kind} {name}".upper()]


@dataclass(frozen=True)
class NoticeData:
    commune_kind: str  # "xã"
    commune_name: str  # "Ái Thượng"
    commune_email: str
    authority: str
    notify_hours: int
    title: str
    description: str
    occurred_at: dt.datetime | None
    found_at: dt.datetime
    found_by: str
    categories: list[str]
    subjects: list[str]
    subjects_estimate: int | None
    records_estimate: int | None
    consequences: str
    actions_taken: str
    subjects_notified_at: dt.datetime | None
    contact_name: str
    contact_phone: str
    due_at: dt.datetime
    is_late: bool
    late_reason: str
    year: int


def notice_data(incident: Incident, *, now: dt.datetime, authority: str, hours: int) -> NoticeData:
    """The notice's content from an incident (its commune must be loaded with it)."""
    deadline = deadline_for(incident, now)
    commune = incident.commune
    late = deadline.was_late or (incident.authority_notified_at is None and now > deadline.due_at)
    return NoticeData(
        commune_kind=commune.get_kind_display(),
        commune_name=commune.name,
        commune_email=commune.email,
        authority=authority,
        notify_hours=hours,
        title=incident.title,
        description=incident.description,
        occurred_at=incident.occurred_at,
        found_at=incident.found_at,
        found_by=incident.found_by,
        categories=incident.get_data_categories_display(),
        subjects=incident.get_subject_groups_display(),
        subjects_estimate=incident.subjects_estimate,
        records_estimate=incident.records_estimate,
        consequences=incident.consequences,
        actions_taken=incident.actions_taken,
        subjects_notified_at=incident.subjects_notified_at,
        contact_name=incident.contact_name,
        contact_phone=incident.contact_phone,
        due_at=deadline.due_at,
        is_late=late,
        late_reason=incident.late_reason,
        year=timezone.localtime(now).year,
    )


def _paragraphs(text: str, empty: str) -> list[d.Block]:
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    return [d.Paragraph(line) for line in lines] or [d.Paragraph(empty, italic=True)]


def _estimate(value: int | None, unit: str) -> str:
    return f"khoảng {format_number(value)} {unit}" if value is not None else NOT_KNOWN


def notice_document(n: NoticeData) -> d.OfficialDocument:
    committee = f"Ủy ban nhân dân {n.commune_kind} {n.commune_name}"
    body: list[d.Block] = [
        d.LegalBasis(f"Căn cứ {LAW};"),
        d.LegalBasis(f"Căn cứ {DECREE}."),
        d.Paragraph(
            f"{committee} thông báo vi phạm quy định về bảo vệ dữ liệu cá nhân “{n.title}” như sau:"
        ),
        d.Clause("1", "Mô tả vi phạm"),
        d.Point("a", f"Diễn biến: {n.description.strip()}"),
        d.Point("b", f"Thời điểm xảy ra: {_at(n.occurred_at)}."),
        d.Point("c", f"Thời điểm phát hiện: {_at(n.found_at)}; người phát hiện: {n.found_by}."),
        d.Point("d", f"Loại dữ liệu cá nhân liên quan: {'; '.join(n.categories) or NOT_KNOWN}."),
        d.Point(
            "đ",
            f"Chủ thể dữ liệu liên quan: {'; '.join(n.subjects) or NOT_KNOWN}; số người "
            f"{_estimate(n.subjects_estimate, 'người')}; số bản ghi "
            f"{_estimate(n.records_estimate, 'bản ghi')}.",
        ),
        d.Clause("2", "Hậu quả, thiệt hại có thể xảy ra"),
        *_paragraphs(n.consequences, "Đang đánh giá."),
        d.Clause("3", "Biện pháp đã thực hiện để xử lý, giảm thiểu tác hại"),
        *_paragraphs(n.actions_taken, "Đang triển khai."),
        d.Clause("4", "Thông báo cho chủ thể dữ liệu"),
        d.Paragraph(
            f"Đã thông báo lúc {_at(n.subjects_notified_at)}."
            if n.subjects_notified_at
            else "Chưa thông báo."
        ),
        d.Clause("5", "Đầu mối liên hệ"),
        d.Paragraph(
            "; ".join(
                x
                for x in (
                    n.contact_name or NOT_KNOWN,
                    f"điện thoại: {n.contact_phone}" if n.contact_phone else "",
                    f"thư điện tử: {n.commune_email}" if n.commune_email else "",
                )
                if x
            )
            + "."
        ),
    ]
    if n.is_late:
        body += [
            d.Clause("6", f"Lý do thông báo sau {n.notify_hours} giờ kể từ khi phát hiện"),
            *_paragraphs(n.late_reason, "(Cần ghi lý do thông báo chậm.)"),
        ]
    return d.OfficialDocument(
        issuer_lines=_issuer(n.commune_kind, n.commune_name),
        symbol="TB-UBND",
        place=n.commune_name,
        year=n.year,
        type_name="THÔNG BÁO",
        summary="Vi phạm quy định về bảo vệ dữ liệu cá nhân",
        recipients_to=[n.authority],
        body=body,
        closing=[f"{committee} sẽ tiếp tục cập nhật khi có thêm thông tin./."],
        signature=d.Signature(authority="TM. ỦY BAN NHÂN DÂN", title="CHỦ TỊCH"),
        distribution=["Như trên;", "Lưu: VT, VH-XH."],
        is_draft=True,
    )


def dossier_document(data: DossierData) -> d.OfficialDocument:
    """The impact-assessment dossier: controller, purposes and legal bases, data and
    subjects, who sees it, retention and storage, safeguards, risks; the field list as an
    appendix."""
    rows = data.datasets
    body: list[d.Block] = [
        d.LegalBasis(f"Căn cứ {LAW};"),
        d.LegalBasis(f"Căn cứ {DECREE}."),
        d.Paragraph(
            f"{data.committee_name} lập hồ sơ đánh giá tác động xử lý dữ liệu cá nhân đối với "
            "hệ thống Loa Làng (nền tảng truyền thông chuyển đổi số của xã). Nội dung dưới đây "
            "được lập tự động từ danh mục dữ liệu cá nhân của phần mềm và dữ liệu đang lưu "
            f"đến ngày {data.generated_on:%d/%m/%Y}; cơ quan rà soát, bổ sung trước khi ký."
        ),
        d.Section("I", "BÊN KIỂM SOÁT VÀ XỬ LÝ DỮ LIỆU CÁ NHÂN"),
        d.Bullet(f"Tên: {data.committee_name}."),
        d.Bullet(f"Địa chỉ: {data.address or NOT_KNOWN}."),
        d.Bullet(f"Điện thoại: {data.phone or NOT_KNOWN}; thư điện tử: {data.email or NOT_KNOWN}."),
        d.Bullet(
            f"Người phụ trách bảo vệ dữ liệu cá nhân: {', '.join(data.managers) or NOT_KNOWN}."
        ),
        d.Section("II", "MỤC ĐÍCH VÀ CĂN CỨ XỬ LÝ"),
        d.Table(
            columns=["TT", "Nhóm dữ liệu", "Mục đích", "Căn cứ xử lý"],
            rows=[
                [str(i), r.dataset.title, r.dataset.purpose, r.dataset.legal_basis]
                for i, r in enumerate(rows, 1)
            ],
            widths_mm=[10, 45, 55, 55],
        ),
        d.Section("III", "DỮ LIỆU CÁ NHÂN VÀ CHỦ THỂ DỮ LIỆU"),
        d.Table(
            columns=["TT", "Nhóm dữ liệu", "Chủ thể", "Loại dữ liệu", "Số bản ghi"],
            rows=[
                [
                    str(i),
                    r.dataset.title,
                    "; ".join(r.subjects),
                    "; ".join(r.categories),
                    format_number(r.records),
                ]
                for i, r in enumerate(rows, 1)
            ],
            widths_mm=[10, 45, 40, 50, 20],
            numeric_columns=frozenset({4}),
        ),
    ]
    sensitive = data.sensitive_fields
    if sensitive:
        body.append(
            d.Paragraph(
                "Dữ liệu cá nhân nhạy cảm: "
                + "; ".join(f"{f.field} ({f.table})" for f in sensitive)
                + ". Xem mục VII."
            )
        )
    else:
        body.append(d.Paragraph("Hệ thống không lưu dữ liệu cá nhân nhạy cảm."))
    body += [
        d.Section("IV", "NGƯỜI ĐƯỢC TIẾP CẬN, CHUYỂN GIAO DỮ LIỆU"),
        d.Table(
            columns=["TT", "Nhóm dữ liệu", "Vai trò được xem (theo phân quyền của phần mềm)"],
            rows=[[str(i), r.dataset.title, "; ".join(r.roles)] for i, r in enumerate(rows, 1)],
            widths_mm=[10, 55, 100],
        ),
        d.Bullet(
            "Người ngoài xã không xem được dữ liệu của xã (trả lời “không tìm thấy”); "
            "trưởng thôn, tổ viên chỉ thấy thôn, tổ của mình."
        ),
        d.Bullet("Báo cáo gửi cấp trên chỉ có số liệu tổng hợp, không có họ tên, số điện thoại."),
        d.Bullet(
            "Không chuyển dữ liệu cá nhân ra nước ngoài khi máy chủ, kho tệp và bản sao lưu "
            "đặt tại Việt Nam (đơn vị vận hành xác nhận)."
        ),
        d.Section("V", "THỜI GIAN XỬ LÝ, LƯU TRỮ VÀ XÓA"),
        d.Table(
            columns=["TT", "Nhóm dữ liệu", "Thời hạn lưu, xóa", "Nơi lưu"],
            rows=[
                [str(i), r.dataset.title, r.retention, r.dataset.storage]
                for i, r in enumerate(rows, 1)
            ],
            widths_mm=[10, 45, 60, 50],
        ),
        d.Paragraph(
            f"Bản sao lưu toàn bộ dữ liệu được giữ {data.backup_keep_daily} bản hằng ngày và "
            f"{data.backup_keep_monthly} bản hằng tháng; dữ liệu đã xóa còn trong bản sao lưu "
            "đến khi bản đó hết hạn."
        ),
        d.Section("VI", "BIỆN PHÁP BẢO VỆ DỮ LIỆU CÁ NHÂN"),
        *[d.Bullet(text) for text in SAFEGUARDS],
        d.Bullet(
            f"Khi xảy ra sự cố: ghi vào sổ sự cố, thông báo cho {data.authority} trong "
            f"{data.notify_hours} giờ kể từ khi phát hiện (phần mềm tính hạn, nhắc người phụ "
            "trách và lập dự thảo thông báo)."
        ),
        d.Section("VII", "ĐÁNH GIÁ TÁC ĐỘNG, RỦI RO VÀ BIỆN PHÁP GIẢM THIỂU"),
        *[d.Bullet(f"{r.dataset.title}: {r.dataset.note}") for r in rows if r.dataset.note],
        *[
            d.Bullet(f"{r.dataset.title}: chưa có thời hạn xóa tự động; cần quy định thời hạn.")
            for r in rows
            if "chưa có thời hạn" in r.retention.lower() or "cần quy định" in r.retention.lower()
        ],
        d.Bullet(
            "Lộ danh sách người tham dự, số điện thoại của người dân: thiệt hại chính là bị "
            "làm phiền, lừa đảo qua điện thoại; giảm thiểu bằng che số điện thoại trong mọi "
            "danh sách, chỉ vai trò cần thiết mới xem đầy đủ, nhật ký thao tác."
        ),
    ]
    appendix = d.Appendix(
        label="Phụ lục",
        title="DANH MỤC TRƯỜNG DỮ LIỆU CÁ NHÂN TRONG PHẦN MỀM",
        reference=(
            f"(Kèm theo Hồ sơ đánh giá tác động xử lý dữ liệu cá nhân của {data.committee_name})"
        ),
        body=[
            d.Table(
                columns=["TT", "Bảng dữ liệu", "Trường", "Loại dữ liệu", "Nhóm dữ liệu"],
                rows=[
                    [
                        str(i),
                        f.table,
                        f.field,
                        f.category + (" (nhạy cảm)" if f.sensitive else ""),
                        r.dataset.title,
                    ]
                    for i, (r, f) in enumerate(((r, f) for r in rows for f in r.fields), 1)
                ],
                widths_mm=[10, 35, 40, 40, 40],
            )
        ],
    )
    return d.OfficialDocument(
        issuer_lines=_issuer(data.commune_kind, data.place),
        place=data.place,
        issued_on=data.generated_on,
        type_name="HỒ SƠ",
        summary="Đánh giá tác động xử lý dữ liệu cá nhân",
        body=body,
        signature=d.Signature(authority="TM. ỦY BAN NHÂN DÂN", title="CHỦ TỊCH"),
        distribution=["Lưu: VT, VH-XH."],
        appendices=[appendix],
        is_draft=True,
    )


SAFEGUARDS = (
    "Phân quyền theo vai trò và theo xã; mọi trang nghiệp vụ được kiểm thử tự động với ma "
    "trận vai trò × địa chỉ.",
    "Số điện thoại được che trong mọi danh sách (09xx xxx 123).",
    "Người tham dự chỉ được ghi tên khi có bản ghi đồng ý; rút đồng ý xóa số điện thoại ngay; "
    "yêu cầu truy cập, xóa được ghi vào sổ yêu cầu.",
    "Mọi thao tác ghi dữ liệu được ghi nhật ký (ai, lúc nào, trước và sau).",
    "Đăng nhập: mật khẩu mạnh lưu dạng băm, chống dò mật khẩu, xác thực hai bước cho "
    "lãnh đạo và cán bộ phụ trách.",
    "Chỉ truy cập qua HTTPS; cookie an toàn; chống giả mạo yêu cầu (CSRF), chống chèn mã.",
    "Tệp riêng tư (ảnh minh chứng, danh sách ký tên) chỉ tải qua trang có kiểm tra quyền.",
    "Sao lưu hằng ngày có chữ ký và mã băm; khôi phục kiểm tra toàn bộ trước khi ghi.",
)
