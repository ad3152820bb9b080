"""What the marketplace puts in the search index.

- `opportunity`: open opportunities, searched for themselves (free text in the
  marketplace and the text part of "opportunities for me"), not as evidence of what
  their publisher knows. Their filter fields are the opportunity's: its organization,
  layer and kind, its place (municipality and province), the skills it asks for with
  their broader skills, and its own visibility.
- `gig`: a gig someone completed is evidence of their expertise (what people did says
  more than what they wrote about themselves), with the skills the publisher endorsed.
"""

from __future__ import annotations

from collections import defaultdict

from django.utils.translation import gettext_lazy as _

from eenoverheid.search import registry
from eenoverheid.search.models import SearchDocument

OPPORTUNITY = "opportunity"


def _tokens(values) -> str:
    return f" {' '.join(sorted(str(v) for v in values))} " if values else ""


def opportunity_documents(owner_ids) -> list[SearchDocument]:
    from eenoverheid.marketplace.models import Opportunity, Status

    return documents_for(
        Opportunity.objects.filter(created_by_id__in=owner_ids, status=Status.OPEN)
    )


def documents_for(queryset) -> list[SearchDocument]:
    """The documents of these opportunities, in three queries."""
    from eenoverheid.marketplace.models import OpportunitySkill
    from eenoverheid.people.search_providers import skill_ancestors

    opportunities = list(queryset.select_related("organization", "municipality"))
    if not opportunities:
        return []
    skills = defaultdict(list)
    for opportunity_id, skill_id, name in OpportunitySkill.objects.filter(
        opportunity__in=opportunities
    ).values_list("opportunity_id", "skill_id", "skill__name"):
        skills[opportunity_id].append((skill_id, name))
    ancestors = skill_ancestors()
    documents = []
    for o in opportunities:
        places = set()
        place = o.municipality or (
            o.organization if o.organization.kind == "municipality" else None
        )
        if place is not None:
            places.add(f"m{place.pk}")
        province_id = (place.province_id if place else None) or o.organization.province_id
        if province_id:
            places.add(f"p{province_id}")
        skill_ids = set()
        for skill_id, _name in skills[o.pk]:
            skill_ids.add(skill_id)
            skill_ids.update(ancestors.get(skill_id, []))
        documents.append(
            SearchDocument(
                key=f"{OPPORTUNITY}:{o.pk}",
                kind=OPPORTUNITY,
                owner_id=o.created_by_id,
                title=o.title[:300],
                body="\n".join(
                    [o.description, ", ".join(name for _id, name in skills[o.pk]), o.location]
                ),
                organizations=_tokens([o.organization_id]),
                layers=_tokens([o.organization.layer]),
                organization_kinds=_tokens([o.organization.kind]),
                places=_tokens(places),
                skills=_tokens(skill_ids),
                available=True,
                visibility=o.visibility,
            )
        )
    return documents


def gig_documents(owner_ids) -> list[SearchDocument]:
    from eenoverheid.marketplace.models import Application, ApplicationStatus, Endorsement
    from eenoverheid.people.search_providers import owner_fields

    done = list(
        Application.objects.filter(
            applicant_id__in=owner_ids, status=ApplicationStatus.COMPLETED
        ).select_related("opportunity", "opportunity__organization")
    )
    if not done:
        return []
    fields = owner_fields(list({a.applicant_id for a in done}))
    endorsed = defaultdict(list)
    for application_id, name in Endorsement.objects.filter(application__in=done).values_list(
        "application_id", "skill__name"
    ):
        endorsed[application_id].append(name)
    return [
        SearchDocument(
            key=f"gig:{a.pk}",
            kind="gig",
            title=f"{a.opportunity.title} · {a.opportunity.organization.name}"[:300],
            body="\n".join([a.opportunity.description, ", ".join(endorsed[a.pk])]),
            **fields[a.applicant_id],
        )
        for a in done
        if a.applicant_id in fields
    ]


registry.register(
    registry.EvidenceKind(
        OPPORTUNITY, _("Opportunity"), 0.0, opportunity_documents, passages=False, evidence=False
    )
)
registry.register(registry.EvidenceKind("gig", _("Completed gig"), 1.5, gig_documents))
