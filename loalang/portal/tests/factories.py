from __future__ import annotations

from typing import Any

from loalang.portal.models import Article
from loalang.portal.services import article_publish, article_save


def published_article(commune: Any, actor: Any = None, **kw: Any) -> Article:
    kw.setdefault("title", "Chuyển đổi số ở bản Đông")
    kw.setdefault("summary", "Bà con học cách dùng dịch vụ công trực tuyến.")
    kw.setdefault("body", "<p>Nội dung <strong>bài viết</strong>.</p>")
    article = article_save(commune=commune, actor=actor, **kw)
    return article_publish(article=article, actor=actor)


def plan_theme(commune: Any, letter: str = "a", name: str = "Chính quyền số") -> Any:
    from loalang.plans.models import Plan, PlanTheme

    plan = Plan.objects.filter(commune=commune).first()
    if plan is None:
        plan = Plan.objects.create(commune=commune, **_plan_fields())
    return PlanTheme.objects.create(plan=plan, letter=letter, short_name=name, text=name)


def _plan_fields() -> dict[str, Any]:
    import datetime as dt

    from loalang.plans.models import Plan

    fields: dict[str, Any] = {}
    for f in Plan._meta.concrete_fields:
        if f.name in ("id", "commune") or f.has_default() or f.null or f.blank:
            continue
        if f.get_internal_type() in ("CharField", "TextField", "SlugField"):
            fields[f.name] = "Kế hoạch thử"
        elif f.get_internal_type() == "DateField":
            fields[f.name] = dt.date(2023, 1, 1)
        elif "Integer" in f.get_internal_type():
            fields[f.name] = 2023
    return fields
