from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from loalang.accounts.access import Cap, CommuneRequest, commune_view
from loalang.commendations import services
from loalang.commendations.forms import CommendationForm
from loalang.commendations.models import Commendation
from loalang.commendations.selectors import (
    ACTIVITY_SEARCH_LIMIT,
    activity_search,
    commendation_list,
)
from loalang.core.forms import apply_errors
from loalang.places.models import Commune


@require_GET
@commune_view(Cap.VIEW)
def commendation_list_view(request: CommuneRequest, commune: Commune) -> HttpResponse:
    page = Paginator(commendation_list(commune=commune), 30).get_page(request.GET.get("page"))
    can_edit = request.scope.can(Cap.EDIT_PLAN)
    return render(
        request, "commendations/commendation_list.html", {"page": page, "can_edit": can_edit}
    )


@require_GET
@commune_view(Cap.VIEW)
def commendation_detail_view(request: CommuneRequest, commune: Commune, pk: int) -> HttpResponse:
    c = get_object_or_404(
        Commendation.objects.select_related("plan").prefetch_related("activities"),
        pk=pk,
        commune=commune,
    )
    can_edit = request.scope.can(Cap.EDIT_PLAN)
    return render(request, "commendations/commendation_detail.html", {"c": c, "can_edit": can_edit})


SUBJECT_FILTERS = ("team", "village", "org_unit")


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _subject_filter(data: QueryDict) -> dict[str, int | None]:
    """With "only the subject's activities" ticked and a team / village / unit chosen: narrow
    the search to it (activities are looked up within the commune anyway)."""
    kind = data.get("subject_kind", "")
    if data.get("only_subject") and kind in SUBJECT_FILTERS:
        return {f"{kind}_id": _int(data.get(kind))}
    return {}


def _search(commune: Commune, data: QueryDict, selected: list[int]) -> dict[str, Any]:
    query = data.get("q", "").strip()[:200]
    found = activity_search(
        commune=commune,
        query=query,
        limit=ACTIVITY_SEARCH_LIMIT if query else 10,
        exclude_ids=selected,
        **_subject_filter(data),
    )
    return {
        "q": query,
        "only_subject": bool(data.get("only_subject")),
        "found": found,
        "more": len(found) >= ACTIVITY_SEARCH_LIMIT,
        "limit": ACTIVITY_SEARCH_LIMIT,
    }


def _form_page(request: CommuneRequest, commune: Commune, c: Commendation | None) -> HttpResponse:
    if request.method == "POST" and "find" in request.POST:
        # The search button without JavaScript: show the page again with what was typed and
        # chosen, plus the activities found; nothing is checked or saved.
        initial = {
            name: field.widget.value_from_datadict(request.POST, request.FILES, name)
            for name, field in CommendationForm.base_fields.items()
        }
        form = CommendationForm(initial=initial, instance=c, commune=commune)
    else:
        form = CommendationForm(request.POST or None, instance=c, commune=commune)
        if request.method == "POST" and form.is_valid():
            if c is not None:
                c.refresh_from_db()
            try:
                if c is None:
                    c = services.commendation_create(
                        commune=commune, actor=request.user, **form.cleaned_data
                    )
                    messages.success(request, _("Đã ghi biểu dương."))
                else:
                    services.commendation_update(
                        commendation=c, actor=request.user, **form.cleaned_data
                    )
                    messages.success(request, _("Đã lưu."))
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                return redirect("commendations:detail", commune_slug=commune.slug, pk=c.pk)
    data = request.POST if request.method == "POST" else request.GET
    context = {"form": form, "c": c, **_search(commune, data, form.selected_ids())}
    return render(request, "commendations/commendation_form.html", context)


@require_http_methods(["GET", "POST"])
@commune_view(Cap.EDIT_PLAN)
def commendation_create_view(request: CommuneRequest, commune: Commune) -> HttpResponse:
    return _form_page(request, commune, None)


@require_http_methods(["GET", "POST"])
@commune_view(Cap.EDIT_PLAN)
def commendation_edit_view(request: CommuneRequest, commune: Commune, pk: int) -> HttpResponse:
    c = get_object_or_404(Commendation, pk=pk, commune=commune)
    return _form_page(request, commune, c)


@require_GET
@commune_view(Cap.EDIT_PLAN)
def activity_search_view(request: CommuneRequest, commune: Commune) -> HttpResponse:
    """The activity picker's search, for the form's script: an HTML fragment of at most
    ACTIVITY_SEARCH_LIMIT checkboxes (the commune's verified activities only)."""
    selected = [i for i in (_int(v) for v in request.GET.getlist("selected")[:500]) if i]
    context = _search(commune, request.GET, selected)
    return render(request, "commendations/_activity_results.html", context)


@require_POST
@commune_view(Cap.EDIT_PLAN)
def commendation_delete_view(request: CommuneRequest, commune: Commune, pk: int) -> HttpResponse:
    c = get_object_or_404(Commendation, pk=pk, commune=commune)
    services.commendation_delete(commendation=c, actor=request.user)
    messages.success(request, _("Đã xoá biểu dương."))
    return redirect("commendations:list", commune_slug=commune.slug)
