"""The commendation form's activity picker: a search instead of every activity in a list."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from loalang.activities.models import Activity
from loalang.commendations.models import Commendation
from loalang.commendations.selectors import ACTIVITY_SEARCH_LIMIT, activity_search, fold_pattern
from loalang.commendations.services import commendation_create
from loalang.tasks.tests.factories import make_activity
from loalang.testing.factories import DigitalTeamFactory, VillageFactory

pytestmark = pytest.mark.django_db


def u(name, commune, **kw):  # type: ignore[no-untyped-def]
    return reverse(f"commendations:{name}", kwargs={"commune_slug": commune.slug, **kw})


def ids(html: str) -> set[int]:
    return {int(v) for v in re.findall(r'name="activities" value="(\d+)"', html)}


def test_fold_pattern_is_accent_and_case_blind_and_escapes_operators():
    pattern = fold_pattern("đổi")
    for title in (
        "Chuyển đổi số",
        "CHUYỂN ĐỔI SỐ",
        "chuyen doi so",
        "Chuye\u0302\u0309n đo\u0302\u0309i",
    ):
        assert re.search(pattern, title), title
    assert not re.search(pattern, "Chuyển đài số")
    assert re.search(fold_pattern("4.0"), "Cách mạng 4.0")
    assert not re.search(fold_pattern("4.0"), "Cách mạng 420")
    assert not re.search(fold_pattern(".*"), "bất kỳ")


def test_search_endpoint_commune_verified_only_and_accent_blind(
    client, commune, other_commune, culture_user
):
    mine = make_activity(commune, title="Hướng dẫn cài đặt VNeID")
    make_activity(commune, title="Hướng dẫn cài VNeID (chờ xác nhận)", status="reported")
    make_activity(commune, title="Treo băng rôn")
    theirs = make_activity(other_commune, title="Hướng dẫn cài đặt VNeID")
    client.force_login(culture_user)
    for q in ("cài đặt", "cai dat", "CÀI ĐẶT", "huong vneid"):
        response = client.get(u("activity_search", commune), {"q": q})
        assert response.status_code == 200
        assert ids(response.content.decode()) == {mine.pk}, q
    assert theirs.pk not in ids(client.get(u("activity_search", commune)).content.decode())
    empty = client.get(u("activity_search", commune), {"q": "không có"}).content.decode()
    assert ids(empty) == set() and "Không có hoạt động đã xác nhận nào khớp" in empty


def test_search_endpoint_limit_newest_first_and_excludes_chosen(client, commune, culture_user):
    acts = [
        make_activity(commune, title=f"Họp dân {i}", held_on=dt.date(2023, 1, 1) + dt.timedelta(i))
        for i in range(ACTIVITY_SEARCH_LIMIT + 5)
    ]
    client.force_login(culture_user)
    html = client.get(
        u("activity_search", commune), {"q": "hop dan", "selected": [acts[-1].pk, "x"]}
    ).content.decode()
    found = ids(html)
    assert len(found) == ACTIVITY_SEARCH_LIMIT
    assert acts[-1].pk not in found  # already chosen: not offered again
    assert found == {a.pk for a in acts[-ACTIVITY_SEARCH_LIMIT - 1 : -1]}  # the newest
    assert "gõ thêm từ để thu hẹp" in html


def test_search_endpoint_narrows_to_subject(client, commune, culture_user):
    team = DigitalTeamFactory(commune=commune)
    village = VillageFactory(commune=commune)
    own = make_activity(commune, title="Hướng dẫn VNeID", team=team)
    in_village = make_activity(commune, title="Hướng dẫn VNeID ở bản")
    in_village.villages.add(village)
    other = make_activity(commune, title="Hướng dẫn VNeID khác")
    client.force_login(culture_user)
    get = lambda **p: ids(client.get(u("activity_search", commune), p).content.decode())  # noqa: E731
    assert get(q="vneid") == {own.pk, in_village.pk, other.pk}
    assert get(q="vneid", only_subject="1", subject_kind="team", team=team.pk) == {own.pk}
    assert get(q="vneid", only_subject="1", subject_kind="village", village=village.pk) == {
        in_village.pk
    }
    assert activity_search(commune=commune, query="vneid", team_id=team.pk) == [own]


def test_search_endpoint_outsider_404(client, commune, outsider):
    make_activity(commune, title="Hướng dẫn VNeID")
    client.force_login(outsider)
    assert client.get(u("activity_search", commune), {"q": "vneid"}).status_code == 404


def _post(village, **extra):  # type: ignore[no-untyped-def]
    return {
        "subject_kind": "village",
        "village": village.pk,
        "reason": "Dẫn đầu",
        "awarded_on": "2023-12-20",
        **extra,
    }


def test_form_does_not_list_every_activity(client, commune, culture_user):
    acts = [make_activity(commune, title=f"Hoạt động {i}") for i in range(40)]
    client.force_login(culture_user)
    html = client.get(u("create", commune)).content.decode()
    assert len(ids(html)) == 10 and "<select" not in html.split('data-field="activities"')[1][:2000]
    assert acts[0].pk not in ids(html)


@pytest.mark.parametrize("bad", ["other_commune", "unverified"])
def test_post_foreign_or_unverified_activity_refused(
    bad, client, commune, other_commune, culture_user
):
    v = VillageFactory(commune=commune)
    ok = make_activity(commune, title="Hướng dẫn VNeID")
    if bad == "other_commune":
        wrong = make_activity(other_commune, title="Của xã khác")
    else:
        wrong = make_activity(commune, title="Chưa xác nhận", status=Activity.Status.REPORTED)
    client.force_login(culture_user)
    response = client.post(u("create", commune), _post(v, activities=[ok.pk, wrong.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert f"Hoạt động mã {wrong.pk} không phải hoạt động đã xác nhận của xã này" in html
    assert not Commendation.objects.exists()
    assert ok.pk in ids(html)  # the valid choice is still shown, ticked
    assert "Của xã khác" not in html and "Chưa xác nhận" not in html


def test_post_verified_activities_saved(client, commune, culture_user):
    v = VillageFactory(commune=commune)
    a, b = make_activity(commune, title="A"), make_activity(commune, title="B")
    client.force_login(culture_user)
    response = client.post(u("create", commune), _post(v, activities=[a.pk, b.pk]))
    assert response.status_code == 302
    assert set(Commendation.objects.get().activities.all()) == {a, b}


def test_edit_form_keeps_chosen_activities_shown(client, commune, culture_user):
    v = VillageFactory(commune=commune)
    chosen = make_activity(commune, title="Ngày hội chuyển đổi số", held_on=dt.date(2020, 1, 2))
    for i in range(15):  # newer ones push the chosen one out of the default list
        make_activity(commune, title=f"Khác {i}")
    c = commendation_create(
        commune=commune,
        actor=culture_user,
        subject_kind="village",
        village=v,
        reason="x",
        awarded_on=dt.date(2023, 1, 1),
        activities=[chosen],
    )
    client.force_login(culture_user)
    html = client.get(u("edit", commune, pk=c.pk)).content.decode()
    selected = html.split('data-testid="activity-selected"')[1].split("</ul>")[0]
    assert f'value="{chosen.pk}" checked' in selected
    assert "02/01/2020" in selected and "Ngày hội chuyển đổi số" in selected
    assert f"({Activity.Kind.VISUAL.label})" in selected  # the kind is shown
    # sent back for correction after being cited: editing other fields still works
    Activity.objects.filter(pk=chosen.pk).update(status=Activity.Status.REPORTED)
    response = client.post(u("edit", commune, pk=c.pk), _post(v, activities=[chosen.pk]))
    assert response.status_code == 302
    assert list(Commendation.objects.get().activities.all()) == [chosen]


def test_search_without_javascript_keeps_what_was_typed(client, commune, culture_user):
    v = VillageFactory(commune=commune)
    chosen = make_activity(commune, title="Ngày hội số")
    match = make_activity(commune, title="Hướng dẫn cài đặt VNeID")
    make_activity(commune, title="Treo băng rôn")
    client.force_login(culture_user)
    response = client.post(
        u("create", commune),
        _post(v, reason="Thành tích gõ dở", activities=[chosen.pk], q="cai dat", find="1"),
    )
    html = response.content.decode()
    assert response.status_code == 200 and not Commendation.objects.exists()
    assert "Thành tích gõ dở" in html and 'value="cai dat"' in html
    selected, results = html.split('data-testid="activity-selected"')[1].split("</ul>", 1)
    assert ids(selected) == {chosen.pk} and f'value="{chosen.pk}" checked' in selected
    assert ids(results.split("</fieldset>")[0]) == {match.pk}
    assert "errorlist" not in html  # a search is not a save: no errors shown
