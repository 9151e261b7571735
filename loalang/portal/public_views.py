"""The public section of a commune, /<commune_slug>/…: anonymous, cached, Vietnamese."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.contrib import messages
from django.contrib.sitemaps.views import sitemap as django_sitemap
from django.core.cache import cache
from django.db.models import Q
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_GET, require_http_methods

from loalang.core.files import private_file_response
from loalang.core.net import client_address
from loalang.places.models import Commune
from loalang.portal import selectors
from loalang.portal.feeds import ArticleAtomFeed, ArticleRssFeed, ics_calendar
from loalang.portal.forms import QuestionForm
from loalang.portal.models import PublishedDocument
from loalang.portal.pagecache import cached_public
from loalang.portal.services import question_by_reference, question_submit
from loalang.portal.sitemaps import commune_sitemaps
from loalang.provinces.hosts import on_own_host

PAGE_SIZE = 20
SHORT = 10 * 60  # pages that show other apps' records or time-bound lists (ADR 0041)
# Feedback flood control (ADR 0045): per client address and per commune, through the cache.
RATE_PER_CLIENT = (5, 10 * 60)  # 5 questions per 10 minutes
RATE_LOOKUP = (30, 10 * 60)  # 30 reference lookups per 10 minutes from one address
RATE_PER_COMMUNE = (300, 60 * 60)  # 300 questions an hour for the whole commune

EMBED_CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; base-uri 'none'; "
    "form-action 'none'; frame-ancestors *"
)


def _commune(slug: str) -> Commune:
    # A deactivated or merged commune has no portal (a merged one redirects: provinces.hosts).
    return get_object_or_404(Commune.objects.select_related("province"), slug=slug, is_active=True)


def _ctx(commune: Commune, **extra: Any) -> dict[str, Any]:
    return {"pc": commune, "public": True, **extra}


def _list_page(
    request: HttpRequest, commune: Any, template: str, name: str, qs: Any, **extra: Any
) -> HttpResponse:
    """One page (?trang=N) of a public list, rendered with the rows as `name`, `number` and
    `has_next`. Offset pages without COUNT(*): one row more than shown says if there is more."""
    try:
        number = max(1, min(int(request.GET.get("trang", "1")), 5000))
    except ValueError:
        number = 1
    rows = list(qs[(number - 1) * PAGE_SIZE : number * PAGE_SIZE + 1])
    context = {name: rows[:PAGE_SIZE], "number": number, "has_next": len(rows) > PAGE_SIZE}
    return render(request, template, _ctx(commune, **context, **extra))


_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def _cursor_of(article: Any) -> str:
    """An article's place in the newest-first order: publication time (µs) and id."""
    delta = article.published_at - _EPOCH
    return f"{(delta.days * 86400 + delta.seconds) * 1_000_000 + delta.microseconds}-{article.pk}"


def _cursor(value: str | None) -> tuple[dt.datetime, int] | None:
    try:
        micros, pk = (value or "").split("-")
        return _EPOCH + dt.timedelta(microseconds=int(micros)), int(pk)
    except (ValueError, OverflowError):
        return None


def _keyset_page(qs: Any, request: HttpRequest) -> dict[str, Any]:
    """Archive pages by position, not by OFFSET (issue 20): `?truoc=<cursor>` is the page of
    articles older than that one and `?sau=<cursor>` the page newer than it, each one bounded
    index range, so page 2,000 costs what page 2 costs. `?trang=N` alone (old links) still
    works by offset; N is otherwise only the number shown."""
    try:
        number = max(1, min(int(request.GET.get("trang", "1")), 1_000_000))
    except ValueError:
        number = 1
    older, newer = _cursor(request.GET.get("truoc")), _cursor(request.GET.get("sau"))
    if older is not None:
        at, pk = older
        rows = list(
            qs.filter(published_at__lte=at).filter(Q(published_at__lt=at) | Q(pk__lt=pk))[
                : PAGE_SIZE + 1
            ]
        )
        has_next, has_prev = len(rows) > PAGE_SIZE, True
        rows = rows[:PAGE_SIZE]
    elif newer is not None:
        at, pk = newer
        rows = list(
            qs.filter(published_at__gte=at)
            .filter(Q(published_at__gt=at) | Q(pk__gt=pk))
            .order_by("published_at", "id")[: PAGE_SIZE + 1]
        )
        has_next, has_prev = True, len(rows) > PAGE_SIZE
        rows = rows[:PAGE_SIZE][::-1]
    else:  # an old ?trang=N link: by offset, as the other lists (_list_page)
        number = min(number, 5000)
        rows = list(qs[(number - 1) * PAGE_SIZE : number * PAGE_SIZE + 1])
        has_next, has_prev = len(rows) > PAGE_SIZE, number > 1
        rows = rows[:PAGE_SIZE]
    if not rows:
        has_next = has_prev = False
    return {
        "number": number,
        "has_next": has_next,
        "next_cursor": _cursor_of(rows[-1]) if has_next else "",
        "prev_cursor": _cursor_of(rows[0]) if has_prev and number > 1 else "",
        "rows": rows,
    }


@require_GET
@cached_public(timeout=SHORT)
def home(request: HttpRequest, commune_slug: str) -> HttpResponse:
    commune = _commune(commune_slug)
    latest = list(selectors.article_list_public(commune=commune)[:7])
    return render(
        request,
        "portal/home.html",
        _ctx(
            commune,
            profile=selectors.profile_get(commune=commune),
            lead=latest[0] if latest else None,
            latest=latest[1:],
            by_theme=selectors.theme_articles(commune=commune),
            featured=selectors.article_list_featured(commune=commune),
            events=list(selectors.event_list_upcoming(commune=commune)[:4]),
            commendations=selectors.commendations_public(commune=commune, limit=4),
            bulletins=selectors.bulletins_public(commune=commune, limit=3),
            questions=list(selectors.question_list_public(commune=commune)[:3]),
        ),
    )


@require_GET
@cached_public
def article_list(
    request: HttpRequest, commune_slug: str, theme_id: int | None = None
) -> HttpResponse:
    commune = _commune(commune_slug)
    theme = None
    if theme_id is not None:
        from loalang.plans.models import PlanTheme

        theme = get_object_or_404(PlanTheme, pk=theme_id, plan__commune=commune)
    page = _keyset_page(selectors.article_list_public(commune=commune, theme_id=theme_id), request)
    return render(
        request,
        "portal/article_list.html",
        _ctx(
            commune,
            articles=page.pop("rows"),
            **page,
            theme=theme,
            themes=selectors.theme_list_public(commune=commune),
        ),
    )


@require_GET
@cached_public
def article_detail(request: HttpRequest, commune_slug: str, slug: str) -> HttpResponse:
    commune = _commune(commune_slug)
    article = selectors.article_get_public(commune=commune, slug=slug)
    url = request.build_absolute_uri(article.get_absolute_url())
    related = []
    themes = list(article.themes.all())
    if themes:
        related = list(
            selectors.article_list_public(commune=commune, theme_id=themes[0].pk).exclude(
                pk=article.pk
            )[:3]
        )
    return render(
        request,
        "portal/article_detail.html",
        _ctx(
            commune,
            article=article,
            themes=themes,
            share_url=url,
            related=related,
            og_image=request.build_absolute_uri(article.cover.rendition_url(1200))
            if article.cover
            else "",
        ),
    )


@require_GET
@cached_public
def article_print(request: HttpRequest, commune_slug: str, slug: str) -> HttpResponse:
    commune = _commune(commune_slug)
    article = selectors.article_get_public(commune=commune, slug=slug)
    url = request.build_absolute_uri(article.get_absolute_url())
    return render(
        request, "portal/article_print.html", _ctx(commune, article=article, share_url=url)
    )


@require_GET
@cached_public
def search(request: HttpRequest, commune_slug: str) -> HttpResponse:
    commune = _commune(commune_slug)
    query = request.GET.get("q", "")[:120].strip()
    answers = list(selectors.question_search(commune=commune, query=query)[:5]) if query else []
    articles = selectors.article_search(commune=commune, query=query)
    return _list_page(
        request, commune, "portal/search.html", "articles", articles, query=query, answers=answers
    )


@require_GET
@cached_public
def document_list(request: HttpRequest, commune_slug: str) -> HttpResponse:
    commune = _commune(commune_slug)
    documents = selectors.document_list_public(commune=commune)
    return _list_page(request, commune, "portal/document_list.html", "documents", documents)


@require_GET
@cached_public
def document_detail(request: HttpRequest, commune_slug: str, pk: int) -> HttpResponse:
    commune = _commune(commune_slug)
    doc = get_object_or_404(selectors.document_list_public(commune=commune), pk=pk)
    return render(request, "portal/document_detail.html", _ctx(commune, doc=doc))


@require_GET
def document_download(request: HttpRequest, commune_slug: str, pk: int) -> HttpResponseBase:
    """A published (not withdrawn) document's PDF; the file itself lives in private storage."""
    commune = _commune(commune_slug)
    doc: PublishedDocument = get_object_or_404(
        selectors.document_list_public(commune=commune), pk=pk
    )
    return private_file_response(
        str(doc.pdf.name),
        content_type="application/pdf",
        filename=doc.filename,
        as_attachment=False,
        cache="public, max-age=300",
    )


@require_GET
@cached_public(timeout=SHORT)
def event_list(request: HttpRequest, commune_slug: str) -> HttpResponse:
    commune = _commune(commune_slug)
    events = list(selectors.event_list_upcoming(commune=commune)[:60])
    return render(request, "portal/event_list.html", _ctx(commune, events=events))


@require_GET
@cached_public
def event_detail(request: HttpRequest, commune_slug: str, pk: int) -> HttpResponse:
    """One public event: the page a calendar entry and a shared link point at."""
    commune = _commune(commune_slug)
    event = get_object_or_404(selectors.event_list_feed(commune=commune), pk=pk)
    return render(request, "portal/event_detail.html", _ctx(commune, event=event))


@require_GET
@cached_public(timeout=SHORT)
def event_ics(request: HttpRequest, commune_slug: str) -> HttpResponse:
    commune = _commune(commune_slug)
    body = ics_calendar(
        commune=commune,
        events=list(selectors.event_list_feed(commune=commune)),
        host=request.get_host().split(":")[0],
        url_of=lambda ev: request.build_absolute_uri(
            reverse("portal:event", args=[commune.slug, ev.pk])
        ),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="su-kien-{commune.slug}.ics"'
    return response


@require_GET
@cached_public
def question_list(request: HttpRequest, commune_slug: str) -> HttpResponse:
    commune = _commune(commune_slug)
    questions = selectors.question_list_public(commune=commune)
    return _list_page(request, commune, "portal/question_list.html", "questions", questions)


@require_GET
@cached_public
def question_detail(request: HttpRequest, commune_slug: str, pk: int) -> HttpResponse:
    commune = _commune(commune_slug)
    question = get_object_or_404(selectors.question_list_public(commune=commune), pk=pk)
    return render(request, "portal/question_detail.html", _ctx(commune, question=question))


def _client_key(request: HttpRequest) -> str:
    # X-Forwarded-For only from the configured trusted proxies (core.net, docs/deploy.md).
    return client_address(request)


def _limited(key: str, limit: tuple[int, int]) -> bool:
    return int(cache.get(key, 0)) >= limit[0]


def _count(key: str, limit: tuple[int, int]) -> None:
    """One more accepted question in the window (which starts at the first one)."""
    if not cache.add(key, 1, limit[1]):
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, 1, limit[1])


@require_http_methods(["GET", "POST"])
def question_ask(request: HttpRequest, commune_slug: str) -> HttpResponse:
    commune = _commune(commune_slug)
    if request.method == "POST":
        if len(request.body) > 20_000:
            return HttpResponse(_("Nội dung gửi quá dài."), status=413)
        form = QuestionForm(request.POST)
        if request.POST.get("website"):
            # A robot filled the field people never see: store nothing.
            return HttpResponse(_("Yêu cầu không hợp lệ."), status=400)
        commune_key = f"portal:rl:c:{commune.pk}"
        client_key = f"portal:rl:ip:{commune.pk}:{_client_key(request)}"
        if _limited(commune_key, RATE_PER_COMMUNE) or _limited(client_key, RATE_PER_CLIENT):
            response = render(
                request,
                "portal/question_ask.html",
                _ctx(commune, form=form, limited=True),
                status=429,
            )
            response["Retry-After"] = "600"
            return response
        if form.is_valid():
            data = form.cleaned_data
            question = question_submit(
                commune=commune,
                category=data["category"],
                subject=data["subject"],
                body=data["body"],
                name=data["name"],
                phone=data["phone"],
                email=data["email"],
                has_consent=data["has_consent"],
            )
            _count(commune_key, RATE_PER_COMMUNE)
            _count(client_key, RATE_PER_CLIENT)
            messages.success(
                request,
                _(
                    "Cảm ơn bạn. UBND xã đã nhận câu hỏi và sẽ trả lời trên trang Hỏi – đáp. "
                    "Mã tra cứu câu hỏi của bạn là %(ref)s — hãy ghi lại để xem câu trả lời."
                )
                % {"ref": question.reference},
            )
            return redirect("portal:ask", commune_slug=commune.slug)
        return render(request, "portal/question_ask.html", _ctx(commune, form=form), status=400)
    return render(request, "portal/question_ask.html", _ctx(commune, form=QuestionForm()))


@require_GET
def question_lookup(request: HttpRequest, commune_slug: str) -> HttpResponse:
    """The asker looks a question up by its reference: its status, and the answer once given.
    Never cached (the reference is the asker's secret); lookups are rate-limited like asking."""
    commune = _commune(commune_slug)
    code = request.GET.get("ma", "").strip()[:20]
    question = None
    status = 200
    if code:
        client_key = f"portal:rl:lookup:{commune.pk}:{_client_key(request)}"
        if _limited(client_key, RATE_LOOKUP):
            response = render(
                request,
                "portal/question_lookup.html",
                _ctx(commune, code=code, limited=True),
                status=429,
            )
            response["Retry-After"] = "600"
            return response
        _count(client_key, RATE_LOOKUP)
        question = question_by_reference(commune=commune, reference=code)
        status = 200 if question else 404
    response = render(
        request,
        "portal/question_lookup.html",
        _ctx(commune, code=code, question=question, searched=bool(code)),
        status=status,
    )
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
@cached_public
def contact(request: HttpRequest, commune_slug: str) -> HttpResponse:
    commune = _commune(commune_slug)
    return render(
        request,
        "portal/contact.html",
        _ctx(commune, profile=selectors.profile_get(commune=commune)),
    )


@cached_public
def rss(request: HttpRequest, commune_slug: str) -> HttpResponse:
    return ArticleRssFeed()(request, commune_slug)


@cached_public
def atom(request: HttpRequest, commune_slug: str) -> HttpResponse:
    return ArticleAtomFeed()(request, commune_slug)


def _cors(response: HttpResponse) -> HttpResponse:
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
@cached_public
def export_json(request: HttpRequest, commune_slug: str) -> HttpResponse:
    """Latest articles as a JSON Feed 1.1 (https://jsonfeed.org/version/1.1), for feed readers
    and for a provincial CMS to pull (ADR 0044). Loa Làng's extra fields sit under `_loalang`,
    as the format's extension rule asks."""
    commune = _commune(commune_slug)
    home = request.build_absolute_uri(reverse("portal:home", args=[commune.slug]))
    items = []
    for a in selectors.article_list_public(commune=commune).prefetch_related("themes")[:50]:
        a.commune = commune
        link = request.build_absolute_uri(a.get_absolute_url())
        item: dict[str, object] = {
            "id": link,
            "url": link,
            "title": a.title,
            "summary": a.summary,
            "content_text": a.summary or a.title,
            "tags": [t.short_name for t in a.themes.all()],
            "_loalang": {"article_id": a.pk},
        }
        if a.published_at:
            item["date_published"] = a.published_at.isoformat()
        if a.cover:
            item["image"] = request.build_absolute_uri(a.cover.rendition_url(640))
            item["_loalang"] = {"article_id": a.pk, "image_alt": a.cover.alt_text}
        items.append(item)
    data = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": _("Tin chuyển đổi số — %(c)s") % {"c": commune.full_name},
        "home_page_url": home,
        "feed_url": request.build_absolute_uri(),
        "language": "vi",
        "authors": [{"name": commune.committee_name, "url": home}],
        "_loalang": {"commune": {"name": commune.full_name, "slug": commune.slug}},
        "items": items,
    }
    return _cors(
        JsonResponse(
            data,
            content_type="application/feed+json; charset=utf-8",
            json_dumps_params={"ensure_ascii": False},
        )
    )


@require_GET
@xframe_options_exempt
@cached_public
def banner_frame(request: HttpRequest, commune_slug: str) -> HttpResponse:
    """The banner and latest headlines, made to be shown in another site's iframe."""
    commune = _commune(commune_slug)
    response = render(
        request,
        "portal/banner_frame.html",
        _ctx(commune, articles=list(selectors.article_list_public(commune=commune)[:5])),
    )
    response["Content-Security-Policy"] = EMBED_CSP
    return response


@require_GET
@cached_public
def banner_script(request: HttpRequest, commune_slug: str) -> HttpResponse:
    """`<script src=".../banner.js" async>`: puts the banner iframe where the tag stands."""
    commune = _commune(commune_slug)
    frame = request.build_absolute_uri(reverse("portal:banner_frame", args=[commune.slug]))
    title = json.dumps(f"Chuyển đổi số – {commune.full_name}", ensure_ascii=False)
    body = (
        "(function(){var s=document.currentScript;var f=document.createElement('iframe');"
        f"f.src={json.dumps(frame)};f.title={title};f.loading='lazy';"
        "f.width='100%';f.height='360';f.setAttribute('frameborder','0');"
        "f.style.border='0';f.style.maxWidth='480px';"
        "if(s&&s.parentNode){s.parentNode.insertBefore(f,s.nextSibling);}})();\n"
    )
    return _cors(HttpResponse(body, content_type="application/javascript; charset=utf-8"))


@require_GET
@cached_public
def banner_image(request: HttpRequest, commune_slug: str) -> HttpResponse:
    commune = _commune(commune_slug)
    svg = render(request, "portal/banner.svg", {"pc": commune}, content_type="image/svg+xml")
    return _cors(svg)


@require_GET
@cached_public
def commune_sitemap(request: HttpRequest, commune_slug: str) -> HttpResponse:
    commune = _commune(commune_slug)
    own_host = on_own_host(request, commune.slug)
    return django_sitemap(request, sitemaps=commune_sitemaps(commune, own_host=own_host))


@require_GET
def root_sitemap(request: HttpRequest) -> HttpResponse:
    """/sitemap.xml: an index of every commune's sitemap."""
    urls = [
        request.build_absolute_uri(reverse("portal:sitemap", args=[slug]))
        for slug in Commune.objects.filter(is_active=True)
        .order_by("slug")
        .values_list("slug", flat=True)
    ]
    return render(
        request, "portal/sitemap_index.xml", {"urls": urls}, content_type="application/xml"
    )


@require_GET
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /app/",
        "Disallow: /admin/",
        "Disallow: /tai-khoan/",
        "Disallow: /api/",
        "Allow: /",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
