"""Operations: an end-to-end check of the job queue (monitoring, and the multi-process tests)."""

from django.db import transaction
from ninja import Router, Schema
from pydantic import Field

from loalang.api.base import ApiRequest, commune_for
from loalang.api.models import Scope
from loalang.ops import jobs

router = Router(tags=["ops"])


class ProbeIn(Schema):
    label: str = Field(min_length=1, max_length=100)


class ProbeOut(Schema):
    task_id: str


@router.post("/{commune_slug}/ops/probes", response={202: ProbeOut})
def probe_create(request: ApiRequest, commune_slug: str, payload: ProbeIn) -> tuple[int, dict]:
    """Enqueue a probe job; a worker records it once (`ops.JobProbe`)."""
    commune_for(request, commune_slug, Scope.OPS)
    with transaction.atomic():
        result = jobs.job_probe.enqueue(label=payload.label)
    return 202, {"task_id": str(result.id)}
