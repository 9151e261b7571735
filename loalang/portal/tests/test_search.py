import pytest

from loalang.portal.selectors import article_list_public, article_search
from loalang.portal.tests.factories import published_article


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query", ["chuyen doi so", "CHUYEN DOI", "chuyển đổi số", "dong", "Đông", "dich vu cong"]
)
def test_search_forgives_missing_accents(commune, culture_user, query):
    a = published_article(
        commune, culture_user, title="Chuyển đổi số ở bản Đông", summary="Dịch vụ công trực tuyến"
    )
    assert list(article_search(commune=commune, query=query)) == [a]


@pytest.mark.django_db
def test_search_needs_every_word_and_sees_only_the_communes_published_articles(
    commune, other_commune, culture_user
):
    published_article(commune, culture_user, title="Chuyển đổi số")
    published_article(other_commune, None, title="Chuyển đổi số nơi khác")
    assert article_search(commune=commune, query="chuyen doi so").count() == 1
    assert article_search(commune=commune, query="chuyen doi xe").count() == 0
    assert article_search(commune=commune, query="   ").count() == 0


@pytest.mark.django_db
def test_public_list_query_count(commune, culture_user, django_assert_max_num_queries):
    for i in range(5):
        published_article(commune, culture_user, title=f"Tin {i}")
    with django_assert_max_num_queries(1):
        rows = list(article_list_public(commune=commune)[:20])
        [r.cover for r in rows]
    assert len(rows) == 5


@pytest.mark.django_db
def test_news_by_theme_takes_recent_themes_in_bounded_queries(
    commune, culture_user, django_assert_max_num_queries
):
    from loalang.portal.selectors import theme_articles, theme_list_public
    from loalang.portal.tests.factories import plan_theme

    a, b = plan_theme(commune, "a", "Chính quyền số"), plan_theme(commune, "b", "Kinh tế số")
    for i in range(5):
        published_article(commune, culture_user, title=f"A{i}", themes=[a])
    published_article(commune, culture_user, title="B0", themes=[b])
    with django_assert_max_num_queries(4):
        groups = theme_articles(commune=commune, per_theme=3)
    assert [(t.short_name, [x.title for x in arts]) for t, arts in groups] == [
        ("Kinh tế số", ["B0"]),
        ("Chính quyền số", ["A4", "A3", "A2"]),
    ]
    with django_assert_max_num_queries(1):
        assert theme_list_public(commune=commune) == [a, b]


@pytest.mark.django_db
def test_search_ranks_articles_about_the_words_before_newer_passing_mentions(commune, culture_user):
    about = published_article(
        commune, culture_user, title="Hướng dẫn cài đặt VNeID mức 2", summary="Các bước."
    )
    exact_words = published_article(
        commune, culture_user, title="Họp thôn: VNeID và thanh toán", summary="Tin ngắn."
    )
    passing = published_article(
        commune,
        culture_user,
        title="Tin hoạt động tháng này",
        summary="Trong tháng, tổ công nghệ cũng hướng dẫn cài đặt VNeID cho bà con.",
    )
    # published oldest first: by date alone the passing mention would come first
    found = list(article_search(commune=commune, query="cai dat vneid"))
    assert found == [about, passing]
    one_word = list(article_search(commune=commune, query="vneid"))
    assert one_word[-1] == passing  # the two with VNeID in the title rank above it
    assert set(one_word[:2]) == {about, exact_words}
