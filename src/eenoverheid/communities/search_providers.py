"""What people write in communities as evidence of their expertise: answers to
questions (accepted answers weigh most) and contributions to discussions. Only what
anyone signed in may read counts: nothing from a secret community, a workspace or a
members-only thread can make someone findable."""

from __future__ import annotations

import re

from django.db.models import F
from django.utils.translation import gettext_lazy as _

from eenoverheid.communities.models import (
    ArticleRevision,
    CommunityKind,
    JoinPolicy,
    Post,
    ThreadKind,
)
from eenoverheid.core.visibility import Visibility
from eenoverheid.search import registry
from eenoverheid.search.models import SearchDocument

STRICTNESS = {Visibility.PUBLIC: 0, Visibility.SIGNED_IN: 1, Visibility.MEMBERS: 2}
MARKUP = re.compile(r"[*_`>#\[\]()|~-]+")
MAX_PER_PERSON = 200


def evidence_posts(owner_ids):
    """Posts that count as evidence, newest first."""
    return (
        Post.objects.filter(
            author_id__in=owner_ids,
            hidden=False,
            thread__hidden=False,
            thread__visibility__in=[Visibility.PUBLIC, Visibility.SIGNED_IN],
            thread__community__kind=CommunityKind.COMMUNITY,
        )
        .exclude(thread__community__join_policy=JoinPolicy.SECRET)
        # The opening post of a question is a question, not evidence of knowing.
        .exclude(thread__kind=ThreadKind.QUESTION, thread__author_id=F("author_id"))
        .select_related("thread")
        .order_by("-id")
    )


def build_documents(owner_ids) -> list[SearchDocument]:
    from eenoverheid.people.search_providers import owner_fields

    fields = owner_fields(list(owner_ids))
    documents, per_person = [], {}
    for post in evidence_posts(list(fields)):
        count = per_person.get(post.author_id, 0)
        if count >= MAX_PER_PERSON:
            continue
        per_person[post.author_id] = count + 1
        thread = post.thread
        if thread.kind == ThreadKind.QUESTION:
            kind = "accepted_answer" if thread.accepted_post_id == post.pk else "answer"
        else:
            kind = "contribution"
        common = dict(fields[post.author_id])
        # The stricter of the person's profile and the thread decides who sees it.
        if STRICTNESS.get(thread.visibility, 2) > STRICTNESS.get(common["visibility"], 2):
            common["visibility"] = thread.visibility
        documents.append(
            SearchDocument(
                key=f"post:{post.pk}",
                kind=kind,
                title=thread.title[:300],
                body=f"{thread.title}\n{MARKUP.sub(' ', post.body)}",
                **common,
            )
        )
    # Knowledge articles: everyone who wrote a revision of a readable article.
    written = (
        ArticleRevision.objects.filter(
            author_id__in=list(fields),
            article__hidden=False,
            article__visibility__in=[Visibility.PUBLIC, Visibility.SIGNED_IN],
            article__community__kind=CommunityKind.COMMUNITY,
        )
        .exclude(article__community__join_policy=JoinPolicy.SECRET)
        .values_list("author_id", "article_id")
        .distinct()
    )
    pairs = sorted(set(written))
    if pairs:
        from eenoverheid.communities.models import Article

        articles = {
            a.pk: a
            for a in Article.objects.filter(pk__in={a for _u, a in pairs}).select_related("current")
        }
        for user_id, article_id in pairs:
            article = articles[article_id]
            if article.current is None:
                continue
            common = dict(fields[user_id])
            if STRICTNESS.get(article.visibility, 2) > STRICTNESS.get(common["visibility"], 2):
                common["visibility"] = article.visibility
            documents.append(
                SearchDocument(
                    key=f"article:{article_id}:{user_id}",
                    kind="article",
                    title=article.title[:300],
                    body=f"{article.title}\n{MARKUP.sub(' ', article.current.body)[:20000]}",
                    **common,
                )
            )
    return documents


registry.register(
    registry.EvidenceKind("article", _("Knowledge article"), 2.0, lambda owner_ids: [])
)
registry.register(
    registry.EvidenceKind("accepted_answer", _("Accepted answer"), 3.0, build_documents)
)
registry.register(registry.EvidenceKind("answer", _("Answer"), 1.6, lambda owner_ids: []))
registry.register(
    registry.EvidenceKind(
        "contribution", _("Contribution to a discussion"), 1.3, lambda owner_ids: []
    )
)
