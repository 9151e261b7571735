"""Staff pages of the portal: articles, pictures, questions, events, documents, settings."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from loalang.accounts.access import Cap, CommuneRequest, commune_view
from loalang.core.forms import apply_errors
from loalang.portal import channels, selectors, services
from loalang.portal.forms import (
    AnswerForm,
    ArticleForm,
    DeclineForm,
    DocumentForm,
    EventForm,
    ImageForm,
    ProfileForm,
)
from loalang.portal.models import Article, PublicEvent, PublishedDocument, Question


def radio_available() -> bool:
    try:
        from loalang.radio.services import bulletin_create_draft  # noqa: F401
    except ImportError:
        return False
    return True


# --- Articles ---------------------------------------------------------------------------------
@require_GET
@commune_view(Cap.EDIT_PORTAL)
def article_list(request: CommuneRequest, commune: Any) -> HttpResponse:
    status = request.GET.get("trang_thai", "")
    if status not in Article.Status.values:
        status = ""
    articles = list(selectors.article_list_staff(commune=commune, status=status)[:100])
    return render(
        request,
        "portal/staff/article_list.html",
        {"articles": articles, "status": status, "statuses": Article.Status.choices},
    )


def _editor_images(commune: Any) -> list[dict[str, str]]:
    # The editor inserts only our own renditions (the allow-list keeps /media/ images only).
    images = commune.portal_images.order_by("-id")[:50]
    return [
        {"src": url, "alt": img.alt_text}
        for img in images
        if (url := img.rendition_url(640) or img.rendition_url(320))
    ]


@require_http_methods(["GET", "POST"])
@commune_view(Cap.EDIT_PORTAL)
def article_edit(request: CommuneRequest, commune: Any, pk: int | None = None) -> HttpResponse:
    article = get_object_or_404(Article, pk=pk, commune=commune) if pk else None
    form = ArticleForm(request.POST or None, instance=article, commune=commune)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            article = services.article_save(
                commune=commune,
                actor=request.user,
                article=article,
                title=data["title"],
                summary=data["summary"],
                body=data["body"],
                themes=data["themes"],
                cover=data["cover"],
                is_featured=data["is_featured"],
                publish_at=data["publish_at"],
                expire_at=data["expire_at"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Đã lưu bài viết."))
            return redirect("portal_staff:article_edit", commune_slug=commune.slug, pk=article.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "portal/staff/article_edit.html",
        {
            "form": form,
            "article": article,
            "image_form": ImageForm(),
            "editor_images": _editor_images(commune),
            "revisions": article.revisions.all()[:10] if article else [],
            "radio": radio_available(),
        },
        status=status,
    )


ACTIONS = {
    "submit": (services.article_submit, gettext_lazy("Đã gửi bài chờ duyệt.")),
    "publish": (services.article_publish, gettext_lazy("Đã đăng bài (hoặc hẹn giờ đăng).")),
    "archive": (services.article_archive, gettext_lazy("Đã đưa bài vào lưu trữ.")),
    "return": (services.article_return, gettext_lazy("Đã chuyển bài về bản nháp.")),
}


@require_POST
@commune_view(Cap.EDIT_PORTAL)
def article_action(request: CommuneRequest, commune: Any, pk: int) -> HttpResponse:
    article = get_object_or_404(Article, pk=pk, commune=commune)
    action = ACTIONS.get(request.POST.get("action", ""))
    if action is None:
        return HttpResponse(_("Thao tác không hợp lệ."), status=400)
    service, done = action
    extra = (
        {"note": request.POST.get("note", "")[:2000]} if service is services.article_return else {}
    )
    try:
        service(article=article, actor=request.user, **extra)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, str(done))
    return redirect("portal_staff:article_edit", commune_slug=commune.slug, pk=article.pk)


def _message(request: HttpRequest, commune: Any, article: Article) -> channels.ArticleMessage:
    path = reverse("portal:article", args=[commune.slug, article.slug])
    return channels.ArticleMessage(
        title=article.title,
        summary=article.summary,
        body_html=article.body,
        url=request.build_absolute_uri(path),
        commune_name=commune.full_name,
        themes=tuple(t.short_name for t in article.themes.all()),
    )


@require_GET
@commune_view(Cap.EDIT_PORTAL)
def article_channels(request: CommuneRequest, commune: Any, pk: int) -> HttpResponse:
    """One message, every channel: the radio script, the social post, the poster."""
    article = get_object_or_404(Article, pk=pk, commune=commune)
    msg = _message(request, commune, article)
    return render(
        request,
        "portal/staff/article_channels.html",
        {
            "article": article,
            "radio_script": channels.radio_script(msg),
            "social_post": channels.social_post(msg),
            "radio": radio_available(),
        },
    )


@require_GET
@commune_view(Cap.EDIT_PORTAL)
def article_poster(request: CommuneRequest, commune: Any, pk: int) -> HttpResponse:
    article = get_object_or_404(Article, pk=pk, commune=commune)
    pdf = channels.poster_pdf(_message(request, commune, article))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="to-roi-{article.slug[:60]}.pdf"'
    return response


@require_POST
@commune_view(Cap.EDIT_PORTAL)
def article_to_radio(request: CommuneRequest, commune: Any, pk: int) -> HttpResponse:
    article = get_object_or_404(Article, pk=pk, commune=commune)
    try:
        services.article_to_radio(
            article=article, message=_message(request, commune, article), actor=request.user
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Đã tạo bản tin nháp cho Đài truyền thanh."))
    return redirect("portal_staff:article_channels", commune_slug=commune.slug, pk=article.pk)


@require_http_methods(["GET", "POST"])
@commune_view(Cap.EDIT_PORTAL)
def image_upload(request: CommuneRequest, commune: Any) -> HttpResponse:
    form = ImageForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if form.is_valid():
            upload = form.cleaned_data["image"]
            if upload.size > 10 * 1024 * 1024:
                form.add_error("image", _("Ảnh quá lớn (tối đa 10 MB)."))
            else:
                try:
                    image = services.image_upload(
                        commune=commune,
                        data=upload.read(),
                        alt_text=form.cleaned_data["alt_text"],
                        actor=request.user,
                        keep_location=form.cleaned_data["keep_location"],
                    )
                except ValidationError as exc:
                    apply_errors(form, exc, rename={"original": "image"}, non_field="image")
                else:
                    messages.success(request, _("Đã tải ảnh lên: “%s”.") % image.alt_text)
                    return redirect("portal_staff:images", commune_slug=commune.slug)
        status = 400
    else:
        status = 200
    images = list(commune.portal_images.order_by("-id")[:60])
    return render(
        request, "portal/staff/image_list.html", {"form": form, "images": images}, status=status
    )


# --- Citizen questions ------------------------------------------------------------------------
@require_GET
@commune_view(Cap.EDIT_PORTAL)
def question_list(request: CommuneRequest, commune: Any) -> HttpResponse:
    status = request.GET.get("trang_thai", "")
    if status not in Question.Status.values:
        status = ""
    return render(
        request,
        "portal/staff/question_list.html",
        {
            "questions": list(selectors.question_list_staff(commune=commune, status=status)[:100]),
            "status": status,
            "statuses": Question.Status.choices,
        },
    )


@require_http_methods(["GET", "POST"])
@commune_view(Cap.EDIT_PORTAL)
def question_detail(request: CommuneRequest, commune: Any, pk: int) -> HttpResponse:
    question = get_object_or_404(Question, pk=pk, commune=commune)
    answer_form = AnswerForm(initial={"answer": question.answer})
    decline_form = DeclineForm()
    status = 200
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "assign":
                services.question_assign(
                    question=question, assignee=request.user, actor=request.user
                )
            elif action == "answer":
                answer_form = AnswerForm(request.POST)
                if not answer_form.is_valid():
                    raise ValidationError(_("Hãy nhập câu trả lời."))
                services.question_answer(
                    question=question, answer=answer_form.cleaned_data["answer"], actor=request.user
                )
            elif action == "reword":
                services.question_reword(
                    question=question,
                    subject=request.POST.get("subject", ""),
                    body=request.POST.get("body", ""),
                    actor=request.user,
                )
            elif action == "publish":
                services.question_publish(question=question, actor=request.user)
            elif action == "decline":
                decline_form = DeclineForm(request.POST)
                if not decline_form.is_valid():
                    raise ValidationError(_("Hãy ghi lý do."))
                services.question_decline(
                    question=question,
                    reason=decline_form.cleaned_data["reason"],
                    actor=request.user,
                )
            elif action == "radio" and radio_available():
                services.question_to_radio(question=question, actor=request.user)
            else:
                return HttpResponse(_("Thao tác không hợp lệ."), status=400)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            status = 400
        else:
            messages.success(request, _("Đã cập nhật câu hỏi."))
            return redirect("portal_staff:question", commune_slug=commune.slug, pk=question.pk)
    return render(
        request,
        "portal/staff/question_detail.html",
        {
            "question": question,
            "answer_form": answer_form,
            "decline_form": decline_form,
            "radio": radio_available(),
        },
        status=status,
    )


# --- Events, documents, settings --------------------------------------------------------------
@require_POST
@commune_view(Cap.EDIT_PORTAL)
def event_to_radio(request: CommuneRequest, commune: Any, pk: int) -> HttpResponse:
    """A draft radio notice of the event, airing until the event's last day."""
    event = get_object_or_404(PublicEvent, pk=pk, commune=commune)
    if not radio_available():
        raise Http404
    from loalang.radio.services import bulletin_notice_for_event

    try:
        bulletin = bulletin_notice_for_event(
            commune=commune,
            title=event.title,
            starts_at=event.starts_at,
            ends_at=event.ends_at,
            place=event.place,
            description=event.description,
            actor=request.user,
            themes=list(event.themes.all()),
            origin=event,
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("portal_staff:event_edit", commune_slug=commune.slug, pk=event.pk)
    messages.success(
        request,
        _("Đã tạo thông báo phát thanh (bản nháp), phát đến hết ngày %(d)s.")
        % {"d": f"{bulletin.valid_until:%d/%m/%Y}"},
    )
    return redirect("radio:bulletin_detail", commune_slug=commune.slug, pk=bulletin.pk)


@require_http_methods(["GET", "POST"])
@commune_view(Cap.EDIT_PORTAL)
def event_edit(request: CommuneRequest, commune: Any, pk: int | None = None) -> HttpResponse:
    event = get_object_or_404(PublicEvent, pk=pk, commune=commune) if pk else None
    initial = {}
    if event:
        initial = {
            f: getattr(event, f)
            for f in ("title", "starts_at", "ends_at", "place", "description", "is_cancelled")
        }
        initial["themes"] = list(event.themes.all())
    form = EventForm(request.POST or None, initial=initial, commune=commune)
    if request.method == "POST" and form.is_valid():
        try:
            services.event_save(
                commune=commune, actor=request.user, event=event, **form.cleaned_data
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Đã lưu sự kiện."))
            return redirect("portal_staff:events", commune_slug=commune.slug)
    events = list(PublicEvent.objects.filter(commune=commune).order_by("-starts_at")[:60])
    return render(
        request,
        "portal/staff/event_list.html",
        {"form": form, "event": event, "events": events, "radio": radio_available()},
        status=400 if request.method == "POST" else 200,
    )


@require_http_methods(["GET", "POST"])
@commune_view(Cap.EDIT_PORTAL)
def document_list(request: CommuneRequest, commune: Any) -> HttpResponse:
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        upload = data["pdf"]
        try:
            services.document_publish(
                commune=commune,
                doc_type=data["doc_type"],
                number=data["number"],
                issued_on=data["issued_on"],
                issuer=data["issuer"],
                title=data["title"],
                summary=data["summary"],
                pdf_bytes=upload.read(),
                filename=upload.name,
                actor=request.user,
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Đã công bố văn bản."))
            return redirect("portal_staff:documents", commune_slug=commune.slug)
    docs = list(PublishedDocument.objects.filter(commune=commune).order_by("-issued_on")[:100])
    return render(
        request,
        "portal/staff/document_list.html",
        {"form": form, "documents": docs},
        status=400 if request.method == "POST" else 200,
    )


@require_POST
@commune_view(Cap.EDIT_PORTAL)
def document_withdraw(request: CommuneRequest, commune: Any, pk: int) -> HttpResponse:
    doc = get_object_or_404(PublishedDocument, pk=pk, commune=commune)
    services.document_withdraw(document=doc, actor=request.user)
    messages.success(request, _("Đã gỡ văn bản khỏi trang công khai."))
    return redirect("portal_staff:documents", commune_slug=commune.slug)


@require_http_methods(["GET", "POST"])
@commune_view(Cap.EDIT_PORTAL)
def settings_edit(request: CommuneRequest, commune: Any) -> HttpResponse:
    profile = selectors.profile_get(commune=commune)
    form = ProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        services.profile_update(
            commune=commune, actor=request.user, **{k: v for k, v in form.cleaned_data.items()}
        )
        messages.success(request, _("Đã lưu thông tin trang công khai."))
        return redirect("portal_staff:settings", commune_slug=commune.slug)
    home = request.build_absolute_uri(reverse("portal:home", args=[commune.slug]))
    return render(
        request,
        "portal/staff/settings.html",
        {
            "form": form,
            "home": home,
            "banner_js": request.build_absolute_uri(
                reverse("portal:banner_js", args=[commune.slug])
            ),
            "banner_svg": request.build_absolute_uri(
                reverse("portal:banner_svg", args=[commune.slug])
            ),
            "banner_frame": request.build_absolute_uri(
                reverse("portal:banner_frame", args=[commune.slug])
            ),
            "json_url": request.build_absolute_uri(reverse("portal:json", args=[commune.slug])),
            "rss_url": request.build_absolute_uri(reverse("portal:rss", args=[commune.slug])),
        },
        status=400 if request.method == "POST" else 200,
    )
