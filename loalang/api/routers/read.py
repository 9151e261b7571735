"""Read access (scope `read`): plans, activities, articles, bulletins, indicators, reports.

Every list is one commune's (the token's), paginated (`page`, `page_size` ≤ 200), filterable,
and newest first. Records are looked up through the commune, so another commune's id is 404.
"""

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from ninja import Field, FilterSchema, Path, Query, Router, Schema
from ninja.pagination import PageNumberPagination, paginate

from loalang.activities.models import Activity
from loalang.api.base import MAX_ID, ApiRequest, NoNulStr, UtcDatetime, commune_for
from loalang.api.models import Scope
from loalang.plans.models import Plan
from loalang.portal.models import Article
from loalang.radio.models import Bulletin
from loalang.reports.models import Indicator, Report
from loalang.reports.selectors import indicator_set_for

router = Router(tags=["v1"])


class Pages(PageNumberPagination):
    class Input(Schema):
        page: int = Field(1, ge=1, le=100_000)
        page_size: int = Field(50, ge=1, le=200)

    def __init__(self, **kwargs: Any) -> None:
        # Input bounds page_size to 200; ninja's default cap (100) would silently shorten pages.
        super().__init__(page_size=50, max_page_size=200, **kwargs)


# --- Plans -----------------------------------------------------------------------------------
class ThemeOut(Schema):
    id: int
    letter: str
    short_name: str


class PlanOut(Schema):
    id: int
    title: str
    year: int
    status: str
    number: str
    symbol: str
    issued_on: dt.date | None
    signer_authority: str
    signer_deputy: str
    signer_title: str
    signer_name: str
    version: int
    updated_at: dt.datetime


class PlanDetailOut(PlanOut):
    preamble: str
    funding_text: str
    themes: list[ThemeOut]

    @staticmethod
    def resolve_themes(obj: Plan) -> list:
        return list(obj.themes.all())


class PlanFilter(FilterSchema):
    year: int | None = Field(None, ge=1900, le=2200)
    status: Plan.Status | None = None


@router.get("/{commune_slug}/plans", response=list[PlanOut])
@paginate(Pages)
def plan_list(request: ApiRequest, commune_slug: str, filters: Query[PlanFilter]) -> QuerySet:
    commune = commune_for(request, commune_slug, Scope.READ)
    return filters.filter(Plan.objects.filter(commune=commune)).order_by("-year", "-id")


@router.get("/{commune_slug}/plans/{plan_id}", response=PlanDetailOut)
def plan_get(
    request: ApiRequest, commune_slug: str, plan_id: int = Path(..., ge=1, le=MAX_ID)
) -> Plan:
    commune = commune_for(request, commune_slug, Scope.READ)
    return get_object_or_404(Plan.objects.prefetch_related("themes"), pk=plan_id, commune=commune)


# --- Activities ------------------------------------------------------------------------------
class ActivityOut(Schema):
    id: int
    kind: str
    channel: str
    title: str
    description: str
    held_on: dt.date
    ended_on: dt.date | None
    reach: int | None
    minutes: int | None
    status: str
    plan_id: int | None
    village_ids: list[int]
    theme_ids: list[int]
    updated_at: dt.datetime

    @staticmethod
    def resolve_village_ids(obj: Activity) -> list[int]:
        return [v.pk for v in obj.villages.all()]

    @staticmethod
    def resolve_theme_ids(obj: Activity) -> list[int]:
        return [t.pk for t in obj.themes.all()]


class ActivityFilter(FilterSchema):
    kind: Activity.Kind | None = None
    status: Activity.Status | None = None
    plan_id: int | None = Field(None, ge=1, le=MAX_ID)
    held_from: dt.date | None = Field(None, json_schema_extra={"q": "held_on__gte"})
    held_to: dt.date | None = Field(None, json_schema_extra={"q": "held_on__lte"})


def activities_of(commune: Any) -> QuerySet[Activity]:
    return Activity.objects.filter(commune=commune).prefetch_related("villages", "themes")


@router.get("/{commune_slug}/activities", response=list[ActivityOut])
@paginate(Pages)
def activity_list(
    request: ApiRequest, commune_slug: str, filters: Query[ActivityFilter]
) -> QuerySet:
    commune = commune_for(request, commune_slug, Scope.READ)
    return filters.filter(activities_of(commune)).order_by("-held_on", "-id")


@router.get("/{commune_slug}/activities/{activity_id}", response=ActivityOut)
def activity_get(
    request: ApiRequest, commune_slug: str, activity_id: int = Path(..., ge=1, le=MAX_ID)
) -> Activity:
    commune = commune_for(request, commune_slug, Scope.READ)
    return get_object_or_404(activities_of(commune), pk=activity_id)


# --- Articles --------------------------------------------------------------------------------
class ArticleOut(Schema):
    id: int
    title: str
    slug: str
    summary: str
    body: str
    status: str
    published_at: dt.datetime | None
    updated_at: dt.datetime


class ArticleFilter(FilterSchema):
    status: Article.Status | None = None
    published_from: UtcDatetime | None = Field(None, json_schema_extra={"q": "published_at__gte"})
    published_to: UtcDatetime | None = Field(None, json_schema_extra={"q": "published_at__lte"})


@router.get("/{commune_slug}/articles", response=list[ArticleOut])
@paginate(Pages)
def article_list(request: ApiRequest, commune_slug: str, filters: Query[ArticleFilter]) -> QuerySet:
    commune = commune_for(request, commune_slug, Scope.READ)
    return filters.filter(Article.objects.filter(commune=commune)).order_by("-updated_at", "-id")


@router.get("/{commune_slug}/articles/{article_id}", response=ArticleOut)
def article_get(
    request: ApiRequest, commune_slug: str, article_id: int = Path(..., ge=1, le=MAX_ID)
) -> Article:
    commune = commune_for(request, commune_slug, Scope.READ)
    return get_object_or_404(Article, pk=article_id, commune=commune)


# --- Bulletins -------------------------------------------------------------------------------
class BulletinOut(Schema):
    id: int
    title: str
    script: str
    source: str
    priority: int
    status: str
    valid_from: dt.date | None
    valid_until: dt.date | None
    external_ref: str
    updated_at: dt.datetime


class BulletinFilter(FilterSchema):
    status: Bulletin.Status | None = None
    source: Bulletin.Source | None = None
    external_ref: NoNulStr | None = Field(None, max_length=100)


@router.get("/{commune_slug}/bulletins", response=list[BulletinOut])
@paginate(Pages)
def bulletin_list(
    request: ApiRequest, commune_slug: str, filters: Query[BulletinFilter]
) -> QuerySet:
    commune = commune_for(request, commune_slug, Scope.READ)
    return filters.filter(Bulletin.objects.filter(commune=commune)).order_by("-updated_at", "-id")


@router.get("/{commune_slug}/bulletins/{bulletin_id}", response=BulletinOut)
def bulletin_get(
    request: ApiRequest, commune_slug: str, bulletin_id: int = Path(..., ge=1, le=MAX_ID)
) -> Bulletin:
    commune = commune_for(request, commune_slug, Scope.READ)
    return get_object_or_404(Bulletin, pk=bulletin_id, commune=commune)


# --- Indicators and reports ------------------------------------------------------------------
class IndicatorOut(Schema):
    id: int
    code: str
    group: str
    name: str
    unit: str
    rule: str
    is_key: bool
    set_code: str = Field(alias="indicator_set.code")
    set_version: int = Field(alias="indicator_set.version")


@router.get("/{commune_slug}/indicators", response=list[IndicatorOut])
@paginate(Pages)
def indicator_list(request: ApiRequest, commune_slug: str) -> QuerySet:
    """The indicators the commune reports on (its applicable indicator set)."""
    commune = commune_for(request, commune_slug, Scope.READ)
    indicator_set = indicator_set_for(commune)
    if indicator_set is None:
        return Indicator.objects.none()
    return (
        Indicator.objects.filter(indicator_set=indicator_set)
        .select_related("indicator_set")
        .order_by("sort_order", "id")
    )


class ReportOut(Schema):
    id: int
    kind: str
    period: str
    date_from: dt.date
    date_to: dt.date
    title: str
    status: str
    number: int | None
    issued_on: dt.date | None
    signer_authority: str
    signer_deputy: str
    signer_title: str
    signer_name: str
    updated_at: dt.datetime


class ReportFilter(FilterSchema):
    kind: Report.Kind | None = None
    period: Report.Period | None = None
    status: Report.Status | None = None
    date_from: dt.date | None = Field(None, json_schema_extra={"q": "date_to__gte"})
    date_to: dt.date | None = Field(None, json_schema_extra={"q": "date_from__lte"})


@router.get("/{commune_slug}/reports", response=list[ReportOut])
@paginate(Pages)
def report_list(request: ApiRequest, commune_slug: str, filters: Query[ReportFilter]) -> QuerySet:
    commune = commune_for(request, commune_slug, Scope.READ)
    return filters.filter(Report.objects.filter(commune=commune)).order_by("-date_to", "-id")


@router.get("/{commune_slug}/reports/{report_id}", response=ReportOut)
def report_get(
    request: ApiRequest, commune_slug: str, report_id: int = Path(..., ge=1, le=MAX_ID)
) -> Report:
    commune = commune_for(request, commune_slug, Scope.READ)
    return get_object_or_404(Report, pk=report_id, commune=commune)
