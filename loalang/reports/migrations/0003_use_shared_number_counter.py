"""Reports number from the shared document register (documents.NumberCounter).

The counters reports kept on their own are merged into it (the higher number wins) before
the table goes; the reverse copies the BC counters back.
"""

from django.db import migrations


def merge_into_documents(apps, schema_editor):
    Old = apps.get_model("reports", "NumberCounter")
    New = apps.get_model("documents", "NumberCounter")
    for old in Old.objects.all():
        new, _ = New.objects.get_or_create(
            commune_id=old.commune_id, symbol=old.symbol, year=old.year
        )
        if old.last_number > new.last_number:
            new.last_number = old.last_number
            new.save(update_fields=["last_number"])


def copy_back(apps, schema_editor):
    Old = apps.get_model("reports", "NumberCounter")
    New = apps.get_model("documents", "NumberCounter")
    for new in New.objects.filter(symbol__startswith="BC"):
        Old.objects.update_or_create(
            commune_id=new.commune_id,
            symbol=new.symbol,
            year=new.year,
            defaults={"last_number": new.last_number},
        )


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0002_default_indicator_set"),
        ("documents", "0001_number_counter"),
    ]

    operations = [
        migrations.RunPython(merge_into_documents, copy_back),
        migrations.DeleteModel(name="NumberCounter"),
    ]
