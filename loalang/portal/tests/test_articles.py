import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from loalang.activities.models import Activity
from loalang.portal.jobs import article_expire_due_job, article_publish_due_job
from loalang.portal.models import Article, ArticleRevision
from loalang.portal.services import (
    article_archive,
    article_publish,
    article_return,
    article_save,
    article_submit,
)
from loalang.portal.tests.factories import plan_theme, published_article


@pytest.mark.django_db
def test_workflow_draft_review_published_archived(commune, culture_user):
    a = article_save(commune=commune, actor=culture_user, title="Tin mới")
    assert a.status == Article.Status.DRAFT
    article_submit(article=a, actor=culture_user)
    assert a.status == Article.Status.REVIEW
    article_publish(article=a, actor=culture_user)
    assert a.status == Article.Status.PUBLISHED and a.published_at
    article_archive(article=a, actor=culture_user)
    assert Article.objects.get(pk=a.pk).status == Article.Status.ARCHIVED
    with pytest.raises(ValidationError):
        article_submit(article=a, actor=culture_user)  # archived → review is not a step
    article_return(article=a, actor=culture_user)
    assert a.status == Article.Status.DRAFT


@pytest.mark.django_db
def test_every_save_keeps_a_revision(commune, culture_user):
    a = article_save(commune=commune, actor=culture_user, title="Bản 1", body="<p>một</p>")
    article_save(commune=commune, actor=culture_user, article=a, title="Bản 2", body="<p>hai</p>")
    revisions = list(ArticleRevision.objects.filter(article=a).order_by("number"))
    assert [r.title for r in revisions] == ["Bản 1", "Bản 2"]
    assert revisions[0].body == "<p>một</p>"


@pytest.mark.django_db
def test_publishing_records_one_portal_activity_with_the_articles_themes(commune, culture_user):
    theme = plan_theme(commune)
    a = published_article(commune, culture_user, themes=[theme])
    article_save(
        commune=commune, actor=culture_user, article=a, title="Sửa tiêu đề", themes=[theme]
    )
    activities = Activity.objects.filter(source_type="portal.article", source_id=str(a.pk))
    assert activities.count() == 1
    activity = activities.get()
    assert activity.kind == Activity.Kind.PORTAL_POST
    assert list(activity.themes.all()) == [theme]
    assert activity.title == "Sửa tiêu đề"


@pytest.mark.django_db
def test_body_is_sanitised_and_title_loses_markup(commune, culture_user):
    a = article_save(
        commune=commune,
        actor=culture_user,
        title="<script>alert(1)</script>Tin <b>hay</b>",
        body='<p onclick="x()">Chào<script>alert(1)</script></p><iframe src="//evil"></iframe>'
        '<a href="javascript:alert(1)">x</a><img src="https://tracker.example/p.gif" alt="">'
        "<style>body{}</style>",
    )
    assert "<" not in a.title and "alert" not in a.title
    assert a.title == "Tin hay"
    for bad in ("script", "onclick", "iframe", "javascript:", "tracker", "style"):
        assert bad not in a.body
    assert a.body.startswith("<p>Chào")


@pytest.mark.django_db
def test_scheduled_article_is_published_by_the_job_when_due(commune, culture_user):
    at = timezone.now() + dt.timedelta(hours=2)
    a = article_save(commune=commune, actor=culture_user, title="Hẹn giờ", publish_at=at)
    article_publish(article=a, actor=culture_user)
    a.refresh_from_db()
    assert a.status == Article.Status.REVIEW  # waiting; the immediate backend ran it early
    with time_machine.travel(at + dt.timedelta(minutes=1)):
        article_publish_due_job.call(a.pk)
    a.refresh_from_db()
    assert a.status == Article.Status.PUBLISHED


@pytest.mark.django_db
def test_expired_article_is_archived_by_the_job(commune, culture_user):
    end = timezone.now() + dt.timedelta(days=1)
    a = published_article(commune, culture_user, expire_at=end)
    article_expire_due_job.call(a.pk)
    a.refresh_from_db()
    assert a.status == Article.Status.PUBLISHED
    with time_machine.travel(end + dt.timedelta(minutes=1)):
        article_expire_due_job.call(a.pk)
    a.refresh_from_db()
    assert a.status == Article.Status.ARCHIVED


@pytest.mark.django_db
def test_expiry_before_publication_is_refused(commune, culture_user):
    now = timezone.now()
    with pytest.raises(ValidationError):
        article_save(
            commune=commune,
            actor=culture_user,
            title="x",
            publish_at=now,
            expire_at=now - dt.timedelta(hours=1),
        )
