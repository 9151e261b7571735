"""The personal-data registry: every model field that holds personal data, classified once.

The impact-assessment dossier (`privacy.dossier`) is generated from this file and from the
models it names, so it lists what Loa Làng actually stores. `privacy/tests/test_registry.py`
walks every model field whose name or type looks personal (`looks_personal`) and fails when
a field is in neither `PERSONAL` nor `NOT_PERSONAL`: a new phone or photo field cannot reach
main without someone deciding what it is, and the dossier cannot silently miss it.

Texts here are Vietnamese on purpose: they are the dossier's content (an official document in
Vietnamese), not interface strings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.db import models
from django.utils.translation import gettext_lazy as _

from loalang.accounts.access import Cap


class Category(models.TextChoices):
    IDENTITY = "identity", _("Họ tên, chức danh")
    CONTACT = "contact", _("Số điện thoại, thư điện tử, địa chỉ")
    ACCOUNT = "account", _("Tên đăng nhập, mật khẩu (đã băm), khóa xác thực hai bước")
    GENDER = "gender", _("Giới tính")
    ETHNICITY = "ethnicity", _("Dân tộc (nguồn gốc dân tộc)")
    IMAGE = "image", _("Hình ảnh, bản chụp danh sách ký tên")
    LOCATION = "location", _("Vị trí (tọa độ trong ảnh)")
    CONSENT = "consent", _("Thông tin về sự đồng ý")
    ACTIVITY = "activity", _("Nhật ký đăng nhập, thao tác")
    CORRESPONDENCE = "correspondence", _("Nội dung người dân gửi (câu hỏi, phản ánh)")
    VOICE = "voice", _("Giọng nói (bản ghi âm)")
    OTHER = "other", _("Khác (tên tệp, ghi chú)")


# Sensitive personal data (Law 91/2025/QH15 and Decree 356/2025/NĐ-CP list racial and ethnic
# origin among sensitive data; verify against the current text). Shown as a risk in the dossier.
SENSITIVE = frozenset({Category.ETHNICITY})


class SubjectGroup(models.TextChoices):
    STAFF = "staff", _("Cán bộ, công chức có tài khoản")
    ORG_MEMBERS = "org_members", _("Thành viên cơ quan, đoàn thể, Tổ công nghệ số")
    ATTENDEES = "attendees", _("Người tham dự hội nghị, tập huấn, sự kiện")
    CITIZENS = "citizens", _("Người dân gửi câu hỏi, phản ánh")
    REQUESTERS = "requesters", _("Người yêu cầu thực hiện quyền của chủ thể dữ liệu")
    PICTURED = "pictured", _("Người có trong ảnh, danh sách ký tên")
    OFFICIALS = "officials", _("Người ký văn bản, cán bộ đầu mối công khai")
    OTHER = "other", _("Khác")


@dataclass(frozen=True)
class Dataset:
    """One group of personal data kept for one purpose.

    `caps`: the capabilities whose pages show the data (the roles come from `CAPS`, so the
    dossier follows any change of the role model). `counts`: model label → the lookup from
    that model to its commune, to count the rows a commune holds. `retention` may contain
    `{consent_months}`, filled from the commune's current consent notice.
    """

    key: str
    title: str
    subjects: tuple[SubjectGroup, ...]
    purpose: str
    legal_basis: str
    retention: str
    caps: tuple[Cap, ...]
    counts: dict[str, str] = field(default_factory=dict)
    storage: str = "Cơ sở dữ liệu của hệ thống"
    note: str = ""


_CONSENT = "Sự đồng ý của chủ thể dữ liệu (Luật 91/2025/QH15), có bản ghi đồng ý theo từng người"
_TASK = (
    "Thực hiện nhiệm vụ, quyền hạn của UBND xã theo quy định của pháp luật "
    "(Nghị định 49/2024/NĐ-CP về thông tin cơ sở)"
)
_FILES = "Kho tệp riêng tư: chỉ tải qua trang có kiểm tra quyền, không có đường dẫn công khai"

DATASETS: tuple[Dataset, ...] = (
    Dataset(
        key="staff_accounts",
        title="Tài khoản người dùng",
        subjects=(SubjectGroup.STAFF,),
        purpose=(
            "Đăng nhập, phân quyền theo vai trò, nhắc việc, báo việc chờ xử lý (trong Loa Làng, "
            "thư điện tử, Zalo hoặc SMS, thông báo đẩy theo lựa chọn của người dùng), ghi nhật ký "
            "thao tác"
        ),
        legal_basis=_TASK,
        retention=(
            "Trong thời gian cán bộ còn công tác; khi chuyển công tác tài khoản bị khóa, "
            "không xóa để giữ nhật ký thao tác; lần đăng nhập sai (tên, địa chỉ) xóa sau một ngày"
        ),
        caps=(Cap.MANAGE_ORG,),
        counts={
            "accounts.User": "memberships__commune",
            "accounts.TOTPDevice": "user__memberships__commune",
            "notifications.NotificationSettings": "user__memberships__commune",
            "notifications.PushSubscription": "user__memberships__commune",
        },
    ),
    Dataset(
        key="org_register",
        title="Danh bạ cán bộ, thành viên đoàn thể và Tổ công nghệ số",
        subjects=(SubjectGroup.ORG_MEMBERS,),
        purpose="Phân công nhiệm vụ, liên hệ, tổng hợp thành viên tổ",
        legal_basis=_TASK,
        retention="Trong thời gian là thành viên; người quản lý tổ chức xóa khi không còn",
        caps=(Cap.VIEW,),
        counts={"people.Person": "commune"},
    ),
    Dataset(
        key="attendees",
        title="Danh sách người tham dự và bản ghi đồng ý",
        subjects=(SubjectGroup.ATTENDEES,),
        purpose="Điểm danh, liên hệ lại người tham dự tập huấn, sự kiện",
        legal_basis=_CONSENT,
        retention=(
            "Theo thông báo đồng ý hiện hành của xã ({consent_months} tháng); rút đồng ý thì "
            "xóa số điện thoại ngay; yêu cầu xóa thì xóa bản ghi"
        ),
        caps=(Cap.LOG_ACTIVITY,),
        counts={
            "events.Attendee": "event__activity__commune",
            "events.ConsentRecord": "attendee__event__activity__commune",
        },
        note=(
            "Cờ “người dân tộc thiểu số” theo từng người là dữ liệu về nguồn gốc dân tộc "
            "(dữ liệu nhạy cảm): chỉ ghi khi cần cho số liệu tổng hợp và khi người đó đồng ý; "
            "nên cân nhắc chỉ ghi số lượng ở cấp sự kiện."
        ),
    ),
    Dataset(
        key="data_requests",
        title="Sổ yêu cầu của chủ thể dữ liệu",
        subjects=(SubjectGroup.REQUESTERS,),
        purpose="Ghi nhận và chứng minh việc giải quyết yêu cầu truy cập, xóa dữ liệu",
        legal_basis=_TASK,
        retention="Lưu làm hồ sơ giải quyết yêu cầu; chưa có thời hạn xóa tự động",
        caps=(Cap.VERIFY,),
        counts={"events.DataRequest": "commune"},
    ),
    Dataset(
        key="questions",
        title="Câu hỏi, phản ánh của người dân trên cổng thông tin",
        subjects=(SubjectGroup.CITIZENS,),
        purpose="Tiếp nhận, trả lời câu hỏi, phản ánh (Nghị định 49/2024/NĐ-CP)",
        legal_basis=_CONSENT + "; người gửi đánh dấu đồng ý trên biểu mẫu",
        retention="Theo thời gian giải quyết; chưa có thời hạn xóa tự động",
        caps=(Cap.EDIT_PORTAL,),
        counts={"portal.Question": "commune"},
        note="Khi công khai câu trả lời, không hiển thị số điện thoại, thư điện tử của người hỏi.",
    ),
    Dataset(
        key="evidence",
        title="Ảnh minh chứng hoạt động, bản chụp danh sách ký tên",
        subjects=(SubjectGroup.PICTURED, SubjectGroup.ATTENDEES),
        purpose="Minh chứng kết quả hoạt động truyền thông khi xác nhận, báo cáo",
        legal_basis=_TASK,
        retention="Cùng thời hạn của hoạt động; chưa có thời hạn xóa tự động",
        caps=(Cap.PERSONAL_FILES,),
        counts={
            "activities.Evidence": "activity__commune",
            "tasks.TaskEvidence": "update__task__commune",
        },
        storage=_FILES,
        note="Vị trí trong ảnh bị xóa khi tải lên, trừ khi người tải lên chủ động giữ lại.",
    ),
    Dataset(
        key="portal_images",
        title="Ảnh gốc của bài viết trên cổng thông tin",
        subjects=(SubjectGroup.PICTURED,),
        purpose="Đăng tin bài trên cổng thông tin của xã",
        legal_basis=_TASK,
        retention="Cùng bài viết",
        caps=(Cap.EDIT_PORTAL,),
        counts={"portal.ArticleImage": "commune"},
        storage=_FILES + "; chỉ bản thu nhỏ (không vị trí, không thông tin máy ảnh) công khai",
    ),
    Dataset(
        key="portal_contact",
        title="Cán bộ đầu mối công khai trên cổng thông tin",
        subjects=(SubjectGroup.OFFICIALS,),
        purpose="Công khai đầu mối liên hệ theo Điều 4 Nghị định 42/2022/NĐ-CP",
        legal_basis="Nghị định 42/2022/NĐ-CP (thông tin bắt buộc công khai)",
        retention="Trong thời gian đảm nhiệm",
        caps=(Cap.EDIT_PORTAL,),
        counts={"portal.PortalProfile": "commune"},
    ),
    Dataset(
        key="official_documents",
        title="Người ký, người được biểu dương trong văn bản",
        subjects=(SubjectGroup.OFFICIALS, SubjectGroup.ORG_MEMBERS),
        purpose="Ban hành kế hoạch, báo cáo, biểu dương",
        legal_basis="Nghị định 30/2020/NĐ-CP về công tác văn thư",
        retention="Theo thời hạn lưu trữ văn bản (Luật Lưu trữ)",
        caps=(Cap.VIEW,),
        counts={
            "plans.Plan": "commune",
            "reports.Report": "commune",
            "commendations.Commendation": "commune",
        },
    ),
    Dataset(
        key="radio_recordings",
        title="Bản ghi âm giọng đọc bản tin",
        subjects=(SubjectGroup.STAFF,),
        purpose="Phát bản tin bằng giọng cán bộ, phát thanh viên",
        legal_basis=_TASK,
        retention="Cùng bản tin; bản gốc không công khai",
        caps=(Cap.RADIO_EDIT,),
        counts={"radio.BulletinVersion": "bulletin__commune"},
        storage=_FILES,
    ),
    Dataset(
        key="audit",
        title="Nhật ký thao tác và lịch sử phiên bản",
        subjects=(SubjectGroup.STAFF,),
        purpose="Truy vết thao tác ghi dữ liệu (an toàn thông tin cấp độ 2)",
        legal_basis="Nghị định 85/2016/NĐ-CP, TCVN 11930:2017 (nhật ký hệ thống)",
        retention="Không xóa từ giao diện; cần quy định thời hạn lưu",
        caps=(Cap.AUDIT,),
        counts={"core.AuditEntry": "commune", "plans.PlanRevision": "plan__commune"},
        note="Ảnh chụp trước/sau trong nhật ký có thể chứa bản sao dữ liệu cá nhân đã sửa, xóa.",
    ),
    Dataset(
        key="incidents",
        title="Sổ sự cố dữ liệu cá nhân",
        subjects=(SubjectGroup.STAFF, SubjectGroup.OTHER),
        purpose="Ghi nhận, xử lý và thông báo vi phạm về bảo vệ dữ liệu cá nhân",
        legal_basis="Luật 91/2025/QH15 (thông báo vi phạm)",
        retention="Lưu làm hồ sơ sự cố",
        caps=(Cap.PRIVACY,),
        counts={"privacy.Incident": "commune"},
    ),
)

DATASET_BY_KEY = {d.key: d for d in DATASETS}

# "app_label.Model.field" → (category, dataset key). Fields listed here are in the dossier.
PERSONAL: dict[str, tuple[Category, str]] = {
    # accounts
    "accounts.User.username": (Category.ACCOUNT, "staff_accounts"),
    "accounts.User.password": (Category.ACCOUNT, "staff_accounts"),
    "accounts.User.first_name": (Category.IDENTITY, "staff_accounts"),
    "accounts.User.last_name": (Category.IDENTITY, "staff_accounts"),
    "accounts.User.full_name": (Category.IDENTITY, "staff_accounts"),
    "accounts.User.email": (Category.CONTACT, "staff_accounts"),
    "accounts.User.last_login": (Category.ACTIVITY, "staff_accounts"),
    "accounts.TOTPDevice.secret": (Category.ACCOUNT, "staff_accounts"),
    # notifications (ADR 0100): the phone a user gave for Zalo/SMS, and each browser's Web Push
    # address (a capability URL to that one browser) and keys.
    "notifications.NotificationSettings.phone": (Category.CONTACT, "staff_accounts"),
    "notifications.PushSubscription.endpoint": (Category.CONTACT, "staff_accounts"),
    "notifications.PushSubscription.p256dh": (Category.ACCOUNT, "staff_accounts"),
    "notifications.PushSubscription.auth": (Category.ACCOUNT, "staff_accounts"),
    "notifications.PushSubscription.user_agent": (Category.ACTIVITY, "staff_accounts"),
    "notifications.Notification.text": (Category.OTHER, "staff_accounts"),
    "tasks.TaskReminder.recipients": (Category.IDENTITY, "staff_accounts"),
    # Wrong passwords, kept a day (accounts.throttle): the name typed and the client address.
    "accounts.LoginFailure.username": (Category.ACCOUNT, "staff_accounts"),
    "accounts.LoginFailure.source": (Category.ACTIVITY, "staff_accounts"),
    # people
    "people.Person.full_name": (Category.IDENTITY, "org_register"),
    "people.Person.position_title": (Category.IDENTITY, "org_register"),
    "people.Person.phone": (Category.CONTACT, "org_register"),
    "people.Person.email": (Category.CONTACT, "org_register"),
    # events (ADR 0023)
    "events.Attendee.full_name": (Category.IDENTITY, "attendees"),
    "events.Attendee.phone": (Category.CONTACT, "attendees"),
    "events.Attendee.village": (Category.CONTACT, "attendees"),
    "events.Attendee.is_woman": (Category.GENDER, "attendees"),
    "events.Attendee.is_ethnic_minority": (Category.ETHNICITY, "attendees"),
    "events.ConsentRecord.given_at": (Category.CONSENT, "attendees"),
    "events.ConsentRecord.method": (Category.CONSENT, "attendees"),
    "events.ConsentRecord.withdrawn_at": (Category.CONSENT, "attendees"),
    "events.DataRequest.subject_name": (Category.IDENTITY, "data_requests"),
    "events.DataRequest.subject_phone": (Category.CONTACT, "data_requests"),
    # portal
    "portal.Question.name": (Category.IDENTITY, "questions"),
    "portal.Question.phone": (Category.CONTACT, "questions"),
    "portal.Question.email": (Category.CONTACT, "questions"),
    "portal.Question.body": (Category.CORRESPONDENCE, "questions"),
    "portal.Question.original_subject": (Category.CORRESPONDENCE, "questions"),
    "portal.Question.original_body": (Category.CORRESPONDENCE, "questions"),
    "portal.Question.has_consent": (Category.CONSENT, "questions"),
    "portal.ArticleImage.original": (Category.IMAGE, "portal_images"),
    "portal.ArticleImage.has_location": (Category.LOCATION, "portal_images"),
    "portal.PortalProfile.contact_name": (Category.IDENTITY, "portal_contact"),
    "portal.PortalProfile.contact_position": (Category.IDENTITY, "portal_contact"),
    "portal.PortalProfile.contact_phone": (Category.CONTACT, "portal_contact"),
    "portal.PortalProfile.contact_email": (Category.CONTACT, "portal_contact"),
    "portal.PortalProfile.contact_address": (Category.CONTACT, "portal_contact"),
    # evidence files
    "activities.Evidence.file": (Category.IMAGE, "evidence"),
    "activities.Evidence.original_name": (Category.OTHER, "evidence"),
    "activities.Evidence.has_location": (Category.LOCATION, "evidence"),
    "tasks.TaskEvidence.file": (Category.IMAGE, "evidence"),
    "tasks.TaskEvidence.original_name": (Category.OTHER, "evidence"),
    # radio: the officer's own recording, kept as uploaded
    "radio.BulletinVersion.original": (Category.VOICE, "radio_recordings"),
    # official documents
    "plans.Plan.signer_name": (Category.IDENTITY, "official_documents"),
    "reports.Report.signer_name": (Category.IDENTITY, "official_documents"),
    # the issued document as signed (name and digital signature of the signer)
    "plans.Plan.signed_pdf": (Category.IDENTITY, "official_documents"),
    "reports.Report.signed_pdf": (Category.IDENTITY, "official_documents"),
    "commendations.Commendation.subject_name": (Category.IDENTITY, "official_documents"),
    # audit
    "core.AuditEntry.actor_name": (Category.IDENTITY, "audit"),
    "core.AuditEntry.target_repr": (Category.ACTIVITY, "audit"),
    "core.AuditEntry.before": (Category.ACTIVITY, "audit"),
    "core.AuditEntry.after": (Category.ACTIVITY, "audit"),
    "plans.PlanRevision.actor_name": (Category.IDENTITY, "audit"),
    # incidents
    "privacy.Incident.found_by": (Category.IDENTITY, "incidents"),
    "privacy.Incident.contact_name": (Category.IDENTITY, "incidents"),
    "privacy.Incident.contact_phone": (Category.CONTACT, "incidents"),
}

# Fields whose name looks personal but that hold no personal data, and why.
_PLACE = "tên đơn vị, địa danh"
_AGG = "số lượng tổng hợp, không gắn với người"
_OFFICE = "thông tin liên hệ của cơ quan, không phải của cá nhân"
NOT_PERSONAL: dict[str, str] = {
    "accounts.User.must_change_password": "a flag on the account (initial/reset password)",
    "places.Province.name": _PLACE,
    "places.District.name": _PLACE,
    "places.Commune.name": _PLACE,
    "places.Commune.address": _OFFICE,
    "places.Commune.phone": _OFFICE,
    "places.Commune.email": _OFFICE,
    "places.CommuneMerger.former_name": _PLACE,
    "places.Village.name": _PLACE,
    "people.OrgUnit.name": _PLACE,
    "people.OrgUnit.short_name": _PLACE,
    "people.DigitalTeam.name": "tên tổ",
    "plans.Plan.type_name": "tên loại văn bản",
    "plans.PlanRecipient.name": "cơ quan nhận văn bản",
    "plans.PlanTheme.short_name": "tên nội dung tuyên truyền",
    "plans.PlanImportDraft.source_name": "tên tệp kế hoạch tải lên để nhập",
    "tasks.TaskReminder.emails_sent": _AGG,
    "tasks.DigestRun.recipients": _AGG,
    "activities.VisualItem.location": "vị trí pa-nô, băng rôn",
    "activities.VisualItem.latitude": "vị trí pa-nô, băng rôn",
    "activities.VisualItem.longitude": "vị trí pa-nô, băng rôn",
    "events.Event.women": _AGG,
    "events.Event.ethnic_minorities": _AGG,
    "budget.FundingSource.name": "tên nguồn kinh phí",
    "portal.PublishedDocument.pdf": "văn bản đã ban hành, công khai",
    "radio.Cluster.name": "tên cụm loa",
    "radio.PlayerDevice.name": "tên máy phát đặt cạnh cụm loa",
    "radio.AudioDigest.name": "tên tệp âm thanh trong kho",
    "radio.Cluster.location": "vị trí cụm loa",
    "radio.BulletinVersion.audio_mp3": "âm thanh đã phát công khai trên loa",
    "radio.BulletinVersion.audio_ogg": "âm thanh đã phát công khai trên loa",
    "radio.Slot.name": "tên khung giờ phát",
    "radio.RadioSettings.opening_jingle": "nhạc hiệu",
    "radio.RadioSettings.closing_jingle": "nhạc hiệu",
    "reports.IndicatorSet.name": "tên bộ chỉ tiêu",
    "reports.Indicator.name": "tên chỉ tiêu",
    "reports.Report.recipients": "cơ quan nhận báo cáo",
    "reports.IndicatorSet.recipients": "cơ quan nhận báo cáo",
    "reports.Report.docx_file": "báo cáo gửi cấp trên chỉ có số liệu tổng hợp (ADR 0073)",
    "reports.Report.pdf_file": "báo cáo gửi cấp trên chỉ có số liệu tổng hợp (ADR 0073)",
    "reports.Report.xlsx_file": "báo cáo gửi cấp trên chỉ có số liệu tổng hợp (ADR 0073)",
    "api.ApiToken.name": "tên chương trình dùng khóa API",
}

# Field names that usually mean personal data (whole words of a snake_case name).
PERSONAL_NAME = re.compile(
    r"(^|_)(phone|phones|mobile|tel|email|emails|address|addr|name|names|username|"
    r"id_number|cccd|cmnd|passport|identity|birth|birthday|dob|born|age|gender|sex|woman|"
    r"women|ethnic|religion|health|photo|image|avatar|picture|face|signature|lat|lng|lon|"
    r"latitude|longitude|location|gps|ip|recipients|password|secret|contact)($|_)"
)
PERSONAL_TYPES = (models.FileField, models.EmailField, models.GenericIPAddressField)


def field_label(model: type[models.Model], name: str) -> str:
    return f"{model._meta.label}.{name}"


def looks_personal(f: models.Field) -> bool:
    return bool(PERSONAL_NAME.search(f.name)) or isinstance(f, PERSONAL_TYPES)


def personal_looking_fields() -> list[str]:
    """Every concrete field of a Loa Làng model that looks personal, as 'app.Model.field'."""
    from django.apps import apps

    found = []
    for model in apps.get_models():
        if not model.__module__.startswith("loalang."):
            continue
        for f in model._meta.concrete_fields:
            if looks_personal(f):
                found.append(field_label(model, f.name))
    return sorted(found)


def unclassified_fields() -> list[str]:
    return [x for x in personal_looking_fields() if x not in PERSONAL and x not in NOT_PERSONAL]
