"""Background jobs of the portal: take ids, call a service."""

from __future__ import annotations

from django_tasks import task


@task()
def article_publish_due_job(article_id: int) -> None:
    from loalang.portal.services.articles import article_publish_due

    article_publish_due(article_id=article_id)


@task()
def article_expire_due_job(article_id: int) -> None:
    from loalang.portal.services.articles import article_expire_due

    article_expire_due(article_id=article_id)


@task()
def image_renditions_job(image_id: int) -> None:
    from loalang.portal.services.images import image_make_renditions

    image_make_renditions(image_id=image_id)
