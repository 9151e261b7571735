from __future__ import annotations

from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from loalang.accounts.access import Cap, CommuneRequest, commune_view
from loalang.core.crud import delete_action, edit_page
from loalang.places.forms import CommuneContactForm, MergerForm, VillageForm
from loalang.places.models import Commune, CommuneMerger, Village
from loalang.places.selectors import commune_official_fate


def _index(commune: Commune) -> str:
    return reverse("places:index", kwargs={"commune_slug": commune.slug})


@require_GET
@commune_view(Cap.VIEW)
def index(request: CommuneRequest, commune: Commune) -> HttpResponse:
    villages = Village.objects.filter(commune=commune).annotate(
        team_count=Count("teams", distinct=True)
    )
    mergers = CommuneMerger.objects.filter(commune=commune).select_related(
        "former_district", "former_commune"
    )
    return render(
        request,
        "places/index.html",
        {
            "villages": villages,
            "mergers": mergers,
            "fate": commune_official_fate(commune),
            "successor": commune.successor,
        },
    )


@require_http_methods(["GET", "POST"])
@commune_view(Cap.MANAGE_ORG)
def village_edit(request: CommuneRequest, commune: Commune, pk: int | None = None) -> HttpResponse:
    village = get_object_or_404(Village, pk=pk, commune=commune) if pk else Village(commune=commune)
    form = VillageForm(request.POST or None, instance=village, commune=commune)
    return edit_page(
        request,
        commune=commune,
        form=form,
        verb="village",
        title=_("Sửa thôn, bản") if pk else _("Thêm thôn, bản, tổ dân phố"),
        success_url=_index(commune),
        fixed={"commune": commune},
    )


@require_POST
@commune_view(Cap.MANAGE_ORG)
def village_delete(request: CommuneRequest, commune: Commune, pk: int) -> HttpResponse:
    village = get_object_or_404(Village, pk=pk, commune=commune)
    return delete_action(
        request, commune=commune, obj=village, verb="village", success_url=_index(commune)
    )


@require_http_methods(["GET", "POST"])
@commune_view(Cap.MANAGE_ORG)
def contact_edit(request: CommuneRequest, commune: Commune) -> HttpResponse:
    form = CommuneContactForm(request.POST or None, instance=commune)
    return edit_page(
        request,
        commune=commune,
        form=form,
        verb="commune",
        title=_("Thông tin liên hệ và sổ văn bản của xã"),
        success_url=_index(commune),
    )


@require_http_methods(["GET", "POST"])
@commune_view(Cap.MANAGE_ORG)
def merger_create(request: CommuneRequest, commune: Commune) -> HttpResponse:
    form = MergerForm(request.POST or None, instance=CommuneMerger(commune=commune))
    return edit_page(
        request,
        commune=commune,
        form=form,
        verb="commune_merger",
        title=_("Ghi nhận đơn vị đã sáp nhập"),
        success_url=_index(commune),
        fixed={"commune": commune},
    )
