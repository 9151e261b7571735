from django.core.files.base import ContentFile

from loalang.accounts.access import Cap
from loalang.activities.details import Evidence, PeriodLock
from loalang.activities.models import Activity
from loalang.activities.tests.factories import ActivityFactory
from loalang.core.files import private_storage
from loalang.testing.matrix import Case


def scoped_activity(w, **kw):  # type: ignore[no-untyped-def]
    """An activity every scoped role can see: in the village-head's village, the team's team
    and the org rep's unit."""
    activity = ActivityFactory(commune=w.commune, team=w.team, org_unit=w.org_unit, **kw)
    activity.villages.set([w.village])
    return activity


def _evidence(w, locked=False):  # type: ignore[no-untyped-def]
    activity = scoped_activity(w)
    name = private_storage().save("evidence/matrix.pdf", ContentFile(b"%PDF-1.4\n%%EOF"))
    e = Evidence.objects.create(
        activity=activity, file=name, content_type="application/pdf", size_bytes=14, sha256="0" * 64
    )
    if locked:
        # Deleting is refused in a locked month, so every allowed role gets the same redirect.
        PeriodLock.objects.get_or_create(commune=w.commune, month=activity.held_on.replace(day=1))
    return {"pk": e.pk}


def _verified(w):  # type: ignore[no-untyped-def]
    # A verified activity cannot be deleted: every allowed role gets the same redirect.
    return {"pk": scoped_activity(w, status=Activity.Status.VERIFIED).pk}


def _own(w):  # type: ignore[no-untyped-def]
    # Editing is for the verifier or the recorder; for the matrix every LOG_ACTIVITY role may
    # edit something, so the case's activity is recorded by nobody and only VERIFY can edit.
    return {"pk": scoped_activity(w).pk}


VERIFIERS = frozenset({"culture"})

CASES = [
    Case("activities:list", Cap.VIEW),
    Case("activities:coverage", Cap.VIEW),
    Case("activities:quick", Cap.LOG_ACTIVITY),
    Case("activities:quick_done", Cap.LOG_ACTIVITY, kwargs=lambda w: {"pk": scoped_activity(w).pk}),
    Case("activities:choose", Cap.LOG_ACTIVITY),
    Case("activities:create", Cap.LOG_ACTIVITY, kwargs=lambda w: {"kind": "event"}),
    Case("activities:verify_many", Cap.VERIFY, method="post"),
    Case("activities:locks", Cap.VERIFY),
    Case("activities:import", Cap.VERIFY),
    Case("activities:import_template", Cap.VERIFY),
    Case("activities:detail", Cap.VIEW, kwargs=lambda w: {"pk": scoped_activity(w).pk}),
    Case("activities:edit", Cap.LOG_ACTIVITY, kwargs=_own, allowed=VERIFIERS),
    Case("activities:delete", Cap.LOG_ACTIVITY, method="post", kwargs=_verified, allowed=VERIFIERS),
    Case("activities:verify", Cap.VERIFY, method="post", kwargs=_own),
    Case(
        "activities:return",
        Cap.VERIFY,
        method="post",
        kwargs=_own,
        data=lambda w: {"comment": "Bổ sung ảnh"},
    ),
    Case(
        "activities:evidence_upload",
        Cap.LOG_ACTIVITY,
        method="post",
        kwargs=_own,
        allowed=VERIFIERS,
    ),
    Case("activities:evidence_file", Cap.PERSONAL_FILES, kwargs=_evidence),
    Case(
        "activities:evidence_delete",
        Cap.LOG_ACTIVITY,
        method="post",
        kwargs=lambda w: _evidence(w, locked=True),
        allowed=VERIFIERS,
    ),
]
