from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from loalang.privacy.models import Incident


def make_incident(commune: Any, **fields: Any) -> Incident:
    """An incident saved directly (no reminders); services are tested on their own."""
    defaults: dict[str, Any] = {
        "title": "Gửi nhầm danh sách người tham dự vào nhóm Zalo thôn",
        "description": "Danh sách 40 người kèm số điện thoại bị gửi nhầm vào nhóm Zalo.",
        "data_categories": ["identity", "contact"],
        "subject_groups": ["attendees"],
        "subjects_estimate": 40,
        "found_at": timezone.now() - dt.timedelta(hours=2),
        "found_by": "Nguyễn Văn Ba, trưởng thôn",
    }
    defaults.update(fields)
    return Incident.objects.create(commune=commune, **defaults)
