"""The Atom feed of new ideas. Feed readers do not sign in, so only public ideas are in
it (merged ones are left out: their votes and discussion moved on)."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from eenoverheid.core.visibility import Visibility
from eenoverheid.solutions.models import Idea, IdeaStatus

ITEMS = 50


class NewIdeasFeed(Feed):
    feed_type = Atom1Feed

    def title(self):
        return _("Eén Overheid: new ideas")

    def link(self):
        return reverse("solutions:ideas")

    def subtitle(self):
        return _("Ideas for government-wide facilities and initiatives.")

    def items(self):
        return (
            Idea.objects.filter(visibility=Visibility.PUBLIC)
            .exclude(status=IdeaStatus.MERGED)
            .select_related("author")
            .order_by("-created_at", "-id")[:ITEMS]
        )

    def item_title(self, idea):
        return idea.title

    def item_description(self, idea):
        return idea.body

    def item_link(self, idea):
        return reverse("solutions:idea", args=[idea.pk])

    def item_guid(self, idea):
        return f"idea-{idea.pk}"

    item_guid_is_permalink = False

    def item_author_name(self, idea):
        return str(idea.author) if idea.author_id else _("Former member")

    def item_pubdate(self, idea):
        return idea.created_at

    def item_updateddate(self, idea):
        return idea.updated_at
