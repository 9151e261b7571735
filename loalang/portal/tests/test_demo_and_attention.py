import pytest

from loalang.accounts.access import scope_for
from loalang.portal.attention import attention_items
from loalang.portal.demo import ARTICLES, load_demo
from loalang.portal.models import Article, Question
from loalang.portal.services import article_save, article_submit, question_submit


@pytest.mark.django_db
def test_demo_loader_is_idempotent_and_marks_samples(commune):
    load_demo(commune)
    load_demo(commune)
    articles = Article.objects.filter(commune=commune)
    assert articles.count() == len(ARTICLES)
    assert all(a.is_sample and a.status == Article.Status.PUBLISHED for a in articles)
    assert Question.objects.filter(commune=commune, is_sample=True).count() == 1


@pytest.mark.django_db
def test_attention_lists_new_questions_and_articles_in_review_for_editors(
    commune, culture_user, chair_user
):
    question_submit(commune=commune, category="khac", subject="Hỏi", body="Nội dung hỏi")
    a = article_save(commune=commune, actor=culture_user, title="Chờ duyệt")
    article_submit(article=a, actor=culture_user)
    texts = [i.text for i in attention_items(commune, scope_for(culture_user, commune))]
    assert any("câu hỏi mới" in t for t in texts) and any("chờ duyệt" in t for t in texts)
    assert attention_items(commune, scope_for(chair_user, commune)) == []
