from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from loalang.accounts.access import Cap, CommuneRequest, commune_view
from loalang.core.crud import delete_action, edit_page
from loalang.people.forms import DigitalTeamForm, OrgUnitForm, PersonForm, TeamMemberForm
from loalang.people.models import DigitalTeam, OrgUnit, Person, TeamMember
from loalang.people.selectors import org_unit_list, person_list, team_list
from loalang.places.models import Commune


def _url(name: str, commune: Commune, **kwargs: int) -> str:
    return reverse(f"people:{name}", kwargs={"commune_slug": commune.slug, **kwargs})


@require_GET
@commune_view(Cap.VIEW)
def index(request: CommuneRequest, commune: Commune) -> HttpResponse:
    return render(
        request,
        "people/index.html",
        {"units": org_unit_list(commune=commune), "teams": team_list(commune=commune)},
    )


@require_GET
@commune_view(Cap.VIEW)
def person_index(request: CommuneRequest, commune: Commune) -> HttpResponse:
    q = request.GET.get("q", "").strip()[:100]
    page = Paginator(person_list(commune=commune, q=q), 50).get_page(request.GET.get("page"))
    return render(request, "people/person_list.html", {"page": page, "q": q})


@require_http_methods(["GET", "POST"])
@commune_view(Cap.MANAGE_ORG)
def unit_edit(request: CommuneRequest, commune: Commune, pk: int | None = None) -> HttpResponse:
    unit = get_object_or_404(OrgUnit, pk=pk, commune=commune) if pk else OrgUnit(commune=commune)
    form = OrgUnitForm(request.POST or None, instance=unit, commune=commune)
    title = _("Sửa cơ quan, đơn vị") if pk else _("Thêm cơ quan, đơn vị")
    return edit_page(
        request,
        commune=commune,
        form=form,
        verb="org_unit",
        title=title,
        success_url=_url("index", commune),
        fixed={"commune": commune},
    )


@require_POST
@commune_view(Cap.MANAGE_ORG)
def unit_delete(request: CommuneRequest, commune: Commune, pk: int) -> HttpResponse:
    unit = get_object_or_404(OrgUnit, pk=pk, commune=commune)
    return delete_action(
        request, commune=commune, obj=unit, verb="org_unit", success_url=_url("index", commune)
    )


@require_http_methods(["GET", "POST"])
@commune_view(Cap.MANAGE_ORG)
def person_edit(request: CommuneRequest, commune: Commune, pk: int | None = None) -> HttpResponse:
    person = get_object_or_404(Person, pk=pk, commune=commune) if pk else Person(commune=commune)
    form = PersonForm(request.POST or None, instance=person, commune=commune)
    title = _("Sửa thông tin cán bộ") if pk else _("Thêm cán bộ, người tham gia")
    return edit_page(
        request,
        commune=commune,
        form=form,
        verb="person",
        title=title,
        success_url=_url("person_list", commune),
        fixed={"commune": commune},
    )


@require_http_methods(["GET", "POST"])
@commune_view(Cap.MANAGE_ORG)
def team_edit(request: CommuneRequest, commune: Commune, pk: int | None = None) -> HttpResponse:
    team = (
        get_object_or_404(DigitalTeam, pk=pk, commune=commune)
        if pk
        else DigitalTeam(commune=commune)
    )
    form = DigitalTeamForm(request.POST or None, instance=team, commune=commune)
    title = _("Sửa tổ công nghệ số") if pk else _("Thành lập tổ công nghệ số")
    return edit_page(
        request,
        commune=commune,
        form=form,
        verb="team",
        title=title,
        success_url=_url("index", commune),
        fixed={"commune": commune},
    )


@require_http_methods(["GET", "POST"])
@commune_view(Cap.MANAGE_ORG)
def member_add(request: CommuneRequest, commune: Commune, team_pk: int) -> HttpResponse:
    team = get_object_or_404(DigitalTeam, pk=team_pk, commune=commune)
    form = TeamMemberForm(request.POST or None, instance=TeamMember(team=team), team=team)
    return edit_page(
        request,
        commune=commune,
        form=form,
        verb="team_member",
        title=_("Thêm thành viên: %(team)s") % {"team": team},
        success_url=_url("index", commune),
        fixed={"team": team},
    )


@require_POST
@commune_view(Cap.MANAGE_ORG)
def member_remove(request: CommuneRequest, commune: Commune, pk: int) -> HttpResponse:
    member = get_object_or_404(TeamMember, pk=pk, team__commune=commune)
    return delete_action(
        request, commune=commune, obj=member, verb="team_member", success_url=_url("index", commune)
    )
