"""Reads about people: the expertise finder, one person, skills."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q

from eenoverheid.core.errors import InvalidInput, InvalidParam, NotFound
from eenoverheid.core.visibility import is_platform_admin
from eenoverheid.organizations import selectors as org_selectors
from eenoverheid.organizations.models import Membership, Organization
from eenoverheid.people.models import Profile, ProfileSkill, Skill, SkillStatus
from eenoverheid.search import registry
from eenoverheid.search.backends.base import Filters, words
from eenoverheid.search.selectors import find_experts

SUFFIXES = re.compile(r"(ingen|ing|en|e|s)$")


@dataclass
class PersonFilters:
    q: str = ""
    skill: Skill | None = None
    organization: Organization | None = None
    organization_kind: str | None = None
    layer: str | None = None
    province: Organization | None = None
    municipality: Organization | None = None
    available: bool | None = None


@dataclass
class PersonResult:
    profile: Profile
    score: float
    evidence: list = field(default_factory=list)  # [(label, snippet)]
    matched_skills: list = field(default_factory=list)  # [ProfileSkill]


@dataclass
class PeoplePage:
    results: list[PersonResult]
    count: int


def viewer_filters(viewer) -> Filters:
    signed_in = bool(viewer and viewer.is_authenticated and viewer.is_active)
    return Filters(
        viewer_id=viewer.pk if signed_in else None,
        viewer_organizations=(
            list(Membership.objects.filter(user=viewer).values_list("organization_id", flat=True))
            if signed_in
            else []
        ),
        see_everything=is_platform_admin(viewer),
    )


def _engine_filters(viewer, f: PersonFilters) -> Filters:
    filters = viewer_filters(viewer)
    filters.skill = f.skill.pk if f.skill else None
    filters.organization = f.organization.pk if f.organization else None
    filters.organization_kind = f.organization_kind or None
    filters.layer = f.layer or None
    if f.municipality is not None:
        filters.place = f"m{f.municipality.pk}"
    elif f.province is not None:
        filters.place = f"p{f.province.pk}"
    filters.available = f.available
    return filters


def _stem(word: str) -> str:
    return SUFFIXES.sub("", word.lower())[:7]


def _matched(skills: list[ProfileSkill], query: str, skill: Skill | None) -> list[ProfileSkill]:
    stems = {_stem(w) for w in words(query) if len(w) >= 3}
    matched = []
    for entry in skills:
        if skill is not None and entry.skill_id == skill.pk:
            matched.append(entry)
            continue
        terms = [entry.skill.name, *entry.skill.synonym_list]
        term_stems = {_stem(w) for t in terms for w in words(t)}
        if stems & term_stems:
            matched.append(entry)
    return matched


def _profiles(viewer, user_ids: list[int]) -> dict[int, Profile]:
    """The profiles of these people that the viewer may see, with what a result shows,
    in a fixed number of queries. The database has the last word on visibility: a
    person who left, or changed their visibility a moment ago, does not show."""
    profiles = (
        Profile.objects.visible_to(viewer)
        .filter(user_id__in=user_ids, user__is_active=True)
        .select_related("user", "work_municipality")
        .prefetch_related(
            Prefetch(
                "skills",
                queryset=ProfileSkill.objects.select_related("skill").only(
                    "id",
                    "profile_id",
                    "skill_id",
                    "level",
                    "skill__id",
                    "skill__code",
                    "skill__name",
                    "skill__name_en",
                    "skill__synonyms",
                ),
            ),
            Prefetch(
                "user__memberships",
                queryset=Membership.objects.filter(organization__is_active=True)
                .select_related("organization")
                .only(
                    "id",
                    "user_id",
                    "organization_id",
                    "role",
                    "organization__id",
                    "organization__code",
                    "organization__name",
                ),
            ),
        )
    )
    return {p.user_id: p for p in profiles}


def people_search(
    *, viewer, filters: PersonFilters, offset: int = 0, limit: int = 20
) -> PeoplePage:
    """The expertise finder: ranked people with the evidence and skills that matched."""
    found = find_experts(
        filters.q or "", _engine_filters(viewer, filters), offset=offset, limit=limit
    )
    window = found.experts
    profiles = _profiles(viewer, [e.owner_id for e in window])
    labels = {k: str(v.label) for k, v in registry.kinds().items()}
    results = []
    for expert in window:
        profile = profiles.get(expert.owner_id)
        if profile is None:
            continue
        results.append(
            PersonResult(
                profile=profile,
                score=expert.score,
                # Claimed skills show as matched skills; the passages are the rest.
                evidence=[
                    (labels.get(h.kind, h.kind), h.snippet)
                    for h in expert.evidence[:3]
                    if h.snippet
                ],
                matched_skills=_matched(list(profile.skills.all()), filters.q or "", filters.skill),
            )
        )
    return PeoplePage(results=results, count=found.count)


def people_like(*, viewer, profile: Profile, limit: int = 6) -> list[PersonResult]:
    """People with similar skills and role: the person's own skills and title as the
    query, the person excluded."""
    terms = [ps.skill.name for ps in profile.skills.select_related("skill")[:15]]
    if profile.job_title:
        terms.append(profile.job_title)
    if not terms:
        return []
    filters = _engine_filters(viewer, PersonFilters())
    filters.exclude_owner = profile.user_id
    experts = find_experts(" ".join(terms), filters, limit=limit).experts
    profiles = _profiles(viewer, [e.owner_id for e in experts])
    return [
        PersonResult(profile=profiles[e.owner_id], score=e.score)
        for e in experts
        if e.owner_id in profiles
    ]


def person_get(*, viewer, profile_id: int) -> Profile:
    profile = (
        Profile.objects.visible_to(viewer)
        .filter(pk=profile_id, user__is_active=True)
        .select_related("user", "work_municipality", "work_municipality__province")
        .prefetch_related(
            Prefetch(
                "skills", queryset=ProfileSkill.objects.select_related("skill", "skill__parent")
            ),
            Prefetch(
                "user__memberships", queryset=Membership.objects.select_related("organization")
            ),
        )
        .first()
    )
    if profile is None:
        # Hidden and missing look the same: whether a private profile exists is private.
        raise NotFound("No profile with this id, or it is not visible to you.")
    return profile


def filters_from_params(
    *,
    q=None,
    skill=None,
    organization=None,
    organization_kind=None,
    layer=None,
    province=None,
    municipality=None,
    available=None,
) -> PersonFilters:
    """Resolve the codes a page or API caller gives into rows; unknown ones are a 400
    with the parameter named."""
    rows, errors = resolve_codes(
        skill=skill, organization=organization, province=province, municipality=municipality
    )
    if errors:
        raise InvalidInput(errors[0].reason, invalid_params=errors)
    return PersonFilters(
        q=(q or "").strip()[:200],
        organization_kind=organization_kind or None,
        layer=layer or None,
        available=available,
        **rows,
    )


def resolve_codes(
    *, skill=None, organization=None, province=None, municipality=None
) -> tuple[dict, list[InvalidParam]]:
    """The skill (by id, code or name), organization, province and municipality (by
    code) that a page, the API or a saved search names, as rows (None where not
    named); the unknown ones as problems naming their parameter."""
    errors = []
    rows = {"skill": None, "organization": None, "province": None, "municipality": None}
    if skill:
        value = str(skill).strip()
        condition = Q(code=value) | Q(name__iexact=value)
        if value.isdigit():
            condition |= Q(pk=int(value))
        rows["skill"] = (
            Skill.objects.filter(condition, status=SkillStatus.ACTIVE).order_by("id").first()
        )
        if rows["skill"] is None:
            errors.append(InvalidParam("skill", "Unknown skill.", "unknown_skill"))
    if organization:
        rows["organization"] = Organization.objects.filter(code=str(organization).lower()).first()
        if rows["organization"] is None:
            errors.append(
                InvalidParam("organization", "Unknown organization code.", "unknown_organization")
            )
    if province:
        rows["province"] = org_selectors.provinces().filter(code=str(province).lower()).first()
        if rows["province"] is None:
            errors.append(InvalidParam("province", "Unknown province code.", "unknown_province"))
    if municipality:
        try:
            rows["municipality"] = org_selectors.municipality_get(str(municipality))
        except NotFound:
            errors.append(
                InvalidParam("municipality", "Unknown municipality code.", "unknown_municipality")
            )
    return rows, errors


# -- skills ------------------------------------------------------------------------------


def skill_suggest(q: str, limit: int = 10) -> list[Skill]:
    """Skills whose name or synonyms contain what was typed; names starting with it
    first. Used while typing, so one indexed-enough query over ~1,000 rows."""
    q = (q or "").strip()
    if len(q) < 2:
        return []
    matches = list(
        Skill.objects.filter(status=SkillStatus.ACTIVE)
        .filter(Q(name__icontains=q) | Q(name_en__icontains=q) | Q(synonyms__icontains=q))
        .order_by("name")[:200]
    )
    lowered = q.lower()
    matches.sort(
        key=lambda s: (
            not s.name.lower().startswith(lowered),
            lowered not in s.name.lower(),
            len(s.name),
        )
    )
    return matches[:limit]


def skills_search(
    *, q: str | None = None, parent: Skill | None = None, status: str = SkillStatus.ACTIVE
):
    skills = Skill.objects.filter(status=status).select_related("parent")
    if parent is not None:
        skills = skills.filter(parent=parent)
    if q and q.strip():
        term = q.strip()
        skills = skills.filter(
            Q(name__icontains=term) | Q(name_en__icontains=term) | Q(synonyms__icontains=term)
        )
    return skills.annotate(children_count=Count("children")).order_by("name", "id")


def skill_roots():
    return (
        Skill.objects.filter(parent__isnull=True, status=SkillStatus.ACTIVE)
        .annotate(children_count=Count("children"))
        .order_by("name")
    )


def skill_get(skill_id: int) -> Skill:
    skill = (
        Skill.objects.select_related("parent")
        .filter(pk=skill_id)
        .exclude(status=SkillStatus.REJECTED)
        .first()
    )
    if skill is None:
        raise NotFound("No such skill.")
    return skill


def skill_path(skill: Skill) -> list[Skill]:
    """The skill's ancestors, root first (the tree is at most a few levels deep)."""
    path, current, seen = [], skill.parent, set()
    while current is not None and current.pk not in seen:
        seen.add(current.pk)
        path.append(current)
        current = current.parent
    return list(reversed(path))


# -- people who bring skills (for team formation) ----------------------------------------


@dataclass
class SkillHolder:
    user_id: int
    skill_id: int  # the asked-for skill that they bring (theirs may be narrower)
    level: str
    organization_ids: list[int] = field(default_factory=list)
    work_municipality_id: int | None = None


def skill_descendants(skill_ids: list[int]) -> dict[int, set[int]]:
    """Each skill with every narrower active skill under it (one query: the taxonomy is
    a few hundred rows)."""
    children: dict[int | None, list[int]] = {}
    for pk, parent_id in Skill.objects.filter(status=SkillStatus.ACTIVE).values_list(
        "id", "parent_id"
    ):
        children.setdefault(parent_id, []).append(pk)
    out = {}
    for skill_id in skill_ids:
        seen, stack = {skill_id}, [skill_id]
        while stack:
            for child in children.get(stack.pop(), []):
                if child not in seen:
                    seen.add(child)
                    stack.append(child)
        out[skill_id] = seen
    return out


def skill_holders(
    *,
    viewer,
    skill_ids: list[int],
    prefer_organizations: list[int] = (),
    per_skill: int = 30,
    exclude_users: list[int] = (),
) -> list[SkillHolder]:
    """Available people, visible to `viewer`, who bring each skill (or a narrower one) at
    practitioner or expert level: per skill the best `per_skill` of the preferred
    organizations' people and the best `per_skill` of everyone, experts first. One query
    for the preferred organizations' people, at most two small ones per skill for
    everyone, and two for the holders' organizations and places, whatever the number of
    profiles."""
    from eenoverheid.people.models import SkillLevel

    visible = Profile.visible_through(viewer, "profile__")
    found: dict[tuple[int, int], str] = {}

    def keep(user_id: int, skill_id: int, held: str) -> None:
        key = (user_id, skill_id)
        if key not in found or held == SkillLevel.EXPERT:
            found[key] = held

    narrower = skill_descendants(skill_ids)
    asked_for: dict[int, set[int]] = {}
    for needed, ids in narrower.items():
        for narrow in ids:
            asked_for.setdefault(narrow, set()).add(needed)
    holders = ProfileSkill.objects.filter(
        visible,
        profile__available=True,
        profile__user__is_active=True,
        level__in=[SkillLevel.EXPERT, SkillLevel.PRACTITIONER],
    ).exclude(profile__user_id__in=list(exclude_users))
    if prefer_organizations:
        # The preferred organizations' people are few: one query for every skill, driven
        # from their memberships, experts first.
        preferred_users = Membership.objects.filter(
            organization_id__in=list(prefer_organizations)
        ).values("user_id")
        taken: dict[int, int] = {}
        for user_id, narrow, held in (
            holders.filter(skill_id__in=list(asked_for), profile__user_id__in=preferred_users)
            .order_by("level", "profile_id")
            .values_list("profile__user_id", "skill_id", "level")[: per_skill * len(narrower) * 4]
        ):
            for needed in asked_for[narrow]:
                if taken.get(needed, 0) < per_skill:
                    taken[needed] = taken.get(needed, 0) + 1
                    keep(user_id, needed, held)
    for skill_id, ids in narrower.items():
        # Everyone: each level walks the (skill, level, profile) index and stops after
        # `per_skill` matches.
        pool = holders.filter(skill_id__in=ids).order_by("profile_id")
        taken_here = 0
        for level in (SkillLevel.EXPERT, SkillLevel.PRACTITIONER):
            if taken_here >= per_skill:
                break
            for user_id, held in pool.filter(level=level).values_list("profile__user_id", "level")[
                : per_skill - taken_here
            ]:
                taken_here += 1
                keep(user_id, skill_id, held)
    user_ids = {user_id for user_id, _skill in found}
    organizations: dict[int, list[int]] = {}
    for user_id, organization_id in (
        Membership.objects.filter(user_id__in=user_ids, organization__is_active=True)
        .order_by("id")
        .values_list("user_id", "organization_id")
    ):
        organizations.setdefault(user_id, []).append(organization_id)
    places = dict(
        Profile.objects.filter(user_id__in=user_ids).values_list("user_id", "work_municipality_id")
    )
    return [
        SkillHolder(
            user_id=user_id,
            skill_id=skill_id,
            level=level,
            organization_ids=organizations.get(user_id, []),
            work_municipality_id=places.get(user_id),
        )
        for (user_id, skill_id), level in sorted(found.items())
    ]


def profiles_for(*, viewer, user_ids: list[int]) -> dict[int, Profile]:
    """The visible profiles of these people, by user id, with skills and organizations."""
    return _profiles(viewer, user_ids)
