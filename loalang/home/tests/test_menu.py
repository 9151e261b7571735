"""The staff menu: at most seven entries for every role, every link still reachable; the phone
bar for village heads and team members; the 403 page's way back; the province viewer's landing."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from loalang.accounts.access import scope_for
from loalang.core import nav
from loalang.core.nav import nav_groups, nav_links

pytestmark = pytest.mark.django_db


def _menu(world, role):
    scope = scope_for(world.users[role], world.commune)
    return nav_groups(nav_links(world.commune, scope))


@pytest.mark.parametrize(
    "role",
    ["chair", "vice_chair", "culture", "finance", "org_rep", "village_head", "team_member",
     "province_viewer", "superuser"],
)  # fmt: skip
def test_every_role_gets_at_most_seven_entries_and_keeps_every_link(world, role):
    scope = scope_for(world.users[role], world.commune)
    links = nav_links(world.commune, scope)
    groups = nav_groups(links)
    assert 1 <= len(groups) <= 7
    assert sorted(link.url for g in groups for link in g.links) == sorted(x.url for x in links)
    labels = [link.label for link in links]
    assert len(labels) == len(set(labels)), "two menu links with the same label"


def test_culture_officer_reaches_all_nineteen_links_through_the_groups(world):
    declared = nav._links  # everything the apps registered
    groups = _menu(world, "culture")
    assert sum(len(g.links) for g in groups) == len(declared) == 19
    assert [g.label for g in groups] == [
        "Trang chủ", "Kế hoạch", "Hoạt động", "Truyền thông", "Báo cáo", "Địa bàn", "Quản trị",
    ]  # fmt: skip


def test_group_labels_are_stable_for_the_year_in_the_life_test(world):
    head = _menu(world, "village_head")
    assert [g.label for g in head][:3] == ["Trang chủ", "Kế hoạch", "Hoạt động"]
    field = next(g for g in head if g.key == "field")
    assert [x.label for x in field.links] == ["Hoạt động", "Ghi nhanh", "Độ bao phủ"]


def test_menu_renders_groups_as_details_and_marks_the_current_page(world, client):
    client.force_login(world.users["culture"])
    url = reverse("tasks:list", args=[world.commune.slug])
    html = client.get(url).content.decode()
    nav = html[html.index('data-testid="mainnav"') : html.index("</nav>")]
    assert nav.count("<details") == 5  # home and reports are plain links
    assert re.search(r'<summary class="nav-entry is-current">Kế hoạch</summary>', nav)
    assert f'href="{url}" aria-current="page"' in nav
    assert "js/nav.js" in html


@pytest.mark.parametrize("role, has_bar", [("village_head", True), ("team_member", True),
                                          ("culture", False), ("chair", False)])  # fmt: skip
def test_phone_bar_with_quick_entry_for_village_heads_and_team_members(
    world, client, role, has_bar
):
    client.force_login(world.users[role])
    html = client.get(reverse("home:commune_home", args=[world.commune.slug])).content.decode()
    assert ('data-testid="phonebar-quick"' in html) is has_bar
    if has_bar:
        assert reverse("activities:quick", args=[world.commune.slug]) in html


def test_forbidden_page_offers_a_way_back_and_names_whom_to_ask(world, client):
    head = world.users["village_head"]
    client.force_login(head)
    home = reverse("home:commune_home", args=[world.commune.slug])
    response = client.get(
        reverse("accounts_staff:member_list", args=[world.commune.slug]),
        HTTP_REFERER="http://testserver" + home,
    )
    assert response.status_code == 403
    html = response.content.decode()
    assert f'href="http://testserver{home}" data-testid="go-back"' in html
    assert f'href="{home}" data-testid="go-home"' in html
    assert world.users["chair"].get_full_name() in html
    assert world.users["culture"].get_full_name() in html
    assert "Chủ tịch UBND" in html
    assert 'data-testid="mainnav"' in html  # the menu stays


def test_forbidden_page_ignores_a_referer_from_another_site(world, client):
    client.force_login(world.users["village_head"])
    response = client.get(
        reverse("accounts_staff:member_list", args=[world.commune.slug]),
        HTTP_REFERER="https://evil.example/phish",
    )
    assert response.status_code == 403
    assert "evil.example" not in response.content.decode()


def test_province_viewer_lands_on_the_rollup_and_has_a_way_back(world, client):
    viewer = world.users["province_viewer"]
    client.force_login(viewer)
    response = client.get(reverse("app"))
    rollup = reverse("province:rollup", args=[world.commune.province.slug])
    assert response.status_code == 302 and response["Location"] == rollup
    html = client.get(reverse("home:commune_home", args=[world.commune.slug])).content.decode()
    assert f'href="{rollup}"' in html and "Tổng hợp tỉnh" in html


def test_commune_members_still_land_on_their_commune(world, client):
    client.force_login(world.users["culture"])
    response = client.get(reverse("app"))
    assert response["Location"] == reverse("home:commune_home", args=[world.commune.slug])
