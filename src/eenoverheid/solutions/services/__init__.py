"""The public contract of `solutions` for views, the API and other apps: every write of
shared solutions, joint initiatives and ideas. Split by subject; everything is here."""

from __future__ import annotations

from django.db.models import F

from eenoverheid.solutions.services.ideas import (
    IdeaInput,
    comment_add,
    comment_delete,
    idea_create,
    idea_update,
    is_moderator,
    merge,
    status_set,
    to_initiative,
    vote_set,
)
from eenoverheid.solutions.services.initiatives import (
    InitiativeActions,
    InitiativeInput,
    Progress,
    actions_for,
    commitment_make,
    commitment_withdraw,
    initiative_create,
    initiative_update,
    is_lead,
    phase_set,
    progress_of,
)
from eenoverheid.solutions.services.solutions import (
    SolutionInput,
    adoption_actions,
    adoption_end,
    adoption_set,
    is_member,
    may_change,
    may_end_adoption,
    publiccode_check,
    solution_create,
    solution_delete,
    solution_import,
    solution_update,
)

__all__ = [
    "IdeaInput",
    "InitiativeActions",
    "InitiativeInput",
    "Progress",
    "SolutionInput",
    "actions_for",
    "adoption_actions",
    "adoption_end",
    "adoption_set",
    "comment_add",
    "comment_delete",
    "commitment_make",
    "commitment_withdraw",
    "export_for",
    "idea_create",
    "idea_update",
    "initiative_create",
    "initiative_update",
    "is_lead",
    "is_member",
    "is_moderator",
    "may_change",
    "may_end_adoption",
    "merge",
    "person_forget",
    "phase_set",
    "progress_of",
    "publiccode_check",
    "solution_create",
    "solution_delete",
    "solution_import",
    "solution_update",
    "status_set",
    "to_initiative",
    "vote_set",
]


def person_forget(user) -> None:
    """Before a person's account is deleted: their support leaves the counts (the votes
    themselves go with the account), and a solution's contact address that was theirs is
    cleared. Ideas and comments stay, by "former member"; solutions, adoptions and
    commitments stay with their organizations."""
    from eenoverheid.solutions.models import Idea, Solution, Vote

    voted = list(Vote.objects.filter(user=user).values_list("idea_id", flat=True))
    Idea.objects.filter(pk__in=voted, vote_count__gt=0).update(vote_count=F("vote_count") - 1)
    if user.email:
        Solution.objects.filter(contact_email__iexact=user.email).update(
            contact_email="", contact_name=""
        )
    Solution.objects.filter(contact=user).update(contact_name="")


def export_for(user) -> dict:
    """What a person wrote or did here, for their own data export."""
    from eenoverheid.solutions.models import Adoption, IdeaComment, JointInitiative, Solution, Vote

    return {
        "ideas": [
            {
                "title": i.title,
                "body": i.body,
                "status": i.status,
                "posted": i.created_at.isoformat(),
            }
            for i in user.ideas.all()
        ],
        "idea_comments": [
            {"idea": c.idea.title, "body": c.body, "at": c.created_at.isoformat()}
            for c in IdeaComment.objects.filter(author=user).select_related("idea")
        ],
        "ideas_supported": list(
            Vote.objects.filter(user=user).values_list("idea__title", flat=True)
        ),
        "solutions_registered": list(
            Solution.objects.filter(created_by=user).values_list("name", flat=True)
        ),
        "solution_contact_for": list(
            Solution.objects.filter(contact=user).values_list("name", flat=True)
        ),
        "adoptions_declared": [
            {"solution": a.solution.name, "organization": a.organization.name}
            for a in Adoption.objects.filter(created_by=user).select_related(
                "solution", "organization"
            )
        ],
        "initiatives_proposed": list(
            JointInitiative.objects.filter(proposed_by=user).values_list("title", flat=True)
        ),
    }
