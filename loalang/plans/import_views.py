"""Import a plan from pasted text or a file: parse into a draft kept in the database, let the
officer correct every field on the review page, then save it as a draft plan. Uploaded
files are read in memory and never stored; their text is kept in the import draft until
the plan is saved or the draft discarded."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from loalang.accounts.access import Cap, CommuneRequest, commune_view
from loalang.core.forms import apply_errors
from loalang.documents.render import render_body_html
from loalang.places.models import Commune
from loalang.plans import import_services
from loalang.plans.checks import plan_problems
from loalang.plans.document import plan_document
from loalang.plans.import_forms import ImportForm, ReviewForms
from loalang.plans.models import PlanImportDraft
from loalang.plans.services import default_issuer


@require_http_methods(["GET", "POST"])
@commune_view(Cap.EDIT_PLAN)
def plan_import_view(request: CommuneRequest, commune: Commune) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        draft = import_services.plan_import_start(
            commune=commune,
            actor=request.user,
            text=form.cleaned_data["text"],
            paragraphs=upload,
            source_name=getattr(request.FILES.get("file"), "name", "") or "",
        )
        return redirect("plans:import_review", commune_slug=commune.slug, pk=draft.pk)
    drafts = PlanImportDraft.objects.filter(commune=commune).only("pk", "data", "updated_at")
    return render(request, "plans/plan_import.html", {"form": form, "drafts": drafts[:10]})


@require_http_methods(["GET", "POST"])
@commune_view(Cap.EDIT_PLAN)
def plan_import_review_view(request: CommuneRequest, commune: Commune, pk: int) -> HttpResponse:
    draft = get_object_or_404(PlanImportDraft, pk=pk, commune=commune)
    forms = ReviewForms(draft, request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        state = {k: request.POST.getlist(k) for k in request.POST if k != "csrfmiddlewaretoken"}
        import_services.plan_import_keep(draft=draft, form_state=state)
        if forms.is_valid() and request.POST.get("action") == "save":
            data = forms.to_data()
            if not data["issuer"]:
                data["issuer"] = default_issuer(commune)
            try:
                plan = import_services.plan_import_save(draft=draft, actor=request.user, data=data)
            except ValidationError as exc:
                apply_errors(forms.header, exc)
            else:
                messages.success(
                    request, _("Đã lưu kế hoạch nhập vào thành dự thảo; hãy rà soát từng phần.")
                )
                return redirect("plans:detail", commune_slug=commune.slug, pk=plan.pk)
        if forms.error_summary():
            status = 422  # the page again, with every error named at its field
    data = forms.to_data() if forms.header.is_bound and forms.is_valid() else draft.data
    return render(
        request,
        "plans/plan_import_review.html",
        {
            "draft": draft,
            "forms": forms,
            "errors": forms.error_summary() if forms.header.is_bound else [],
            "problems": plan_problems(data),
            "document_html": render_body_html(plan_document(data, is_draft=True)),
            **forms.layout(),
        },
        status=status,
    )


@require_POST
@commune_view(Cap.EDIT_PLAN)
def plan_import_discard_view(request: CommuneRequest, commune: Commune, pk: int) -> HttpResponse:
    draft = get_object_or_404(PlanImportDraft, pk=pk, commune=commune)
    import_services.plan_import_discard(draft=draft, actor=request.user)
    messages.info(request, _("Đã bỏ bản nhập."))
    return redirect("plans:import", commune_slug=commune.slug)
