"""Import a plan from pasted text or a DOCX: parse, show the proposal for review, then save
it as a draft. The uploaded file is read in memory and never stored."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core import signing
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_http_methods, require_POST

from loalang.accounts.access import Cap, commune_view
from loalang.documents.render import render_body_html
from loalang.places.models import Commune
from loalang.plans import services
from loalang.plans.checks import plan_problems
from loalang.plans.document import plan_document
from loalang.plans.importer import paragraphs_from_text, parse_plan
from loalang.plans.uploads import docx_paragraphs_from_upload

SALT = "loalang.plans.import"
MAX_TEXT = 200_000


class ImportForm(forms.Form):
    text = forms.CharField(
        label=_lazy("Dán nội dung kế hoạch"), required=False, max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 12}),
    )  # fmt: skip
    file = forms.FileField(label=_lazy("Hoặc tải lên tệp Word (.docx)"), required=False)

    def clean_file(self):  # type: ignore[no-untyped-def]
        upload = self.cleaned_data.get("file")
        if upload is None:
            return None
        return docx_paragraphs_from_upload(upload)  # raises ValidationError at the field

    def clean(self):  # type: ignore[no-untyped-def]
        data = super().clean()
        if not data.get("file") and not (data.get("text") or "").strip():
            raise ValidationError(_("Dán nội dung hoặc chọn một tệp .docx."))
        return data


@require_http_methods(["GET", "POST"])
@commune_view(Cap.EDIT_PLAN)
def plan_import_view(request: HttpRequest, commune: Commune) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        paragraphs = form.cleaned_data["file"] or paragraphs_from_text(form.cleaned_data["text"])
        result = parse_plan(paragraphs)
        data = result.data
        if not data["issuer"]:
            data["issuer"] = services.default_issuer(commune)
        return render(
            request,
            "plans/plan_import_review.html",
            {
                "result": result,
                "data": data,
                "problems": plan_problems(data),
                "document_html": render_body_html(plan_document(data, is_draft=True)),
                "payload": signing.dumps(data, salt=SALT, compress=True),
            },
        )
    return render(request, "plans/plan_import.html", {"form": form})


@require_POST
@commune_view(Cap.EDIT_PLAN)
def plan_import_save_view(request: HttpRequest, commune: Commune) -> HttpResponse:
    try:
        data = signing.loads(request.POST.get("payload", ""), salt=SALT, max_age=6 * 3600)
    except signing.BadSignature:
        messages.error(request, _("Phiên nhập đã hết hạn hoặc không hợp lệ; hãy nhập lại."))
        return redirect("plans:import", commune_slug=commune.slug)
    try:
        plan = services.plan_create_from_data(
            commune=commune, actor=request.user, data=data, verb="plan.imported"
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect("plans:import", commune_slug=commune.slug)
    messages.success(request, _("Đã lưu kế hoạch nhập vào thành dự thảo; hãy rà soát từng phần."))
    return redirect("plans:detail", commune_slug=commune.slug, pk=plan.pk)
