from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from loalang.accounts.access import Cap, commune_view
from loalang.commendations import services
from loalang.commendations.forms import CommendationForm
from loalang.commendations.models import Commendation
from loalang.commendations.selectors import commendation_list
from loalang.places.models import Commune
from loalang.tasks.views import apply_errors


@require_GET
@commune_view(Cap.VIEW)
def commendation_list_view(request: HttpRequest, commune: Commune) -> HttpResponse:
    page = Paginator(commendation_list(commune=commune), 30).get_page(request.GET.get("page"))
    can_edit = request.scope.can(Cap.EDIT_PLAN)  # type: ignore[attr-defined]
    return render(
        request, "commendations/commendation_list.html", {"page": page, "can_edit": can_edit}
    )


@require_GET
@commune_view(Cap.VIEW)
def commendation_detail_view(request: HttpRequest, commune: Commune, pk: int) -> HttpResponse:
    c = get_object_or_404(
        Commendation.objects.select_related("plan").prefetch_related("activities"),
        pk=pk,
        commune=commune,
    )
    can_edit = request.scope.can(Cap.EDIT_PLAN)  # type: ignore[attr-defined]
    return render(request, "commendations/commendation_detail.html", {"c": c, "can_edit": can_edit})


@require_http_methods(["GET", "POST"])
@commune_view(Cap.EDIT_PLAN)
def commendation_create_view(request: HttpRequest, commune: Commune) -> HttpResponse:
    form = CommendationForm(request.POST or None, commune=commune)
    if request.method == "POST" and form.is_valid():
        try:
            c = services.commendation_create(
                commune=commune, actor=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Đã ghi biểu dương."))
            return redirect("commendations:detail", commune_slug=commune.slug, pk=c.pk)
    return render(request, "commendations/commendation_form.html", {"form": form, "c": None})


@require_http_methods(["GET", "POST"])
@commune_view(Cap.EDIT_PLAN)
def commendation_edit_view(request: HttpRequest, commune: Commune, pk: int) -> HttpResponse:
    c = get_object_or_404(Commendation, pk=pk, commune=commune)
    form = CommendationForm(request.POST or None, instance=c, commune=commune)
    if request.method == "POST" and form.is_valid():
        c.refresh_from_db()
        try:
            services.commendation_update(commendation=c, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Đã lưu."))
            return redirect("commendations:detail", commune_slug=commune.slug, pk=c.pk)
    return render(request, "commendations/commendation_form.html", {"form": form, "c": c})


@require_POST
@commune_view(Cap.EDIT_PLAN)
def commendation_delete_view(request: HttpRequest, commune: Commune, pk: int) -> HttpResponse:
    c = get_object_or_404(Commendation, pk=pk, commune=commune)
    services.commendation_delete(commendation=c, actor=request.user)
    messages.success(request, _("Đã xoá biểu dương."))
    return redirect("commendations:list", commune_slug=commune.slug)
