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
    email = forms.EmailField(label=_("E-mail address of the civil servant"))


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
