"""The Atom feed of a community's new public posts (Django's syndication framework)."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from eenoverheid.communities.markdown import render
from eenoverheid.communities.models import CommunityKind, JoinPolicy, Post
from eenoverheid.core.visibility import Visibility

ITEMS = 50


class CommunityPostsFeed(Feed):
    """What anyone may read: posts in public threads of an open or closed community.
    Feed readers do not sign in, so nothing else is ever in it."""

    feed_type = Atom1Feed

    def get_object(self, request, slug):
        from eenoverheid.communities.models import Community

        community = Community.objects.filter(slug=slug, kind=CommunityKind.COMMUNITY).first()
        if community is None or community.join_policy == JoinPolicy.SECRET:
            raise Http404(_("No community with this address."))
        return community

    def title(self, community):
        return _("%(name)s: new posts") % {"name": community.name}

    def link(self, community):
        return reverse("communities:detail", args=[community.slug])

    def subtitle(self, community):
        return community.description[:300]

    def items(self, community):
        return (
            Post.objects.filter(
                thread__community=community,
                thread__visibility=Visibility.PUBLIC,
                thread__hidden=False,
                hidden=False,
            )
            .select_related("thread", "author")
            .order_by("-id")[:ITEMS]
        )

    def item_title(self, post):
        return post.thread.title

    def item_description(self, post):
        return str(render(post.body))

    def item_link(self, post):
        return (
            reverse("communities:thread", args=[post.thread.community.slug, post.thread_id])
            + f"#post-{post.pk}"
        )

    def item_guid(self, post):
        return f"post-{post.pk}"

    item_guid_is_permalink = False

    def item_author_name(self, post):
        return str(post.author) if post.author_id else None

    def item_pubdate(self, post):
        return post.created_at

    def item_updateddate(self, post):
        return post.edited_at or post.created_at
