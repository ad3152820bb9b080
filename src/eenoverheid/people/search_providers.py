"""The evidence people give about themselves: their profile text and their skills.
Other capabilities register their own kinds (answers, articles, gigs, reviews, courses)
with higher weights: what someone did says more than what they wrote about themselves."""

from __future__ import annotations

from collections import defaultdict

from django.utils.translation import gettext_lazy as _

from eenoverheid.search import registry
from eenoverheid.search.models import SearchDocument

LEVEL_REPEAT = {"interested": 1, "practitioner": 2, "expert": 3}


def owner_attributes(owner_ids) -> dict[int, dict]:
    """The filter attributes of each person, in three queries for any number of them."""
    from eenoverheid.organizations.models import Membership
    from eenoverheid.people.models import Profile

    attributes = {
        o: {"organizations": set(), "layers": set(), "kinds": set(), "places": set()}
        for o in owner_ids
    }
    for user_id, org_id, layer, kind, province_id in Membership.objects.filter(
        user_id__in=owner_ids, organization__is_active=True
    ).values_list(
        "user_id",
        "organization_id",
        "organization__layer",
        "organization__kind",
        "organization__province_id",
    ):
        a = attributes[user_id]
        a["organizations"].add(str(org_id))
        a["layers"].add(layer)
        a["kinds"].add(kind)
        if kind == "municipality":
            a["places"].add(f"m{org_id}")
        if province_id:
            a["places"].add(f"p{province_id}")
    for user_id, municipality_id, province_id in Profile.objects.filter(
        user_id__in=owner_ids, work_municipality__isnull=False
    ).values_list("user_id", "work_municipality_id", "work_municipality__province_id"):
        attributes[user_id]["places"].add(f"m{municipality_id}")
        if province_id:
            attributes[user_id]["places"].add(f"p{province_id}")
    return attributes


def _tokens(values) -> str:
    return f" {' '.join(sorted(values))} " if values else ""


def skill_ancestors() -> dict[int, list[int]]:
    from eenoverheid.people.models import Skill

    parents = dict(Skill.objects.values_list("id", "parent_id"))
    ancestors = {}
    for skill_id in parents:
        chain, current, seen = [], parents.get(skill_id), set()
        while current and current not in seen:
            seen.add(current)
            chain.append(current)
            current = parents.get(current)
        ancestors[skill_id] = chain
    return ancestors


def owner_fields(owner_ids, profiles=None, skills=None) -> dict[int, dict]:
    """The filter fields every evidence document of a person carries (their
    organizations, layers, places, skills with ancestors, availability and profile
    visibility), for the people who have a profile. Other apps' providers use it so that
    their evidence filters like the profile does."""
    from eenoverheid.people.models import Profile, ProfileSkill

    if profiles is None:
        profiles = {p.user_id: p for p in Profile.objects.filter(user_id__in=owner_ids)}
    if not profiles:
        return {}
    if skills is None:
        skills = defaultdict(list)
        for user_id, skill_id in ProfileSkill.objects.filter(
            profile__user_id__in=list(profiles)
        ).values_list("profile__user_id", "skill_id"):
            skills[user_id].append((skill_id,))
    attributes = owner_attributes(list(profiles))
    ancestors = skill_ancestors() if skills else {}
    fields = {}
    for user_id, profile in profiles.items():
        a = attributes[user_id]
        skill_ids = set()
        for skill_id, *_rest in skills[user_id]:
            skill_ids.add(str(skill_id))
            skill_ids.update(str(s) for s in ancestors.get(skill_id, []))
        fields[user_id] = {
            "owner_id": user_id,
            "organizations": _tokens(a["organizations"]),
            "layers": _tokens(a["layers"]),
            "organization_kinds": _tokens(a["kinds"]),
            "places": _tokens(a["places"]),
            "skills": _tokens(skill_ids),
            "available": profile.available,
            "visibility": profile.visibility,
        }
    return fields


def build_documents(owner_ids) -> list[SearchDocument]:
    from eenoverheid.people.models import Profile, ProfileSkill

    profiles = {
        p.user_id: p for p in Profile.objects.filter(user_id__in=owner_ids).select_related("user")
    }
    if not profiles:
        return []
    organization_names = defaultdict(list)
    from eenoverheid.organizations.models import Membership

    for user_id, name in Membership.objects.filter(
        user_id__in=list(profiles), organization__is_active=True
    ).values_list("user_id", "organization__name"):
        organization_names[user_id].append(name)
    skills = defaultdict(list)
    for user_id, skill_id, name, synonyms, level in ProfileSkill.objects.filter(
        profile__user_id__in=list(profiles)
    ).values_list("profile__user_id", "skill_id", "skill__name", "skill__synonyms", "level"):
        skills[user_id].append((skill_id, name, synonyms, level))
    fields = owner_fields(list(profiles), profiles=profiles, skills=skills)
    documents = []
    for user_id, profile in profiles.items():
        common = fields[user_id]
        name = profile.user.name or profile.user.email.split("@")[0]
        documents.append(
            SearchDocument(
                key=f"profile:{user_id}",
                kind="profile",
                title=f"{name} · {profile.job_title}" if profile.job_title else name,
                body="\n".join(
                    part
                    for part in [
                        profile.job_title,
                        profile.bio,
                        profile.keywords,
                        ", ".join(organization_names[user_id]),
                    ]
                    if part
                ),
                **common,
            )
        )
        if skills[user_id]:
            lines = []
            for _skill_id, skill_name, synonyms, level in sorted(
                skills[user_id], key=lambda s: s[1]
            ):
                terms = [skill_name, *[s for s in synonyms.splitlines() if s.strip()][:5]]
                lines.extend([" · ".join(terms)] * LEVEL_REPEAT.get(level, 1))
            documents.append(
                SearchDocument(
                    key=f"skills:{user_id}",
                    kind="skills",
                    title=", ".join(s[1] for s in skills[user_id])[:300],
                    body="\n".join(lines),
                    **common,
                )
            )
    return documents


# One pass builds both kinds of a person's self-description; the "skills" kind is
# registered for its weight and label, its documents come from the profile builder.
registry.register(registry.EvidenceKind("profile", _("Profile"), 1.0, build_documents))
registry.register(
    registry.EvidenceKind("skills", _("Skills"), 1.2, lambda owner_ids: [], passages=False)
)
