import datetime as dt
import uuid

import pytest
from django.core.exceptions import ValidationError

from loalang.activities import services
from loalang.activities.details import GuidanceCount, PrintedDistribution
from loalang.activities.models import Activity
from loalang.activities.tests.factories import PlanFactory, themes_for
from loalang.core.models import AuditEntry
from loalang.events.models import Event
from loalang.testing.factories import VillageFactory

pytestmark = pytest.mark.django_db

DAY = dt.date(2023, 3, 15)


def _log(commune, actor, **kw):
    kw.setdefault("kind", Activity.Kind.EVENT)
    kw.setdefault("fields", {"title": "Hội nghị chuyển đổi số", "held_on": DAY, "reach": 80})
    kw.setdefault("detail", {"officials": 10, "team_members": 5, "residents": 65, "women": 30})
    return services.activity_log(commune=commune, actor=actor, **kw)


def test_logging_saves_activity_with_typed_details_and_audit(commune, culture_user):
    activity = _log(commune, culture_user)
    assert activity.status == Activity.Status.REPORTED
    assert activity.channel == "event"
    event = Event.objects.get(activity=activity)
    assert event.participants == 80
    assert AuditEntry.objects.filter(verb="activity.recorded", target_id=str(activity.pk)).exists()


def test_women_more_than_participants_is_refused_and_nothing_saved(commune, culture_user):
    with pytest.raises(ValidationError) as exc:
        _log(commune, culture_user, detail={"residents": 10, "women": 11})
    assert "women" in exc.value.message_dict
    assert not Activity.objects.exists()


def test_same_client_token_returns_the_first_activity(commune, culture_user):
    token = uuid.uuid4()
    first = _log(commune, culture_user, client_token=token)
    second = _log(commune, culture_user, client_token=token)
    assert first.pk == second.pk
    assert Activity.objects.count() == 1


def test_printed_distribution_and_guidance_counts_are_rows(commune, culture_user):
    v1, v2 = VillageFactory(commune=commune), VillageFactory(commune=commune)
    printed = _log(
        commune,
        culture_user,
        kind=Activity.Kind.PRINTED,
        detail={"material_kind": "leaflet", "copies_printed": 300},
        distributions={v1: 100, v2: 0},
    )
    assert list(
        PrintedDistribution.objects.filter(printed__activity=printed).values_list(
            "copies", flat=True
        )
    ) == [100]
    guided = _log(
        commune,
        culture_user,
        kind=Activity.Kind.TEAM_GUIDANCE,
        detail={"households": 12, "people": 20},
        guidance={"vneid_level2": (8, 15), "cashless": (0, 0)},
    )
    counts = GuidanceCount.objects.filter(guidance__activity=guided)
    assert [(c.platform, c.households, c.people) for c in counts] == [("vneid_level2", 8, 15)]


def test_editing_a_verified_activity_sends_it_back(commune, culture_user):
    activity = services.activity_verify(activity=_log(commune, culture_user), actor=culture_user)
    assert activity.status == Activity.Status.VERIFIED
    edited = services.activity_update(
        activity=activity, actor=culture_user, fields={"reach": 90}, detail={"residents": 75}
    )
    assert edited.status == Activity.Status.REPORTED
    assert edited.verified_by is None
    assert Event.objects.get(activity=edited).participants == 90


def test_return_needs_a_comment(commune, culture_user):
    activity = _log(commune, culture_user)
    with pytest.raises(ValidationError):
        services.activity_return(activity=activity, actor=culture_user, comment="  ")
    returned = services.activity_return(activity=activity, actor=culture_user, comment="Thiếu ảnh")
    assert returned.status == Activity.Status.RETURNED
    assert returned.review_comment == "Thiếu ảnh"


def test_locked_month_refuses_every_change(commune, culture_user):
    activity = _log(commune, culture_user)
    services.period_lock(commune=commune, month=DAY, actor=culture_user)
    for call in (
        lambda: services.activity_verify(activity=activity, actor=culture_user),
        lambda: services.activity_update(
            activity=activity, actor=culture_user, fields={"reach": 1}
        ),
        lambda: services.activity_delete(activity=activity, actor=culture_user),
        lambda: _log(commune, culture_user),
    ):
        with pytest.raises(ValidationError, match="khoá sổ"):
            call()
    # Moving an activity INTO a locked month is refused too.
    other = _log(commune, culture_user, fields={"title": "Khác", "held_on": dt.date(2023, 4, 2)})
    with pytest.raises(ValidationError):
        services.activity_update(activity=other, actor=culture_user, fields={"held_on": DAY})
    services.period_unlock(commune=commune, month=DAY, actor=culture_user)
    assert services.activity_verify(activity=activity, actor=culture_user).counts


def test_verified_activity_cannot_be_deleted(commune, culture_user):
    activity = services.activity_verify(activity=_log(commune, culture_user), actor=culture_user)
    with pytest.raises(ValidationError):
        services.activity_delete(activity=activity, actor=culture_user)


def test_villages_and_themes_of_another_commune_are_refused(commune, other_commune, culture_user):
    foreign_village = VillageFactory(commune=other_commune)
    with pytest.raises(ValidationError) as exc:
        _log(commune, culture_user, villages=[foreign_village])
    assert "villages" in exc.value.message_dict
    themes = themes_for(PlanFactory(commune=other_commune), "a")
    with pytest.raises(ValidationError):
        _log(commune, culture_user, themes=[themes["a"]])
    assert not Activity.objects.exists()


def test_automatic_record_contract_is_unchanged(commune):
    village = VillageFactory(commune=commune)
    a = services.activity_record_automatic(
        commune=commune,
        kind="radio_broadcast",
        source=village,
        title="Bản tin",
        held_on=DAY,
        minutes=15,
    )
    b = services.activity_record_automatic(
        commune=commune, kind="radio_broadcast", source=village, title="Bản tin 2", held_on=DAY
    )
    assert a.pk == b.pk and b.status == Activity.Status.VERIFIED and b.channel == "radio"


def test_verify_many_verifies_this_communes_activities_and_reports_the_locked_ones(
    commune, other_commune, culture_user
):
    from loalang.activities.tests.factories import ActivityFactory

    open_month = ActivityFactory(commune=commune, held_on=dt.date(2023, 5, 20), title="Họp bản")
    locked = ActivityFactory(commune=commune, held_on=dt.date(2023, 3, 2), title="Treo băng rôn")
    foreign = ActivityFactory(commune=other_commune, held_on=dt.date(2023, 5, 20))
    services.period_lock(commune=commune, month=dt.date(2023, 3, 1), actor=culture_user)

    result = services.activity_verify_many(
        commune=commune, ids=[open_month.pk, locked.pk, foreign.pk], actor=culture_user
    )

    assert result.done == 1
    assert len(result.failed) == 1 and result.failed[0].startswith("Treo băng rôn: Tháng 03/2023")
    statuses = dict(Activity.objects.values_list("pk", "status"))
    assert statuses[open_month.pk] == "verified"
    assert statuses[locked.pk] != "verified" and statuses[foreign.pk] != "verified"
