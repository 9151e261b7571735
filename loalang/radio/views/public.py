"""Public radio pages: recent bulletins with a player, a podcast feed, approved audio."""

from __future__ import annotations

from email.utils import parseaddr

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import feedgenerator
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_safe

from loalang.places.models import Commune
from loalang.portal.pagecache import cached_public
from loalang.radio.models import Bulletin, BulletinVersion
from loalang.radio.selectors import bulletin_list_public
from loalang.radio.views.bulletins import audio_response


@require_GET
@cached_public(
    timeout=10 * 60
)  # the bulletins' validity starts by date: re-read at least that often
def bulletin_index(request: HttpRequest, commune_slug: str) -> HttpResponse:
    commune = get_object_or_404(Commune, slug=commune_slug, is_active=True)
    return render(
        request,
        "radio/public_index.html",
        {
            "commune": commune,
            "pc": commune,  # portal/base_public.html
            "bulletins": bulletin_list_public(commune=commune, limit=20),
            "public": True,
        },
    )


class PodcastFeed(feedgenerator.Rss201rev2Feed):
    def rss_attributes(self) -> dict[str, str]:
        attrs = super().rss_attributes()
        attrs["xmlns:itunes"] = "http://www.itunes.com/dtds/podcast-1.0.dtd"
        return attrs

    def add_root_elements(self, handler) -> None:
        super().add_root_elements(handler)
        # What podcast apps require of a show: author, image (square, 1400–3000 px), a
        # category from Apple's list, an owner with an e-mail, and the explicit flag.
        handler.addQuickElement("itunes:author", self.feed["author_name"] or "")
        handler.addQuickElement("itunes:summary", self.feed["description"])
        handler.addQuickElement("itunes:image", "", {"href": self.feed["itunes_image"]})
        handler.addQuickElement("itunes:category", "", {"text": "Government"})
        handler.startElement("itunes:owner", {})
        handler.addQuickElement("itunes:name", self.feed["author_name"] or "")
        handler.addQuickElement("itunes:email", self.feed["owner_email"])
        handler.endElement("itunes:owner")
        handler.addQuickElement("itunes:type", "episodic")
        handler.addQuickElement("itunes:explicit", "false")

    def add_item_elements(self, handler, item) -> None:
        super().add_item_elements(handler, item)
        if item.get("duration"):
            handler.addQuickElement("itunes:duration", item["duration"])


@require_GET
@cache_control(max_age=300)
def podcast_feed(request: HttpRequest, commune_slug: str) -> HttpResponse:
    commune = get_object_or_404(Commune, slug=commune_slug, is_active=True)
    page = request.build_absolute_uri(
        reverse("radio_public:index", kwargs={"commune_slug": commune.slug})
    )
    feed = PodcastFeed(
        title=_("Đài truyền thanh %(c)s") % {"c": commune.full_name},
        link=page,
        description=_("Bản tin đã phát trên loa truyền thanh của %(c)s.")
        % {"c": commune.full_name},
        language="vi",
        author_name=commune.committee_name,
        feed_url=request.build_absolute_uri(),
        itunes_image=request.build_absolute_uri(static("img/podcast-cover.png")),
        owner_email=commune.email or parseaddr(settings.DEFAULT_FROM_EMAIL)[1],
    )
    for bulletin in bulletin_list_public(commune=commune, limit=30):
        version = bulletin.public_versions[0]  # type: ignore[attr-defined]  # set by the selector
        url = request.build_absolute_uri(
            reverse(
                "radio_public:audio",
                kwargs={"commune_slug": commune.slug, "pk": version.pk, "fmt": "mp3"},
            )
        )
        seconds = round(version.duration_seconds)
        feed.add_item(
            title=bulletin.title,
            link=f"{page}#ban-tin-{bulletin.pk}",
            unique_id=f"{page}#ban-tin-{bulletin.pk}",
            description=bulletin.script[:2000],
            pubdate=bulletin.approved_at,
            enclosures=[
                feedgenerator.Enclosure(
                    url, str(version.audio_mp3.size if version.audio_mp3 else 0), "audio/mpeg"
                )
            ],
            duration=f"{seconds // 60}:{seconds % 60:02d}",
        )
    return HttpResponse(
        feed.writeString("utf-8"), content_type="application/rss+xml; charset=utf-8"
    )


@require_safe
def audio(request: HttpRequest, commune_slug: str, pk: int, fmt: str) -> HttpResponseBase:
    """Audio of an approved bulletin only; drafts, returned and withdrawn ones are 404."""
    version = get_object_or_404(
        BulletinVersion.objects.select_related("bulletin"),
        pk=pk,
        bulletin__commune__slug=commune_slug,
        bulletin__status=Bulletin.Status.APPROVED,
        status=BulletinVersion.Status.READY,
    )
    if fmt not in ("mp3", "ogg"):
        raise Http404
    return audio_response(request, version, fmt)
