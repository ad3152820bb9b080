import datetime as dt
import uuid

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eenoverheid.people.models import Skill, SkillStatus
from eenoverheid.reviews.models import FeedbackKind

SKILL_FIELDS = 3


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class RequestForm(forms.Form):
    """Ask for a review. The services check every rule again; the form's job is to
    read the page's fields and show the services' errors next to them."""

    title = forms.CharField(label=_("Title"), max_length=200, min_length=3)
    summary = forms.CharField(
        label=_("What it is about"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown to possible reviewers; the document itself stays confidential."),
    )
    document = forms.FileField(
        label=_("Document"),
        required=False,
        help_text=_("PDF, office document, text or image; at most 20 MB."),
    )
    document_url = forms.URLField(
        label=_("Or a link to the document"),
        required=False,
        max_length=500,
        assume_scheme="https",
    )
    feedback_kind = forms.ChoiceField(label=_("Kind of feedback"), choices=FeedbackKind.choices)
    feedback_wanted = forms.CharField(
        label=_("Feedback wanted"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What should the reviewer look at?"),
    )
    deadline = forms.DateField(label=_("Deadline"), widget=DateInput())
    points = forms.IntegerField(
        label=_("Points offered"),
        min_value=0,
        max_value=100_000,
        initial=50,
        help_text=_("Reserved on your organization's account at once; paid when you accept."),
    )
    organization = forms.TypedChoiceField(label=_("Paid by"), coerce=int)
    other_organization_only = forms.BooleanField(
        label=_("The reviewer comes from another organization"), required=False, initial=True
    )
    idempotency_key = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, organizations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].choices = [(o.pk, o.name) for o in organizations]
        self.fields["idempotency_key"].initial = uuid.uuid4().hex
        self.fields["deadline"].initial = timezone.localdate() + dt.timedelta(days=14)
        skills = [("", "—")] + [
            (str(s.pk), s.name)
            for s in Skill.objects.filter(status=SkillStatus.ACTIVE)
            .order_by("name")
            .only("id", "name")
        ]
        for i in range(1, SKILL_FIELDS + 1):
            self.fields[f"skill_{i}"] = forms.TypedChoiceField(
                label=_("Skill needed %(n)d") % {"n": i},
                required=False,
                choices=skills,
                coerce=int,
                empty_value=None,
            )

    def skill_ids(self) -> list[int]:
        return [
            self.cleaned_data[f"skill_{i}"]
            for i in range(1, SKILL_FIELDS + 1)
            if self.cleaned_data.get(f"skill_{i}")
        ]


class SubmissionForm(forms.Form):
    text = forms.CharField(
        label=_("Your review"), max_length=20000, widget=forms.Textarea(attrs={"rows": 12})
    )
    file = forms.FileField(
        label=_("Annotated document (optional)"),
        required=False,
        help_text=_("PDF, office document, text or image; at most 20 MB."),
    )


class RevisionForm(forms.Form):
    note = forms.CharField(
        label=_("What should be revised?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class RatingForm(forms.Form):
    score = forms.TypedChoiceField(
        label=_("Score"),
        choices=[(i, str(i)) for i in range(5, 0, -1)],
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(label=_("Comment (optional)"), max_length=1000, required=False)


class VolunteerForm(forms.Form):
    message = forms.CharField(
        label=_("Why you (optional)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ReaderForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address of the colleague"))
