"""PostgreSQL full-text search over the SearchDocument table: the `dutch` text-search
configuration (Snowball stemmer) with a GIN index on the document vector, and pg_trgm's
word similarity (GIN trigram index) so that Dutch compounds match their parts. For
deployments with several app servers sharing one PostgreSQL: there is no index folder to
keep in step, the table is the index."""

from __future__ import annotations

import html

from django.db import connection

from eenoverheid.search.backends.base import Filters, Hit, SearchBackend, words

# A stored generated column with a GIN index (migration 0003).
VECTOR = "d.search_vector"
FALLBACK_BELOW = 10  # documents; fewer word matches than this also asks the trigram index
START, STOP = "\x02", "\x03"


def _tsquery_text(query: str) -> str:
    """Words joined by OR, each a plain lexeme: nothing of the user's input reaches the
    tsquery syntax."""
    return " | ".join(dict.fromkeys(w.lower() for w in words(query)))


class PostgresBackend(SearchBackend):
    name = "postgres"

    def _where(self, filters: Filters):
        where, params = [], []
        if not filters.see_everything:
            visible = ["d.visibility = 'public'"]
            if filters.viewer_id:
                visible.append("d.visibility = 'signed_in'")
                visible.append("d.owner_id = %s")
                params.append(filters.viewer_id)
                for organization in filters.viewer_organizations:
                    visible.append("(d.visibility = 'members' AND d.organizations LIKE %s)")
                    params.append(f"% {organization} %")
            where.append("(" + " OR ".join(visible) + ")")
        for column, value in [
            ("organizations", filters.organization),
            ("layers", filters.layer),
            ("organization_kinds", filters.organization_kind),
            ("places", filters.place),
            ("skills", filters.skill),
        ]:
            if value not in (None, ""):
                where.append(f"d.{column} LIKE %s")
                params.append(f"% {value} %")
        if filters.available is not None:
            where.append("d.available = %s")
            params.append(filters.available)
        if filters.kinds and len(filters.kinds) == 1:
            # One kind as an equality, so that a partial index of that kind applies.
            where.append("d.kind = %s")
            params.append(filters.kinds[0])
        elif filters.kinds:
            where.append("d.kind = ANY(%s)")
            params.append(list(filters.kinds))
        if filters.exclude_owner:
            where.append("d.owner_id <> %s")
            params.append(filters.exclude_owner)
        if filters.owners is not None:
            where.append("d.owner_id = ANY(%s)")
            params.append(list(filters.owners))
        return where, params

    def _match(self, query: str, *, compounds: bool):
        """(SQL condition, params, rank expression, params) for the query's words; with
        `compounds`, long words may also match by trigram word similarity."""
        text = _tsquery_text(query)
        match = [f"{VECTOR} @@ to_tsquery('dutch', %s)"]
        match_params = [text]
        rank = f"ts_rank({VECTOR}, to_tsquery('dutch', %s))"
        rank_params = [text]
        for word in [w.lower() for w in words(query) if len(w) >= 6] if compounds else []:
            match.append("%s <%% d.body")
            match_params.append(word)
            rank += " + 0.3 * word_similarity(%s, d.body)"
            rank_params.append(word)
        return "(" + " OR ".join(match) + ")", match_params, rank, rank_params

    def _needs_compounds(self, query: str, found: int) -> bool:
        """Trigram similarity is the fallback for compounds ("jeugdzorgregio"): it
        rechecks every candidate body, so it is asked only when the words themselves
        match almost nothing."""
        return found < FALLBACK_BELOW and any(len(w) >= 6 for w in words(query))

    def search(self, query: str, filters: Filters, limit: int) -> list[Hit]:
        where, params = self._where(filters)
        if not _tsquery_text(query):
            sql = (
                "SELECT d.key, d.kind, d.owner_id, 1.0, d.title FROM search_searchdocument d"
                + (" WHERE " + " AND ".join(where) if where else "")
                + " ORDER BY d.updated_at DESC, d.id LIMIT %s"
            )
            return [self._hit(row) for row in self._fetch(sql, [*params, limit])]
        rows = self._ranked(query, where, params, limit, compounds=False)
        if self._needs_compounds(query, len(rows)):
            rows = self._ranked(query, where, params, limit, compounds=True)
        return [self._hit(row) for row in rows]

    def _ranked(self, query, where, params, limit, *, compounds):
        match, match_params, rank, rank_params = self._match(query, compounds=compounds)
        sql = (
            f"SELECT d.key, d.kind, d.owner_id, {rank} AS score, d.title "
            f"FROM search_searchdocument d WHERE {match}"
            + "".join(" AND " + w for w in where)
            + " ORDER BY score DESC, d.id LIMIT %s"
        )
        return self._fetch(sql, [*rank_params, *match_params, *params, limit])

    def count_owners(self, query: str, filters: Filters) -> int:
        count = self._count(query, filters, compounds=False)
        if _tsquery_text(query) and self._needs_compounds(query, count):
            count = self._count(query, filters, compounds=True)
        return count

    def _count(self, query, filters, *, compounds):
        where, params = self._where(filters)
        if _tsquery_text(query):
            match, match_params, _rank, _rank_params = self._match(query, compounds=compounds)
            where = [match, *where]
            params = [*match_params, *params]
        sql = "SELECT count(DISTINCT d.owner_id) FROM search_searchdocument d" + (
            " WHERE " + " AND ".join(where) if where else ""
        )
        return self._fetch(sql, params)[0][0]

    def snippets(self, query: str, documents: list[tuple[str, str]]) -> dict[str, str]:
        text = _tsquery_text(query)
        keys = [key for key, _body in documents]
        if not text or not keys:
            return {key: html.escape(body[:180]) for key, body in documents}
        rows = self._fetch(
            "SELECT d.key, ts_headline('dutch', d.body, to_tsquery('dutch', %s), "
            f"'StartSel={START}, StopSel={STOP}, MaxWords=30, MinWords=12, MaxFragments=1') "
            "FROM search_searchdocument d WHERE d.key = ANY(%s)",
            [text, keys],
        )
        return {
            key: html.escape(headline or "").replace(START, "<b>").replace(STOP, "</b>")
            for key, headline in rows
        }

    def _fetch(self, sql, params):
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def _hit(self, row) -> Hit:
        key, kind, owner_id, score, title = row
        return Hit(
            key=key, kind=kind, owner_id=owner_id, score=float(score), title=title, snippet=""
        )

    def raw_search(self, query: str, limit: int = 10) -> int:
        text = _tsquery_text(query)
        if not text:
            return 0
        rows = self._fetch(
            f"SELECT d.id FROM search_searchdocument d "
            f"WHERE {VECTOR} @@ to_tsquery('dutch', %s) "
            f"ORDER BY ts_rank({VECTOR}, to_tsquery('dutch', %s)) DESC LIMIT %s",
            [text, text, limit],
        )
        return len(rows)
