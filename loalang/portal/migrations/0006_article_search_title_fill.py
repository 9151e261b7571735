"""Fill Article.search_title (the folded title) for articles saved before it existed."""

from django.db import migrations

from loalang.core.text import fold


def fill(apps, schema_editor):
    Article = apps.get_model("portal", "Article")
    batch = []
    for pk, title in Article.objects.values_list("pk", "title").iterator(chunk_size=2000):
        batch.append(Article(pk=pk, search_title=fold(title)[:300]))
        if len(batch) >= 2000:
            Article.objects.bulk_update(batch, ["search_title"])
            batch = []
    if batch:
        Article.objects.bulk_update(batch, ["search_title"])


class Migration(migrations.Migration):
    dependencies = [("portal", "0005_article_search_title")]
    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
