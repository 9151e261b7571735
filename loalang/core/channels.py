"""Communication channels: the grassroots-information forms of Decree 49/2024 plus the
channels a commune plan names. A plan lists the channels it uses; activities, articles and
bulletins carry one of these codes. Labels are data a user sees; codes never change.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    RADIO = "radio", _("Đài truyền thanh cấp xã")
    NOTICE_BOARD = "notice_board", _("Bảng tin công cộng")
    BULLETIN = "bulletin", _("Bản tin thông tin cơ sở, thông tin nội bộ")
    PRINTED = "printed", _("Tài liệu, ấn phẩm, tờ rơi")
    PROPAGANDIST = "propagandist", _("Tuyên truyền viên cơ sở, tuyên truyền trực tiếp")
    PORTAL = "portal", _("Trang thông tin điện tử")
    SOCIAL = "social", _("Mạng xã hội, ứng dụng nhắn tin")
    SMS = "sms", _("Tin nhắn viễn thông")
    MASS_MEDIA = "mass_media", _("Phương tiện thông tin đại chúng")
    VISUAL = "visual", _("Cổ động trực quan (băng rôn, khẩu hiệu, pa nô)")
    EVENT = "event", _("Hội nghị, hội thảo, tập huấn, sinh hoạt cộng đồng")
    TEAM_GUIDANCE = "team_guidance", _("Tổ công nghệ số cộng đồng hướng dẫn tận nhà")


# The eight forms named by Decree 49/2024/NĐ-CP, in the decree's order.
DECREE_49_FORMS = [
    Channel.RADIO,
    Channel.NOTICE_BOARD,
    Channel.BULLETIN,
    Channel.PRINTED,
    Channel.PROPAGANDIST,
    Channel.PORTAL,
    Channel.SOCIAL,
    Channel.SMS,
]
