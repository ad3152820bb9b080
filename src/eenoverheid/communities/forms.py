from django import forms
from django.utils.translation import gettext_lazy as _

from eenoverheid.communities.models import CONTENT_VISIBILITY, Block, JoinPolicy, ReactionKind
from eenoverheid.communities.services import PROFILE_FIELDS


class CommunityForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=150)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    join_policy = forms.ChoiceField(
        label=_("Who can join"), choices=JoinPolicy.choices, widget=forms.RadioSelect
    )
    blocks = forms.MultipleChoiceField(
        label=_("Building blocks"),
        choices=Block.choices,
        widget=forms.CheckboxSelectMultiple,
        initial=list(Block.values),
    )
    required_profile_fields = forms.MultipleChoiceField(
        label=_("Profile fields members must fill in"),
        required=False,
        choices=list(PROFILE_FIELDS.items()),
        widget=forms.CheckboxSelectMultiple,
    )


class ThreadForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(
        label=_("Text"),
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Markdown: **bold**, *italic*, lists, links, tables."),
    )
    visibility = forms.ChoiceField(
        label=_("Who can read it"), choices=CONTENT_VISIBILITY, initial="signed_in"
    )


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Your reply"),
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Markdown: **bold**, *italic*, lists, links, tables."),
    )
    quote_of = forms.IntegerField(required=False, widget=forms.HiddenInput)


class ReactionForm(forms.Form):
    kind = forms.ChoiceField(choices=ReactionKind.choices)
    on = forms.BooleanField(required=False)


class InviteForm(forms.Form):
    email = forms.CharField(label=_("E-mail address or name of the civil servant"), max_length=254)


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    description = forms.CharField(
        label=_("Description"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    file = forms.FileField(label=_("File"))
    visibility = forms.ChoiceField(
        label=_("Who can see it"), choices=CONTENT_VISIBILITY, initial="signed_in"
    )


class VersionForm(forms.Form):
    file = forms.FileField(label=_("New version"))
    note = forms.CharField(label=_("What changed"), max_length=300, required=False)


class ArticleForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(
        label=_("Text"),
        max_length=100_000,
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text=_("Markdown; link to another article with [[Its title]]."),
    )
    note = forms.CharField(label=_("What changed"), max_length=300, required=False)
    visibility = forms.ChoiceField(
        label=_("Who can read it"), choices=CONTENT_VISIBILITY, initial="signed_in"
    )
    base_revision = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["visibility"]
        else:
            del self.fields["note"]


class EventForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"),
        max_length=10_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    starts_at = forms.DateTimeField(
        label=_("Starts"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    ends_at = forms.DateTimeField(
        label=_("Ends"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    location = forms.CharField(label=_("Place"), max_length=300, required=False)
    online_url = forms.URLField(
        label=_("Online link"), max_length=500, required=False, assume_scheme="https"
    )
    capacity = forms.IntegerField(
        label=_("Places"),
        min_value=1,
        max_value=100_000,
        required=False,
        help_text=_("Empty: no limit."),
    )
    visibility = forms.ChoiceField(
        label=_("Who can see it"), choices=CONTENT_VISIBILITY, initial="signed_in"
    )
    recurrence = forms.ChoiceField(label=_("Repeats"), required=False)
    occurrences = forms.IntegerField(
        label=_("How many times"), min_value=1, max_value=52, initial=1, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from eenoverheid.communities.models import Recurrence

        self.fields["recurrence"].choices = [("", _("Does not repeat")), *Recurrence.choices]


class ReportForm(forms.Form):
    reason = forms.CharField(
        label=_("What is the problem?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "For example: personal data, discrimination, spam, or not about this profession."
        ),
    )
