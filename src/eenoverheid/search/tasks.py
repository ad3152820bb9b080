from django_tasks import task


@task()
def sync_index(upsert_keys: list[str], delete_keys: list[str]) -> int:
    """Bring the engine in step with the SearchDocument table for these keys. Runs in the
    task worker, the only writer of the tantivy index in production."""
    from eenoverheid.search.services import sync_engine

    return sync_engine(upsert_keys=upsert_keys, delete_keys=delete_keys)
