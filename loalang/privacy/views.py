"""Staff pages of the privacy app. Every page needs `Cap.PRIVACY` (chair, culture officer):
the incident register and the dossier name people and weaknesses, so no other role, and no
province viewer, sees them."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from loalang.accounts.access import Cap, CommuneRequest, commune_view
from loalang.core.forms import apply_errors
from loalang.documents import document as d
from loalang.documents.render import render_body_html, render_docx, render_pdf
from loalang.places.models import Commune
from loalang.privacy import services
from loalang.privacy.deadline import deadline_for, window
from loalang.privacy.document import dossier_document, notice_data, notice_document
from loalang.privacy.dossier import dossier_data
from loalang.privacy.forms import IncidentForm
from loalang.privacy.models import Incident
from loalang.privacy.selectors import incident_get, incident_list

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@require_GET
@commune_view(Cap.PRIVACY)
def incident_list_view(request: CommuneRequest, commune: Commune) -> HttpResponse:
    now = timezone.now()
    page = Paginator(incident_list(commune=commune), 30).get_page(request.GET.get("page"))
    rows = [(i, deadline_for(i, now)) for i in page]
    context = {"page": page, "rows": rows, "hours": int(window().total_seconds() // 3600)}
    return render(request, "privacy/incident_list.html", context)


@require_GET
@commune_view(Cap.PRIVACY)
def incident_detail_view(request: CommuneRequest, commune: Commune, pk: int) -> HttpResponse:
    incident = incident_get(commune=commune, pk=pk)
    context = {
        "incident": incident,
        "deadline": deadline_for(incident, timezone.now()),
        "hours": int(window().total_seconds() // 3600),
        "authority": settings.LOALANG_PDP_AUTHORITY,
    }
    return render(request, "privacy/incident_detail.html", context)


def _form_page(
    request: CommuneRequest, commune: Commune, incident: Incident | None
) -> HttpResponse:
    initial = {} if incident else {"found_at": timezone.localtime().replace(second=0)}
    form = IncidentForm(request.POST or None, instance=incident, initial=initial)
    if request.method == "POST" and form.is_valid():
        if incident is not None:
            incident.refresh_from_db()
        try:
            if incident is None:
                incident = services.incident_create(
                    commune=commune, actor=request.user, **form.cleaned_data
                )
                messages.success(request, _("Đã ghi sự cố. Người phụ trách đã được báo."))
            else:
                services.incident_update(incident=incident, actor=request.user, **form.cleaned_data)
                messages.success(request, _("Đã lưu."))
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            return redirect("privacy:detail", commune_slug=commune.slug, pk=incident.pk)
    return render(request, "privacy/incident_form.html", {"form": form, "incident": incident})


@require_http_methods(["GET", "POST"])
@commune_view(Cap.PRIVACY)
def incident_create_view(request: CommuneRequest, commune: Commune) -> HttpResponse:
    return _form_page(request, commune, None)


@require_http_methods(["GET", "POST"])
@commune_view(Cap.PRIVACY)
def incident_edit_view(request: CommuneRequest, commune: Commune, pk: int) -> HttpResponse:
    return _form_page(request, commune, incident_get(commune=commune, pk=pk))


def _notice(commune: Commune, pk: int) -> tuple[d.OfficialDocument, str]:
    incident = incident_get(commune=commune, pk=pk)
    with translation.override("vi"):  # an official Vietnamese document in any UI language
        data = notice_data(
            incident,
            now=timezone.now(),
            authority=settings.LOALANG_PDP_AUTHORITY,
            hours=settings.LOALANG_PDP_NOTIFY_HOURS,
        )
    return notice_document(data), f"thong-bao-su-co-du-lieu-ca-nhan-{incident.pk}"


def _download(content: bytes, filename: str, ext: str) -> HttpResponse:
    kind = DOCX if ext == "docx" else "application/pdf"
    response = HttpResponse(content, content_type=kind)
    disposition = "attachment" if ext == "docx" else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}.{ext}"'
    response["Cache-Control"] = "private, no-store"  # personal data: never in a shared cache
    return response


@require_GET
@commune_view(Cap.PRIVACY)
def notice_docx_view(request: CommuneRequest, commune: Commune, pk: int) -> HttpResponse:
    doc, name = _notice(commune, pk)
    return _download(render_docx(doc), name, "docx")


@require_GET
@commune_view(Cap.PRIVACY)
def notice_pdf_view(request: CommuneRequest, commune: Commune, pk: int) -> HttpResponse:
    doc, name = _notice(commune, pk)
    return _download(render_pdf(doc), name, "pdf")


def _dossier(commune: Commune) -> d.OfficialDocument:
    # The dossier is an official Vietnamese document whatever the interface language.
    with translation.override("vi"):
        return dossier_document(dossier_data(commune=commune))


def _dossier_name(commune: Commune) -> str:
    return slugify(f"danh-gia-tac-dong-du-lieu-ca-nhan-{commune.slug}")


@require_GET
@commune_view(Cap.PRIVACY)
def dossier_view(request: CommuneRequest, commune: Commune) -> HttpResponse:
    html = render_body_html(_dossier(commune))
    return render(request, "privacy/dossier.html", {"document_html": html})


@require_GET
@commune_view(Cap.PRIVACY)
def dossier_docx_view(request: CommuneRequest, commune: Commune) -> HttpResponse:
    return _download(render_docx(_dossier(commune)), _dossier_name(commune), "docx")


@require_GET
@commune_view(Cap.PRIVACY)
def dossier_pdf_view(request: CommuneRequest, commune: Commune) -> HttpResponse:
    return _download(render_pdf(_dossier(commune)), _dossier_name(commune), "pdf")
