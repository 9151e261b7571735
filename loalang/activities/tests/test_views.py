import datetime as dt
import io
import uuid

import pytest
from django.urls import reverse
from PIL import Image

from loalang.accounts.models import Role
from loalang.activities.models import Activity
from loalang.activities.tests.factories import ActivityFactory
from loalang.testing.factories import VillageFactory, member

pytestmark = pytest.mark.django_db


def u(name, commune, **kw):
    return reverse(f"activities:{name}", kwargs={"commune_slug": commune.slug, **kw})


def _photo():
    out = io.BytesIO()
    Image.new("RGB", (800, 600), (10, 120, 40)).save(out, "JPEG")
    out.seek(0)
    out.name = "anh.jpg"
    return out


def test_list_shows_activities_and_guards_queries(
    client, commune, culture_user, django_assert_max_num_queries
):
    for _ in range(15):
        a = ActivityFactory(commune=commune)
        a.villages.set([VillageFactory(commune=commune)])
    client.force_login(culture_user)
    with django_assert_max_num_queries(20):
        response = client.get(u("list", commune))
    assert response.status_code == 200
    assert response.content.decode().count("Hội nghị tuyên truyền chuyển đổi số") == 15


def test_list_outsider_404_and_wrong_method(client, commune, outsider, culture_user):
    client.force_login(outsider)
    assert client.get(u("list", commune)).status_code == 404
    client.force_login(culture_user)
    assert client.post(u("list", commune)).status_code == 405


def test_village_head_sees_only_own_village(client, commune):
    mine, theirs = VillageFactory(commune=commune), VillageFactory(commune=commune)
    head = member(commune, Role.VILLAGE_HEAD, village=mine)
    a = ActivityFactory(commune=commune, title="Ở thôn mình")
    a.villages.set([mine])
    b = ActivityFactory(commune=commune, title="Ở thôn khác")
    b.villages.set([theirs])
    client.force_login(head)
    body = client.get(u("list", commune)).content.decode()
    assert "Ở thôn mình" in body and "Ở thôn khác" not in body
    assert client.get(u("detail", commune, pk=b.pk)).status_code == 404


def test_full_form_records_an_event_with_details(client, commune, culture_user):
    village = VillageFactory(commune=commune)
    client.force_login(culture_user)
    assert client.get(u("create", commune, kind="event")).status_code == 200
    response = client.post(
        u("create", commune, kind="event"),
        {
            "title": "Tập huấn VNeID",
            "held_on": "2023-05-10",
            "villages": [village.pk],
            "reach": "40",
            "d-event_kind": "training",
            "d-officials": "5",
            "d-team_members": "5",
            "d-residents": "30",
            "d-women": "12",
            "d-ethnic_minorities": "20",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    activity = Activity.objects.get()
    assert activity.event.participants == 40 and activity.event.women == 12
    assert list(activity.villages.all()) == [village]


def test_form_shows_field_error_and_saves_nothing(client, commune, culture_user):
    client.force_login(culture_user)
    response = client.post(
        u("create", commune, kind="event"),
        {
            "title": "",
            "held_on": "2023-05-10",
            "d-event_kind": "training",
            "d-residents": "3",
            "d-women": "9",
            "d-officials": "0",
            "d-team_members": "0",
            "d-ethnic_minorities": "0",
        },
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Số nữ không thể lớn hơn tổng số người tham dự." in body
    assert not Activity.objects.exists()


def test_unknown_kind_is_404(client, commune, culture_user):
    client.force_login(culture_user)
    assert client.get(u("create", commune, kind="nope")).status_code == 404


def test_printed_form_has_a_field_per_village(client, commune, culture_user):
    v = VillageFactory(commune=commune)
    client.force_login(culture_user)
    response = client.post(
        u("create", commune, kind="printed"),
        {
            "title": "Tờ rơi",
            "held_on": "2023-05-10",
            "d-material_kind": "leaflet",
            "d-copies_printed": "100",
            f"d-village_{v.pk}": "150",
        },
    )
    assert "Số bản phát tại các thôn lớn hơn số bản in." in response.content.decode()


def test_verify_then_edit_sends_back(client, commune, culture_user):
    a = ActivityFactory(commune=commune, kind="bulletin", channel="bulletin")
    client.force_login(culture_user)
    assert client.post(u("verify", commune, pk=a.pk)).status_code == 302
    a.refresh_from_db()
    assert a.status == "verified"
    response = client.post(
        u("edit", commune, pk=a.pk),
        {"title": "Bản tin số 3", "held_on": "2023-03-15", "d-issue": "3", "d-copies": "60"},
    )
    assert response.status_code == 302
    a.refresh_from_db()
    assert a.status == "reported" and a.bulletin.copies == 60


def test_return_with_comment_shows_on_detail(client, commune, culture_user):
    a = ActivityFactory(commune=commune)
    client.force_login(culture_user)
    client.post(u("return", commune, pk=a.pk), {"comment": "Bổ sung danh sách ký tên"})
    body = client.get(u("detail", commune, pk=a.pk)).content.decode()
    assert "Bổ sung danh sách ký tên" in body
    assert client.get(u("verify", commune, pk=a.pk)).status_code == 405


def test_bulk_verify(client, commune, culture_user):
    a, b = ActivityFactory(commune=commune), ActivityFactory(commune=commune)
    client.force_login(culture_user)
    client.post(u("verify_many", commune), {"ids": [a.pk, b.pk]})
    assert Activity.objects.filter(status="verified").count() == 2


def test_bulk_verify_recounts_the_summaries_once_and_right(client, commune, culture_user):
    from loalang.activities.details import CoverageCell
    from loalang.activities.summary import verified_changed
    from loalang.reports.models import ReportFact

    days = [dt.date(2023, 3, 2), dt.date(2023, 5, 20), dt.date(2023, 5, 21)]
    acts = [ActivityFactory(commune=commune, held_on=d, reach=10) for d in days]
    sent = []
    verified_changed.connect(lambda sender, **kw: sent.append(kw), weak=False, dispatch_uid="t")
    try:
        client.force_login(culture_user)
        client.post(u("verify_many", commune), {"ids": [a.pk for a in acts]})
    finally:
        verified_changed.disconnect(dispatch_uid="t")
    assert [(s["commune_id"], s["start"], s["end"]) for s in sent] == [
        (commune.pk, dt.date(2023, 3, 1), dt.date(2023, 6, 1))
    ]
    facts = ReportFact.objects.filter(commune=commune, source="activity", dim="c")
    assert {f.ym: (f.n, f.s1) for f in facts} == {202303: (1, 10), 202305: (2, 20)}
    assert (
        sum(
            CoverageCell.objects.filter(commune=commune, letter="*").values_list("count", flat=True)
        )
        == 3
    )


def test_quick_entry_is_light_and_has_five_required_fields(client, commune):
    village = VillageFactory(commune=commune)
    head = member(commune, Role.VILLAGE_HEAD, village=village)
    client.force_login(head)
    response = client.get(u("quick", commune))
    assert response.status_code == 200
    form = response.context["form"]
    required = [n for n, f in form.fields.items() if f.required and n != "token"]
    assert len(required) <= 5
    assert 'capture="environment"' in response.content.decode()
    # The page itself plus its stylesheets and scripts stay under 100 KB before photos.
    from django.contrib.staticfiles import finders

    body = response.content.decode()
    total = len(response.content)
    import re

    for asset in re.findall(r'(?:href|src)="/static/([^"]+)"', body):
        path = finders.find(asset)
        if path:
            with open(path, "rb") as f:
                total += len(f.read())
    assert total < 100 * 1024, total


def test_quick_entry_twice_with_same_token_saves_once(client, commune):
    village = VillageFactory(commune=commune)
    head = member(commune, Role.VILLAGE_HEAD, village=village)
    client.force_login(head)
    token = str(uuid.uuid4())
    data = {
        "kind": "event",
        "title": "Họp thôn về VNeID",
        "held_on": dt.date.today().isoformat(),
        "village": village.pk,
        "reach": "35",
        "token": token,
    }
    first = client.post(u("quick", commune), {**data, "photo": _photo()})
    second = client.post(u("quick", commune), {**data, "photo": _photo()})
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    activity = Activity.objects.get()
    assert activity.evidence.count() == 1
    assert activity.event.residents == 35 and activity.recorded_by == head
    assert client.get(first["Location"]).status_code == 200


def test_quick_entry_refuses_another_village(client, commune):
    mine, theirs = VillageFactory(commune=commune), VillageFactory(commune=commune)
    head = member(commune, Role.VILLAGE_HEAD, village=mine)
    client.force_login(head)
    response = client.post(
        u("quick", commune),
        {
            "kind": "event",
            "title": "x",
            "held_on": "2023-01-01",
            "village": theirs.pk,
            "reach": "3",
            "token": str(uuid.uuid4()),
        },
    )
    assert response.status_code == 200 and "village" in response.context["form"].errors
    assert not Activity.objects.exists()


def test_period_locks_page_locks_and_unlocks(client, commune, culture_user):
    client.force_login(culture_user)
    client.post(u("locks", commune), {"month": "2023-03", "action": "lock"})
    a = ActivityFactory(commune=commune)
    body = client.get(u("detail", commune, pk=a.pk)).content.decode()
    assert "Tháng đã khoá sổ" in body
    client.post(u("verify", commune, pk=a.pk))
    a.refresh_from_db()
    assert a.status == "reported"
    client.post(u("locks", commune), {"month": "2023-03", "action": "unlock"})
    client.post(u("verify", commune, pk=a.pk))
    a.refresh_from_db()
    assert a.status == "verified"


def test_recorder_uploads_and_removes_evidence_then_deletes_activity(client, commune):
    village = VillageFactory(commune=commune)
    head = member(commune, Role.VILLAGE_HEAD, village=village)
    a = ActivityFactory(commune=commune, recorded_by=head)
    a.villages.set([village])
    client.force_login(head)
    assert client.get(u("choose", commune)).status_code == 200
    response = client.post(
        u("evidence_upload", commune, pk=a.pk), {"files": [_photo()], "purpose": "photo"}
    )
    assert response.status_code == 302
    evidence = a.evidence.get()
    assert client.get(u("evidence_file", commune, pk=evidence.pk))["Content-Type"] == "image/jpeg"
    client.post(u("evidence_delete", commune, pk=evidence.pk))
    assert not a.evidence.exists()
    client.post(u("delete", commune, pk=a.pk))
    assert not Activity.objects.filter(pk=a.pk).exists()


def test_village_head_cannot_edit_someone_elses_activity(client, commune):
    village = VillageFactory(commune=commune)
    head = member(commune, Role.VILLAGE_HEAD, village=village)
    a = ActivityFactory(commune=commune)
    a.villages.set([village])
    client.force_login(head)
    assert client.get(u("edit", commune, pk=a.pk)).status_code == 403


def test_quick_entry_offers_last_times_themes_and_coverage_years_include_plan_years(
    client, commune
):
    from loalang.activities.coverage import coverage_years
    from loalang.plans.tests.factories import make_plan

    plan = make_plan(commune, year=dt.date.today().year)
    make_plan(commune, year=2019)
    theme = plan.themes.order_by("id")[1]
    village = VillageFactory(commune=commune)
    head = member(commune, Role.VILLAGE_HEAD, village=village)
    client.force_login(head)
    data = {
        "kind": "event",
        "title": "Họp thôn về VNeID",
        "held_on": dt.date.today().isoformat(),
        "village": village.pk,
        "reach": "35",
        "token": str(uuid.uuid4()),
        "themes": [theme.pk],
    }
    assert client.post(u("quick", commune), data).status_code == 302
    page = client.get(u("quick", commune)).content.decode()
    assert f"✓ {theme}" in page
    assert 2019 in coverage_years(commune=commune)
