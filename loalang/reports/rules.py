"""The rule registry: how an indicator's number is computed from the data (ADR 0070).

A rule is data about one SQL aggregate: which source table, COUNT or SUM of which column, and
which filter its parameters add. `reports.compute` folds every indicator of a set into one
query per source with conditional aggregation (`SUM(x) FILTER (WHERE …)`), grouped by commune,
village or theme, so a year's report is a handful of queries whatever the number of rows.

Only verified activities count. Sources whose app is not installed yet give "no data".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q


class RuleError(ValueError):
    pass


@dataclass(frozen=True)
class Source:
    """A table the rules aggregate over.

    `activity_path` leads from a row to its Activity ("" for Activity itself); sources tied to
    activities take their commune, date, status, villages and themes from it. Other sources
    (portal questions) give their own commune and date paths.
    """

    key: str
    model: str
    activity_path: str | None = ""
    commune_path: str = ""
    date_path: str = ""
    village_path: str = ""
    theme_path: str = ""
    # Non-activity sources: a commune that has no row received up to the end of the period
    # does not use that feature, so its numbers are "no data", not 0.
    received_path: str = ""
    # Another app's table that may be absent or mid-change: queried inside a savepoint.
    is_optional: bool = False
    # The data can always answer: when the table is there, a commune without rows has a true
    # 0 (every commune's portal takes citizens' questions; none answered is 0, not "no data").
    known_when_installed: bool = False
    # Monthly facts (ADR 0075): the columns a fact row is keyed by (at most three, lookups
    # from this model; what rule filters test) and the columns it sums (at most six). Empty:
    # the source is always computed from the live rows.
    fact_keys: tuple[str, ...] = ()
    fact_values: tuple[str, ...] = ()

    @property
    def is_activity_based(self) -> bool:
        return self.activity_path is not None

    def path(self, name: str) -> str:
        if self.is_activity_based:
            return f"{self.activity_path}{name}"
        return name

    @property
    def commune_field(self) -> str:
        return self.commune_path or self.path("commune_id")

    @property
    def date_field(self) -> str:
        return self.date_path or self.path("held_on")

    @property
    def village_field(self) -> str:
        return self.village_path or (self.path("villages") if self.is_activity_based else "")

    @property
    def theme_field(self) -> str:
        return self.theme_path or (self.path("themes") if self.is_activity_based else "")

    def group_field(self, group_by: str) -> str:
        """The lookup rows are grouped by for a breakdown ("" = this source has none)."""
        if group_by == "village":
            return self.village_field
        if group_by == "theme":
            return self.theme_field
        return self.commune_field


ACTIVITY = Source(
    "activity",
    "activities.Activity",
    fact_keys=("kind", "channel", "funding_source_id"),
    fact_values=("reach", "minutes", "cost_vnd"),
)
# One source per typed detail table (ADR 0070): its query reads only that table's rows and
# their activities, so a roll-up over a million activities never joins every detail table
# to every activity.
_A = "activity__"
PRINTED = Source(
    "printed",
    "activities.PrintedMaterial",
    activity_path=_A,
    fact_keys=("material_kind",),
    fact_values=("copies_printed",),
)
VISUAL = Source(
    "visual",
    "activities.VisualItem",
    activity_path=_A,
    fact_keys=("item_kind",),
    fact_values=("quantity",),
)
BULLETIN = Source("bulletin", "activities.BulletinIssue", activity_path=_A, fact_values=("copies",))
SOCIAL = Source("social", "activities.SocialPost", activity_path=_A, fact_keys=("platform",))
TEAM_GUIDANCE = Source(
    "team_guidance",
    "activities.TeamGuidance",
    activity_path=_A,
    fact_values=("households", "people"),
)
PROPAGANDIST = Source(
    "propagandist",
    "activities.PropagandistSession",
    activity_path=_A,
    fact_values=("sessions",),
)
SMS = Source("sms", "activities.SmsCampaign", activity_path=_A, fact_values=("messages_sent",))
EVENT = Source(
    "event",
    "events.Event",
    activity_path=_A,
    fact_keys=("event_kind",),
    fact_values=(
        "participants",
        "officials",
        "team_members",
        "residents",
        "women",
        "ethnic_minorities",
    ),
)
GUIDANCE = Source(
    "guidance",
    "activities.GuidanceCount",
    activity_path="guidance__activity__",
    fact_keys=("platform",),
    fact_values=("households", "people"),
)
DISTRIBUTION = Source(
    "distribution",
    "activities.PrintedDistribution",
    activity_path="printed__activity__",
    village_path="village",
    fact_values=("copies",),
)
QUESTION = Source(
    "question",
    "portal.Question",
    activity_path=None,
    commune_path="commune_id",
    date_path="answered_at__date",
    received_path="created_at__date",
    is_optional=True,
    known_when_installed=True,
)
# Money booked by Finance against verified activities (budget ADR 0031). Not activity-based
# for presence: a commune that books nothing in the budget module has "no data", not 0 đồng.
SPENDING = Source(
    "spending",
    "budget.Spending",
    activity_path=None,
    commune_path="activity__commune_id",
    date_path="spent_on",
    village_path="activity__villages",
    theme_path="activity__themes",
    received_path="spent_on",
    is_optional=True,
)
SOURCES = {
    s.key: s
    for s in (
        ACTIVITY,
        PRINTED,
        VISUAL,
        BULLETIN,
        SOCIAL,
        TEAM_GUIDANCE,
        PROPAGANDIST,
        SMS,
        EVENT,
        GUIDANCE,
        DISTRIBUTION,
        QUESTION,
        SPENDING,
    )
}


@dataclass(frozen=True)
class Param:
    name: str
    label: str
    choices: Callable[[], list[str]] | None = None
    required: bool = False


@dataclass(frozen=True)
class Rule:
    code: str
    label: str
    source: Source
    agg: str  # "count" | "sum"
    column: str = "pk"
    params: tuple[Param, ...] = ()
    # Builds the extra filter from the indicator's parameters.
    where: Callable[[dict[str, Any]], Q] = field(default=lambda p: Q())
    # A nullable column: rows with NULL are "not known", so all-NULL sums are "no data".
    nullable: bool = False

    def filter_for(self, params: dict[str, Any]) -> Q:
        return self.where(params)


def _choices(model_label: str, attr: str) -> Callable[[], list[str]]:
    def get() -> list[str]:
        from django.apps import apps

        model = apps.get_model(model_label)
        for part in attr.split("."):
            model = getattr(model, part)
        return [str(v) for v in model.values]

    return get


def _kinds() -> list[str]:
    return _choices("activities.Activity", "Kind")()


def _channels() -> list[str]:
    from loalang.core.channels import Channel

    return [str(v) for v in Channel.values]


def _opt(params: dict[str, Any], key: str, lookup: str) -> Q:
    value = params.get(key)
    return Q(**{lookup: value}) if value else Q()


KIND = Param("kind", "hình thức hoạt động", _kinds)
CHANNEL = Param("channel", "kênh", _channels)
_GROUPS = ["officials", "team_members", "residents", "women", "ethnic_minorities"]


def _participants_column(params: dict[str, Any]) -> str:
    group = params.get("group")
    return group or "participants"


RULES: dict[str, Rule] = {}


def _register(rule: Rule) -> None:
    RULES[rule.code] = rule


_register(
    Rule(
        "count_activities",
        "Đếm số hoạt động (theo hình thức, kênh)",
        ACTIVITY,
        "count",
        params=(KIND, CHANNEL),
        where=lambda p: _opt(p, "kind", "kind") & _opt(p, "channel", "channel"),
    )
)
_register(
    Rule(
        "sum_reach",
        "Tổng số lượt người được tiếp cận",
        ACTIVITY,
        "sum",
        "reach",
        params=(KIND, CHANNEL),
        where=lambda p: _opt(p, "kind", "kind") & _opt(p, "channel", "channel"),
        nullable=True,
    )
)
_register(
    Rule(
        "sum_minutes",
        "Tổng số phút phát thanh",
        ACTIVITY,
        "sum",
        "minutes",
        params=(KIND,),
        where=lambda p: Q(kind=p.get("kind") or "radio_broadcast"),
        nullable=True,
    )
)
_register(
    Rule(
        "articles_published",
        "Số tin, bài đăng trên trang thông tin điện tử",
        ACTIVITY,
        "count",
        where=lambda p: Q(kind="portal_post"),
    )
)
_register(
    Rule(
        "social_posts",
        "Số bài đăng mạng xã hội (theo nền tảng)",
        SOCIAL,
        "count",
        params=(Param("platform", "nền tảng", _choices("activities.SocialPost", "Platform")),),
        where=lambda p: _opt(p, "platform", "platform"),
    )
)
_register(
    Rule(
        "visual_items",
        "Số băng rôn, khẩu hiệu, pa nô, bảng tin",
        VISUAL,
        "sum",
        "quantity",
        params=(Param("item_kind", "loại", _choices("activities.VisualItem", "ItemKind")),),
        where=lambda p: _opt(p, "item_kind", "item_kind"),
    )
)
_register(
    Rule(
        "bulletin_copies",
        "Số bản tin thông tin cơ sở phát hành",
        BULLETIN,
        "sum",
        "copies",
    )
)
_register(
    Rule(
        "copies_printed",
        "Số bản tài liệu, tờ rơi in",
        PRINTED,
        "sum",
        "copies_printed",
        params=(
            Param(
                "material_kind",
                "loại ấn phẩm",
                _choices("activities.PrintedMaterial", "MaterialKind"),
            ),
        ),
        where=lambda p: _opt(p, "material_kind", "material_kind"),
    )
)
_register(
    Rule(
        "copies_distributed",
        "Số bản tài liệu, tờ rơi đã phát đến thôn",
        DISTRIBUTION,
        "sum",
        "copies",
    )
)
_register(
    Rule(
        "households_guided",
        "Số hộ được Tổ công nghệ số hướng dẫn",
        TEAM_GUIDANCE,
        "sum",
        "households",
    )
)
_register(
    Rule(
        "people_guided",
        "Số người được Tổ công nghệ số hướng dẫn",
        TEAM_GUIDANCE,
        "sum",
        "people",
    )
)
_PLATFORM = Param(
    "platform", "nền tảng", _choices("activities.GuidanceCount", "Platform"), required=True
)
_register(
    Rule(
        "households_by_platform",
        "Số hộ được hướng dẫn theo nền tảng",
        GUIDANCE,
        "sum",
        "households",
        params=(_PLATFORM,),
        where=lambda p: Q(platform=p.get("platform")),
    )
)
_register(
    Rule(
        "people_by_platform",
        "Số người được hướng dẫn theo nền tảng",
        GUIDANCE,
        "sum",
        "people",
        params=(_PLATFORM,),
        where=lambda p: Q(platform=p.get("platform")),
    )
)
_register(
    Rule(
        "events_held",
        "Số hội nghị, tập huấn, sinh hoạt cộng đồng",
        EVENT,
        "count",
        params=(Param("event_kind", "loại sự kiện", _choices("events.Event", "EventKind")),),
        where=lambda p: _opt(p, "event_kind", "event_kind"),
    )
)
# The summed column depends on the "group" parameter (see column_for).
_register(
    Rule(
        "participants",
        "Số người tham dự hội nghị, tập huấn (theo thành phần)",
        EVENT,
        "sum",
        "participants",
        params=(
            Param("group", "thành phần", lambda: list(_GROUPS)),
            Param("event_kind", "loại sự kiện", _choices("events.Event", "EventKind")),
        ),
        where=lambda p: _opt(p, "event_kind", "event_kind"),
    )
)
_register(
    Rule(
        "propagandist_sessions",
        "Số buổi tuyên truyền trực tiếp",
        PROPAGANDIST,
        "sum",
        "sessions",
    )
)
_register(
    Rule(
        "sms_sent",
        "Số tin nhắn SMS đã gửi",
        SMS,
        "sum",
        "messages_sent",
    )
)
_register(
    Rule(
        "feedback_answered",
        "Số câu hỏi, phản ánh của người dân đã được trả lời",
        QUESTION,
        "count",
        where=lambda p: Q(answered_at__isnull=False),
    )
)
_SOURCE_KIND = Param("source_kind", "loại nguồn", _choices("budget.FundingSource", "Kind"))
_register(
    Rule(
        "budget_spent",
        "Kinh phí đã chi theo sổ chi (theo loại nguồn)",
        SPENDING,
        "sum",
        "amount_vnd",
        params=(_SOURCE_KIND,),
        where=lambda p: (
            Q(activity__status="verified") & _opt(p, "source_kind", "line__funding_source__kind")
        ),
    )
)
_register(
    Rule(
        "activity_cost",
        "Kinh phí ghi trên hoạt động (theo loại nguồn)",
        ACTIVITY,
        "sum",
        "cost_vnd",
        params=(_SOURCE_KIND,),
        where=lambda p: _opt(p, "source_kind", "funding_source__kind"),
    )
)


def column_for(rule: Rule, params: dict[str, Any]) -> str:
    if rule.code == "participants":
        return _participants_column(params)
    return rule.column


def validate_rule(code: str, params: dict[str, Any]) -> Rule:
    """The rule, or RuleError with a message a system admin can act on."""
    rule = RULES.get(code)
    if rule is None:
        raise RuleError(f"Không có quy tắc tính '{code}'.")
    if not isinstance(params, dict):
        raise RuleError('Tham số phải là một đối tượng JSON, ví dụ {"kind": "event"}.')
    known = {p.name: p for p in rule.params}
    for name, value in params.items():
        param = known.get(name)
        if param is None:
            allowed = ", ".join(known) or "không có"
            raise RuleError(f"Quy tắc '{code}' không có tham số '{name}' (có: {allowed}).")
        if param.choices is not None and value not in param.choices():
            raise RuleError(
                f"Giá trị '{value}' không hợp lệ cho '{name}' ({', '.join(param.choices())})."
            )
    for param in rule.params:
        if param.required and not params.get(param.name):
            raise RuleError(f"Quy tắc '{code}' cần tham số '{param.name}'.")
    return rule
