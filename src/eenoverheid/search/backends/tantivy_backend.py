"""The embedded engine: tantivy (BM25), with a Dutch stemmer on title and body and a
character 3-gram field so that Dutch compounds match their parts ("jeugdzorgregio"
finds "jeugdzorg"). One index folder beside the database; one writer at a time (the task
worker in production), readers reload after each commit."""

from __future__ import annotations

import html
import threading
from pathlib import Path

import tantivy
from django.conf import settings

from eenoverheid.search.backends.base import Filters, Hit, SearchBackend, words

STEM = "nl_stem"
GRAMS = "nl_grams"
# Bump when the schema or the analyzers change: a new folder starts empty and `serve`
# rebuilds it from the SearchDocument table (tantivy cannot open an index whose schema
# differs).
SCHEMA_VERSION = 2
FALLBACK_BELOW = 10  # documents; fewer stem matches than this asks the 3-gram field too
RAW_FIELDS = ["key", "kind", "organizations", "layers", "organization_kinds", "places", "skills",
              "available", "visibility"]  # fmt: skip


def _analyzers():
    stem = (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.remove_long(40))
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.stopword("dutch"))
        .filter(tantivy.Filter.ascii_fold())
        .filter(tantivy.Filter.stemmer("dutch"))
        .build()
    )
    grams = (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.ngram(3, 3, False))
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.ascii_fold())
        .build()
    )
    return stem, grams


def _schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    for name in RAW_FIELDS:
        builder.add_text_field(name, stored=name in {"key", "kind"}, tokenizer_name="raw")
    builder.add_integer_field("owner", stored=True, indexed=True, fast=True)
    builder.add_text_field("title", stored=True, tokenizer_name=STEM)
    builder.add_text_field("body", stored=False, tokenizer_name=STEM)
    builder.add_text_field("grams", stored=False, tokenizer_name=GRAMS, index_option="freq")
    return builder.build()


class TantivyBackend(SearchBackend):
    name = "tantivy"
    _lock = threading.Lock()

    def __init__(self, path: Path | None = None):
        self.path = Path(path or settings.SEARCH_INDEX_DIR) / f"tantivy-v{SCHEMA_VERSION}"
        self.path.mkdir(parents=True, exist_ok=True)
        self.schema = _schema()
        self.index = tantivy.Index(self.schema, path=str(self.path), reuse=True)
        self.stem, self.grams = _analyzers()
        self.index.register_tokenizer(STEM, self.stem)
        self.index.register_tokenizer(GRAMS, self.grams)

    # -- writing -------------------------------------------------------------------------

    def _writer(self):
        return self.index.writer(heap_size=64_000_000, num_threads=1)

    def _document(self, doc) -> tantivy.Document:
        d = tantivy.Document()
        d.add_text("key", doc.key)
        d.add_text("kind", doc.kind)
        d.add_integer("owner", doc.owner_id)
        d.add_text("title", doc.title)
        d.add_text("body", doc.body)
        d.add_text("grams", f"{doc.title} {doc.body}")
        for name in ["organizations", "layers", "organization_kinds", "places", "skills"]:
            for token in getattr(doc, name).split():
                d.add_text(name, token)
        d.add_text("available", "1" if doc.available else "0")
        d.add_text("visibility", doc.visibility)
        return d

    def upsert(self, documents, *, writer=None) -> None:
        documents = list(documents)
        if not documents:
            return
        with self._lock:
            own = writer is None
            writer = writer or self._writer()
            for doc in documents:
                writer.delete_documents_by_term("key", doc.key)
                writer.add_document(self._document(doc))
            if own:
                writer.commit()
                writer.wait_merging_threads()
        self.index.reload()

    def bulk_writer(self):
        """For rebuilding: one writer, many upserts, one commit."""
        return self.index.writer(heap_size=256_000_000)

    def delete(self, keys) -> None:
        keys = list(keys)
        if not keys:
            return
        with self._lock:
            writer = self._writer()
            for key in keys:
                writer.delete_documents_by_term("key", key)
            writer.commit()
            writer.wait_merging_threads()
        self.index.reload()

    def clear(self) -> None:
        with self._lock:
            writer = self._writer()
            writer.delete_all_documents()
            writer.commit()
            writer.wait_merging_threads()
        self.index.reload()

    # -- reading -------------------------------------------------------------------------

    def _stem_query(self, query: str):
        clauses = []
        for stem in {t for w in words(query) for t in self.stem.analyze(w)}:
            title = tantivy.Query.term_query(self.schema, "title", stem)
            clauses.append((tantivy.Occur.Should, tantivy.Query.boost_query(title, 2.0)))
            clauses.append(
                (tantivy.Occur.Should, tantivy.Query.term_query(self.schema, "body", stem))
            )
        return tantivy.Query.boolean_query(clauses) if clauses else None

    def _gram_query(self, query: str):
        """Dutch compounds: the long words' 3-grams, half of them required, so that
        "jeugdzorgregio" finds "jeugdzorg" without every "org" matching."""
        grams = {g for w in words(query) if len(w) >= 6 for g in self.grams.analyze(w)}
        if not grams:
            return None
        return tantivy.Query.boost_query(
            tantivy.Query.boolean_query(
                [
                    (tantivy.Occur.Should, tantivy.Query.term_query(self.schema, "grams", g))
                    for g in grams
                ],
                minimum_number_should_match=max(2, len(grams) // 2),
            ),
            0.3,
        )

    def _text_query(self, query: str, searcher=None, *, grams: bool = False):
        stems = self._stem_query(query)
        gram_query = self._gram_query(query) if grams else None
        clauses = [(tantivy.Occur.Should, q) for q in (stems, gram_query) if q is not None]
        return tantivy.Query.boolean_query(clauses) if clauses else None

    def _term(self, field, value):
        return tantivy.Query.term_query(self.schema, field, str(value))

    def _filter_query(self, filters: Filters):
        must = []
        if not filters.see_everything:
            visible = [(tantivy.Occur.Should, self._term("visibility", "public"))]
            if filters.viewer_id:
                visible.append((tantivy.Occur.Should, self._term("visibility", "signed_in")))
                visible.append(
                    (
                        tantivy.Occur.Should,
                        tantivy.Query.term_query(self.schema, "owner", filters.viewer_id),
                    )
                )
                for organization in filters.viewer_organizations:
                    visible.append(
                        (
                            tantivy.Occur.Should,
                            tantivy.Query.boolean_query(
                                [
                                    (tantivy.Occur.Must, self._term("visibility", "members")),
                                    (tantivy.Occur.Must, self._term("organizations", organization)),
                                ]
                            ),
                        )
                    )
            must.append(tantivy.Query.boolean_query(visible))
        for field, value in [
            ("organizations", filters.organization),
            ("layers", filters.layer),
            ("organization_kinds", filters.organization_kind),
            ("places", filters.place),
            ("skills", filters.skill),
        ]:
            if value not in (None, ""):
                must.append(self._term(field, value))
        if filters.available is not None:
            must.append(self._term("available", "1" if filters.available else "0"))
        if filters.kinds:
            must.append(
                tantivy.Query.boolean_query(
                    [(tantivy.Occur.Should, self._term("kind", k)) for k in filters.kinds]
                )
            )
        if filters.owners is not None:
            must.append(
                tantivy.Query.boolean_query(
                    [
                        (tantivy.Occur.Should, tantivy.Query.term_query(self.schema, "owner", o))
                        for o in filters.owners
                    ]
                )
            )
        if filters.exclude_owner:
            must.append(
                tantivy.Query.boolean_query(
                    [
                        (tantivy.Occur.Must, tantivy.Query.all_query()),
                        (
                            tantivy.Occur.MustNot,
                            tantivy.Query.term_query(self.schema, "owner", filters.exclude_owner),
                        ),
                    ]
                )
            )
        return must

    def _query(self, query: str, filters: Filters, searcher, *, grams: bool):
        text = self._text_query(query, searcher, grams=grams)
        clauses = [(tantivy.Occur.Must, q) for q in self._filter_query(filters)]
        if text is not None:
            clauses.append((tantivy.Occur.Must, text))
        elif not clauses:
            clauses.append((tantivy.Occur.Must, tantivy.Query.all_query()))
        return text, tantivy.Query.boolean_query(clauses)

    def _needs_grams(self, query: str, found: int) -> bool:
        """Compounds are the fallback: the 3-gram field is only asked when the words
        themselves match almost nothing ("jeugdzorgregio"), because a gram query over a
        large index costs tens of milliseconds where a stem query costs one."""
        return found < FALLBACK_BELOW and any(len(w) >= 6 for w in words(query))

    def search(self, query: str, filters: Filters, limit: int) -> list[Hit]:
        searcher = self.index.searcher()
        text, combined = self._query(query, filters, searcher, grams=False)
        result = searcher.search(combined, limit, count=False)
        if text is not None and self._needs_grams(query, len(result.hits)):
            text, combined = self._query(query, filters, searcher, grams=True)
            result = searcher.search(combined, limit, count=False)
        hits = []
        for score, address in result.hits:
            doc = searcher.doc(address)
            hits.append(
                Hit(
                    key=doc.get_first("key"),
                    kind=doc.get_first("kind"),
                    owner_id=doc.get_first("owner"),
                    score=float(score) if text is not None else 1.0,
                    title=doc.get_first("title") or "",
                    snippet="",
                )
            )
        return hits

    def count_owners(self, query: str, filters: Filters) -> int:
        searcher = self.index.searcher()
        _text, combined = self._query(query, filters, searcher, grams=False)
        count = round(searcher.cardinality(combined, "owner"))
        if self._needs_grams(query, count):
            _text, combined = self._query(query, filters, searcher, grams=True)
            count = round(searcher.cardinality(combined, "owner"))
        return count

    def snippets(self, query: str, documents: list[tuple[str, str]]) -> dict[str, str]:
        text = self._stem_query(query)
        out = {}
        generator = None
        if text is not None:
            generator = tantivy.SnippetGenerator.create(
                self.index.searcher(), text, self.schema, "body"
            )
            generator.set_max_num_chars(180)
        for key, body in documents:
            snippet = ""
            if generator is not None:
                doc = tantivy.Document()
                doc.add_text("body", body)
                snippet = generator.snippet_from_doc(doc).to_html()
            out[key] = snippet or html.escape(body[:180])
        return out

    def document_count(self) -> int:
        return self.index.searcher().num_docs

    def raw_search(self, query: str, limit: int = 10) -> int:
        """The same text query the platform asks (stems, grams as the fallback), alone."""
        searcher = self.index.searcher()
        text = self._text_query(query, searcher)
        if text is None:
            return 0
        hits = searcher.search(text, limit, count=False).hits
        if self._needs_grams(query, len(hits)):
            hits = searcher.search(self._text_query(query, searcher, grams=True), limit).hits
        return len(hits)
