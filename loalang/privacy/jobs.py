"""Background jobs of the privacy app (run by the job worker)."""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from loalang.privacy.models import Incident
from loalang.privacy.services import incident_remind


@task()
def privacy_incident_remind_job(incident_id: int) -> int:
    """Remind the commune's privacy managers of an incident's deadline (booked by the service)."""
    incident = Incident.objects.filter(pk=incident_id).select_related("commune").first()
    if incident is None:  # deleted since the booking
        return 0
    return incident_remind(incident=incident, now=timezone.now())
