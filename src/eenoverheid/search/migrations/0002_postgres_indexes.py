"""On PostgreSQL: the full-text GIN index and the trigram index the PostgreSQL search
backend uses. Nothing on SQLite (the tantivy backend keeps its own index)."""

from django.db import migrations

VECTOR = "to_tsvector('dutch', coalesce(title, '') || ' ' || coalesce(body, ''))"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS search_document_fts ON search_searchdocument USING gin (({VECTOR}))"
    )
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS search_document_trgm ON search_searchdocument "
        "USING gin (body gin_trgm_ops)"
    )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS search_document_fts")
    schema_editor.execute("DROP INDEX IF EXISTS search_document_trgm")


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
