from loalang.accounts.access import Cap
from loalang.activities.tests.matrix import scoped_activity
from loalang.events.models import Event
from loalang.events.services import attendee_add, consent_notice_current
from loalang.testing.matrix import Case


def _event(w):  # type: ignore[no-untyped-def]
    activity = scoped_activity(w)
    Event.objects.create(activity=activity, residents=10)
    return {"activity_pk": activity.pk}


def _attendee(w):  # type: ignore[no-untyped-def]
    # Withdrawing consent can be repeated, so every allowed role gets the same redirect.
    activity = scoped_activity(w)
    event = Event.objects.create(activity=activity, residents=10)
    notice = consent_notice_current(commune=w.commune)
    attendee = attendee_add(
        event=event,
        actor=None,
        full_name="Lò Văn A",
        group="resident",
        has_consent=True,
        method="paper",
        notice=notice,
        phone="0912345678",
    )
    return {"pk": attendee.pk}


CASES = [
    Case("events:attendees", Cap.LOG_ACTIVITY, kwargs=_event),
    Case(
        "events:attendee_delete",
        Cap.LOG_ACTIVITY,
        method="post",
        kwargs=_attendee,
        data=lambda w: {"action": "withdraw"},
        allowed=frozenset({"culture"}),
    ),
    Case("events:notice", Cap.VIEW),
    Case("events:notice_edit", Cap.VERIFY),
    Case("events:requests", Cap.VERIFY),
    Case("events:request_handle", Cap.VERIFY, method="post"),
]
