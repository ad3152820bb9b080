"""On PostgreSQL, a GIN index of the opportunities' text alone: the opportunity search
and "opportunities for me" ask the engine for one kind among half a million people's
evidence, and a partial index keeps that search to the opportunities' own entries
(measured: 125 ms of a 140 ms query was the full index's scan)."""

from django.db import migrations


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS search_document_opportunity_vector "
        "ON search_searchdocument USING gin (search_vector) WHERE kind = 'opportunity'"
    )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS search_document_opportunity_vector")


class Migration(migrations.Migration):
    dependencies = [
        ("marketplace", "0001_initial"),
        ("search", "0003_postgres_stored_vector"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
