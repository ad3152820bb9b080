"""Reads of the marketplace: finding opportunities, "opportunities for me", "people who
fit", and the lists of applications. The rankings use `matching.score` both ways; this
module only gathers candidates and the facts the score needs, in a bounded number of
queries whatever the number of people or opportunities."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from eenoverheid.core.errors import InvalidInput, InvalidParam, NotFound
from eenoverheid.core.pagination import Lazy
from eenoverheid.core.visibility import is_platform_admin
from eenoverheid.marketplace import matching
from eenoverheid.marketplace.models import (
    PLACE_STATUSES,
    Application,
    ApplicationStatus,
    Direction,
    Endorsement,
    Interest,
    Kind,
    Opportunity,
    OpportunitySkill,
    Recruiter,
    SavedSearch,
    Status,
    WorkMode,
)
from eenoverheid.marketplace.search_providers import OPPORTUNITY
from eenoverheid.organizations.models import Membership, MembershipRole, Organization
from eenoverheid.people.models import Profile, ProfileSkill, Skill
from eenoverheid.people.selectors import profiles_for, resolve_codes, viewer_filters
from eenoverheid.search import registry
from eenoverheid.search.selectors import find_documents, find_experts

CANDIDATES = 400  # opportunities or people scored per ranking
SELF_DESCRIBED = {"profile", "skills"}  # evidence kinds that are what people say of themselves
TEXT_DEPTH = 300  # engine hits used for the text part of a ranking


def _signed_in(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def today() -> dt.date:
    return timezone.localdate()


# -- facts for the score ------------------------------------------------------------------


def person_facts(user_ids) -> dict[int, matching.PersonFacts]:
    """What the score needs of each person, in four queries for any number of them."""
    user_ids = list(user_ids)
    facts = {u: matching.PersonFacts(user_id=u) for u in user_ids}
    for user_id, available, hours, municipality_id, province_id in Profile.objects.filter(
        user_id__in=user_ids
    ).values_list(
        "user_id",
        "available",
        "hours_per_week",
        "work_municipality_id",
        "work_municipality__province_id",
    ):
        f = facts[user_id]
        f.available, f.hours_per_week = available, hours
        if municipality_id:
            f.municipality_ids.add(municipality_id)
        if province_id:
            f.province_ids.add(province_id)
    for user_id, skill_id, level in (
        ProfileSkill.objects.filter(profile__user_id__in=user_ids)
        .order_by()
        .values_list("profile__user_id", "skill_id", "level")
    ):
        facts[user_id].skills[skill_id] = level
    for user_id, organization_id, kind, province_id in Membership.objects.filter(
        user_id__in=user_ids, organization__is_active=True
    ).values_list("user_id", "organization_id", "organization__kind", "organization__province_id"):
        f = facts[user_id]
        if not f.municipality_ids and kind == "municipality":
            f.municipality_ids.add(organization_id)
        if province_id and not f.province_ids:
            f.province_ids.add(province_id)
    for user_id, kind in Interest.objects.filter(
        user_id__in=user_ids, direction=Direction.SEEK
    ).values_list("user_id", "kind"):
        facts[user_id].seeks.add(kind)
    return facts


def opportunity_facts(opportunity_ids) -> dict[int, matching.OpportunityFacts]:
    """The score's view of these opportunities, in two queries for any number of them
    (plain values: a ranking reads hundreds)."""
    facts = {}
    for (
        pk,
        kind,
        hours,
        mode,
        municipality_id,
        municipality_province,
        org_id,
        org_kind,
        org_province,
    ) in (
        Opportunity.objects.filter(pk__in=list(opportunity_ids))
        .order_by()
        .values_list(
            "pk",
            "kind",
            "hours_per_week",
            "work_mode",
            "municipality_id",
            "municipality__province_id",
            "organization_id",
            "organization__kind",
            "organization__province_id",
        )
    ):
        if municipality_id is None and org_kind == "municipality":
            municipality_id, municipality_province = org_id, org_province
        facts[pk] = matching.OpportunityFacts(
            opportunity_id=pk,
            kind=kind,
            hours_per_week=hours,
            work_mode=mode,
            municipality_id=municipality_id,
            province_id=municipality_province or org_province,
        )
    for opportunity_id, skill_id, level, required in (
        OpportunitySkill.objects.filter(opportunity_id__in=list(facts))
        .order_by()
        .values_list("opportunity_id", "skill_id", "level", "required")
    ):
        facts[opportunity_id].needs.append(matching.Need(skill_id, level, required))
    return facts


def person_text(user_id: int) -> str:
    """The words that say what a person does: job title, keywords and skills."""
    profile = Profile.objects.filter(user_id=user_id).values("job_title", "keywords").first()
    skills = ProfileSkill.objects.filter(profile__user_id=user_id).values_list(
        "skill__name", flat=True
    )[:15]
    parts = [profile["job_title"], profile["keywords"]] if profile else []
    return " ".join([*parts, *skills])


def opportunity_text(opportunity: Opportunity) -> str:
    skills = OpportunitySkill.objects.filter(opportunity=opportunity).values_list(
        "skill__name", flat=True
    )
    return " ".join([opportunity.title, *skills])


# -- finding opportunities -------------------------------------------------------------


@dataclass
class OpportunityFilters:
    q: str = ""
    kind: str | None = None
    skill: Skill | None = None
    organization: Organization | None = None
    layer: str | None = None
    province: Organization | None = None
    municipality: Organization | None = None
    hours_max: int | None = None
    work_mode: str | None = None

    def as_params(self) -> dict:
        """For a saved search: codes, not rows."""
        params = {
            "q": self.q,
            "kind": self.kind,
            "skill": self.skill.pk if self.skill else None,
            "organization": self.organization.code if self.organization else None,
            "layer": self.layer,
            "province": self.province.code if self.province else None,
            "municipality": self.municipality.code if self.municipality else None,
            "hours_max": self.hours_max,
            "work_mode": self.work_mode,
        }
        return {k: v for k, v in params.items() if v not in (None, "")}


def filters_from_params(
    *,
    q=None,
    kind=None,
    skill=None,
    organization=None,
    layer=None,
    province=None,
    municipality=None,
    hours_max=None,
    work_mode=None,
) -> OpportunityFilters:
    """Codes from a page, the API or a saved search into rows; unknown ones are a 400
    with the parameter named."""
    rows, errors = resolve_codes(
        skill=skill, organization=organization, province=province, municipality=municipality
    )
    f = OpportunityFilters(q=(q or "").strip()[:200], layer=layer or None, **rows)
    if kind:
        if kind not in Kind.values:
            errors.append(InvalidParam("kind", "Unknown kind.", "unknown_kind"))
        f.kind = kind
    if work_mode:
        if work_mode not in WorkMode.values:
            errors.append(InvalidParam("work_mode", "Unknown work mode.", "unknown_work_mode"))
        f.work_mode = work_mode
    if hours_max not in (None, ""):
        try:
            f.hours_max = int(hours_max)
        except (TypeError, ValueError):
            errors.append(InvalidParam("hours_max", "A whole number of hours.", "invalid"))
    if errors:
        raise InvalidInput(errors[0].reason, invalid_params=errors)
    return f


def open_q() -> Q:
    """Published and not past its closing date (the daily sweep closes those too)."""
    return Q(status=Status.OPEN) & (Q(closing_date__isnull=True) | Q(closing_date__gte=today()))


def findable(viewer) -> QuerySet[Opportunity]:
    return Opportunity.objects.visible_to(viewer).filter(open_q())


def filtered(opportunities: QuerySet[Opportunity], f: OpportunityFilters, taxonomy=None):
    if f.kind:
        opportunities = opportunities.filter(kind=f.kind)
    if f.organization is not None:
        opportunities = opportunities.filter(organization=f.organization)
    if f.layer:
        opportunities = opportunities.filter(organization__layer=f.layer)
    if f.municipality is not None:
        opportunities = opportunities.filter(
            Q(municipality=f.municipality)
            | Q(municipality__isnull=True, organization=f.municipality)
        )
    elif f.province is not None:
        opportunities = opportunities.filter(
            Q(municipality__province=f.province)
            | Q(municipality__isnull=True, organization__province=f.province)
            | Q(municipality__isnull=True, organization=f.province)
        )
    if f.hours_max is not None:
        opportunities = opportunities.filter(
            Q(hours_per_week__isnull=True) | Q(hours_per_week__lte=f.hours_max)
        )
    if f.work_mode:
        opportunities = opportunities.filter(work_mode=f.work_mode)
    if f.skill is not None:
        taxonomy = taxonomy or matching.Taxonomy.load()
        wanted = {f.skill.pk, *taxonomy.descendants(f.skill.pk)}
        opportunities = opportunities.filter(
            pk__in=OpportunitySkill.objects.filter(skill_id__in=wanted).values("opportunity_id")
        )
    return opportunities


def with_details(opportunities):
    return opportunities.select_related(
        "organization", "municipality", "team", "created_by"
    ).prefetch_related(
        Prefetch("skills", queryset=OpportunitySkill.objects.select_related("skill"))
    )


@dataclass
class Fit:
    """A Match, with its skills as rows for display."""

    score: int
    matched: list = field(default_factory=list)  # [(SkillMatch, Skill, held Skill)]
    missing: list = field(default_factory=list)  # [(Need, Skill)]
    reasons: list[str] = field(default_factory=list)


def _explain_all(matches: dict[int, matching.Match]) -> dict[int, Fit]:
    """`explain` for many, with one query for the skills named."""
    ids = set()
    for match in matches.values():
        ids |= {m.skill_id for m in match.matched} | {m.held_skill_id for m in match.matched}
        ids |= {n.skill_id for n in match.missing}
    skills = Skill.objects.in_bulk(ids) if ids else {}
    return {
        key: Fit(
            score=m.score,
            matched=[(s, skills.get(s.skill_id), skills.get(s.held_skill_id)) for s in m.matched],
            missing=[(n, skills.get(n.skill_id)) for n in m.missing],
            reasons=m.reasons,
        )
        for key, m in matches.items()
    }


def _text_scores_for(viewer, text: str) -> dict[int, float]:
    """The engine's relevance of every findable opportunity to `text`, relative."""
    if not text.strip():
        return {}
    keys = find_documents(text, viewer_filters(viewer), kind=OPPORTUNITY, limit=TEXT_DEPTH)
    return matching.relative({int(k.split(":", 1)[1]): s for k, s in keys.items()})


def attach_fit(viewer, opportunities: list[Opportunity], taxonomy=None) -> list[Opportunity]:
    """Set `fit` on each opportunity for a signed-in viewer: their score with what
    matched and what is missing (the same score as "opportunities for me")."""
    if not _signed_in(viewer) or not opportunities:
        for o in opportunities:
            o.fit = None
        return opportunities
    taxonomy = taxonomy or matching.Taxonomy.load()
    person = person_facts([viewer.pk])[viewer.pk]
    text = _text_scores_for(viewer, person_text(viewer.pk))
    facts = opportunity_facts([o.pk for o in opportunities])
    matches = {
        o.pk: matching.score(person, facts[o.pk], taxonomy, text=text.get(o.pk, 0.0))
        for o in opportunities
    }
    fits = _explain_all(matches)
    for o in opportunities:
        o.fit = fits[o.pk]
    return opportunities


def search(*, viewer, filters: OpportunityFilters) -> Lazy:
    """Open opportunities the viewer may see: by relevance when there is text (the
    search engine, Dutch stemming), otherwise newest first; each with the viewer's fit."""
    taxonomy = matching.Taxonomy.load()
    base = filtered(findable(viewer), filters, taxonomy)
    if filters.q:
        keys = find_documents(filters.q, viewer_filters(viewer), kind=OPPORTUNITY, limit=2000)
        scores = {int(k.split(":", 1)[1]): s for k, s in keys.items()}
        ids = list(base.filter(pk__in=list(scores)).values_list("pk", flat=True))
        ids.sort(key=lambda pk: (-scores[pk], -pk))

        def load(window: slice) -> list[Opportunity]:
            chosen = ids[window]
            found = with_details(Opportunity.objects.filter(pk__in=chosen)).in_bulk()
            return attach_fit(viewer, [found[pk] for pk in chosen if pk in found], taxonomy)

        return Lazy(lambda: len(ids), load)
    ordered = with_details(base).order_by("-published_at", "-id")
    return Lazy(ordered.count, lambda window: attach_fit(viewer, list(ordered[window]), taxonomy))


def for_me(*, viewer, filters: OpportunityFilters | None = None) -> Lazy:
    """ "Opportunities for me": the viewer's best matches among the open opportunities
    they may see, from their skills (and the skills around them in the taxonomy), the
    text of their profile, their place, hours and what they seek."""
    filters = filters or OpportunityFilters()
    taxonomy = matching.Taxonomy.load()
    person = person_facts([viewer.pk])[viewer.pk]
    base = filtered(findable(viewer), filters, taxonomy).exclude(created_by=viewer)
    related = taxonomy.related(person.skills)
    candidates = set()
    if related:
        # Most related skills first, from the (skill, opportunity) index alone; then
        # only those the viewer may find, in that order.
        ranked = list(
            OpportunitySkill.objects.filter(skill_id__in=related)
            .order_by()
            .values("opportunity_id")
            .annotate(n=Count("skill_id"))  # a column of the index: no table reads
            .order_by("-n", "-opportunity_id")
            .values_list("opportunity_id", flat=True)[: CANDIDATES * 5]
        )
        allowed = set(base.filter(pk__in=ranked).values_list("pk", flat=True))
        candidates.update([pk for pk in ranked if pk in allowed][:CANDIDATES])
    text = _text_scores_for(viewer, person_text(viewer.pk))
    candidates.update(base.filter(pk__in=list(text)).values_list("pk", flat=True))
    if person.seeks:
        candidates.update(
            base.filter(kind__in=person.seeks)
            .order_by("-published_at")
            .values_list("pk", flat=True)[:100]
        )
    facts = opportunity_facts(candidates)
    published = dict(
        Opportunity.objects.filter(pk__in=list(facts)).values_list("pk", "published_at")
    )
    matches = {
        pk: matching.score(person, f, taxonomy, text=text.get(pk, 0.0)) for pk, f in facts.items()
    }
    ranked = sorted(
        (pk for pk, m in matches.items() if m.score > 0),
        key=lambda pk: (-matches[pk].score, -(published[pk] or timezone.now()).timestamp(), -pk),
    )

    def load(window: slice) -> list[Opportunity]:
        chosen = ranked[window]
        found = with_details(Opportunity.objects.filter(pk__in=chosen)).in_bulk()
        fits = _explain_all({pk: matches[pk] for pk in chosen})
        page = []
        for pk in chosen:
            if pk in found:
                found[pk].fit = fits[pk]
                page.append(found[pk])
        return page

    return Lazy(lambda: len(ranked), load)


@dataclass
class Candidate:
    profile: Profile
    fit: Fit
    application: Application | None = None  # already applied or invited


def people_who_fit(*, viewer, opportunity: Opportunity, limit: int = 20, offset: int = 0):
    """ "People who fit" an opportunity: available people (or people who say they seek
    this kind) whose profiles the viewer may see, from any organization, best first,
    with the skills that matched and those missing. Returns (window, count)."""
    taxonomy = matching.Taxonomy.load()
    facts = opportunity_facts([opportunity.pk])[opportunity.pk]
    # Available, or seeking this kind of opportunity.
    willing = Q(available=True) | Q(
        user_id__in=Interest.objects.filter(kind=opportunity.kind, direction=Direction.SEEK).values(
            "user_id"
        )
    )
    candidates = set()
    related = taxonomy.related(n.skill_id for n in facts.needs)
    if related:
        # Who holds most of the related skills, from the (skill, level, profile) index
        # alone; then only the willing, active people whose profile the viewer may see,
        # in that order.
        ranked = list(
            ProfileSkill.objects.filter(skill_id__in=related)
            .order_by()
            .values("profile_id")
            .annotate(n=Count("skill_id"))  # a column of the index: no table reads
            .order_by("-n", "profile_id")
            .values_list("profile_id", flat=True)[: CANDIDATES * 5]
        )
        users = dict(
            Profile.objects.filter(
                Profile.visible_through(viewer, ""),
                willing,
                pk__in=ranked,
                user__is_active=True,
            )
            .exclude(user_id=opportunity.created_by_id)
            .values_list("pk", "user_id")
        )
        candidates.update([users[pk] for pk in ranked if pk in users][:CANDIDATES])
    # The text part, from the search engine: how the candidates' evidence matches the
    # opportunity, and who else matches it with what they did (answers, articles,
    # gigs: not their self-description, which the skills part already read).
    query = opportunity_text(opportunity)
    engine = viewer_filters(viewer)
    engine.exclude_owner = opportunity.created_by_id
    scores = {}
    if candidates:
        scored = replace(engine, owners=sorted(candidates))
        for e in find_experts(query, scored, limit=len(candidates), counted=False).experts:
            scores[e.owner_id] = e.score
    doing = [k for k in (registry.evidence_kinds() or registry.kinds()) if k not in SELF_DESCRIBED]
    found = find_experts(
        query, replace(engine, kinds=doing, available=True), limit=TEXT_DEPTH // 3, counted=False
    ).experts
    for e in found:
        scores[e.owner_id] = max(scores.get(e.owner_id, 0.0), e.score)
    text = matching.relative(scores)
    # The engine's people are checked for willingness too (the skill holders were).
    candidates.update(
        Profile.objects.filter(
            willing, user_id__in=[e.owner_id for e in found], user__is_active=True
        ).values_list("user_id", flat=True)
    )
    people = person_facts(candidates)
    matches = {
        user_id: matching.score(people[user_id], facts, taxonomy, text=text.get(user_id, 0.0))
        for user_id in candidates
    }
    ranked = sorted(matches, key=lambda u: (-matches[u].score, u))
    # Visibility has the last word: rank only people whose profile the viewer may see.
    window, position = [], offset
    while len(window) < limit and position < len(ranked):
        chunk = ranked[position : position + limit * 2]
        position += len(chunk)
        profiles = profiles_for(viewer=viewer, user_ids=chunk)
        window.extend(u for u in chunk if u in profiles)
        if not chunk:
            break
    window = window[:limit]
    profiles = profiles_for(viewer=viewer, user_ids=window)
    applications = {
        a.applicant_id: a
        for a in Application.objects.filter(opportunity=opportunity, applicant_id__in=window)
    }
    fits = _explain_all({u: matches[u] for u in window})
    return (
        [
            Candidate(profile=profiles[u], fit=fits[u], application=applications.get(u))
            for u in window
            if u in profiles
        ],
        len(ranked),
    )


# -- one opportunity, and who manages it ------------------------------------------------


def may_publish(*, user, organization: Organization) -> bool:
    """Platform administrators, the organization's administrators and its recruiters."""
    if not _signed_in(user):
        return False
    if is_platform_admin(user):
        return True
    return (
        Membership.objects.filter(
            user=user, organization=organization, role=MembershipRole.ADMIN
        ).exists()
        or Recruiter.objects.filter(user=user, organization=organization).exists()
    )


def publishing_organizations(user) -> QuerySet[Organization]:
    if not _signed_in(user):
        return Organization.objects.none()
    if is_platform_admin(user):
        return Organization.objects.filter(
            Q(pk__in=Membership.objects.filter(user=user).values("organization_id"))
        ).order_by("name")
    return Organization.objects.filter(
        Q(
            pk__in=Membership.objects.filter(user=user, role=MembershipRole.ADMIN).values(
                "organization_id"
            )
        )
        | Q(pk__in=Recruiter.objects.filter(user=user).values("organization_id"))
    ).order_by("name")


def managed_q(user) -> Q:
    if is_platform_admin(user):
        return Q()
    return Q(organization__in=publishing_organizations(user)) | Q(created_by=user)


def opportunity_get(*, viewer, pk: int) -> Opportunity:
    """An opportunity the viewer may see: open ones by their visibility; drafts and
    closed ones to those who manage them and to people who applied or were invited."""
    opportunity = with_details(Opportunity.objects.filter(pk=pk)).first()
    if opportunity is None:
        raise NotFound("No such opportunity, or it is not visible to you.")
    if may_manage(user=viewer, opportunity=opportunity):
        return opportunity
    involved = (
        _signed_in(viewer)
        and Application.objects.filter(opportunity=opportunity, applicant=viewer).exists()
    )
    if involved:
        return opportunity
    if (
        opportunity.status == Status.DRAFT
        or not Opportunity.objects.visible_to(viewer).filter(pk=pk).exists()
    ):
        raise NotFound("No such opportunity, or it is not visible to you.")
    return opportunity


def may_manage(*, user, opportunity: Opportunity) -> bool:
    if not _signed_in(user):
        return False
    return opportunity.created_by_id == user.pk or may_publish(
        user=user, organization=opportunity.organization
    )


def managed(user) -> QuerySet[Opportunity]:
    if not _signed_in(user):
        return Opportunity.objects.none()
    return (
        Opportunity.objects.filter(managed_q(user))
        .select_related("organization")
        .annotate(
            active=Count(
                "applications",
                filter=Q(
                    applications__status__in=[
                        ApplicationStatus.APPLIED,
                        ApplicationStatus.SHORTLISTED,
                        ApplicationStatus.OFFERED,
                    ]
                ),
            ),
            taken=Count("applications", filter=Q(applications__status__in=PLACE_STATUSES)),
        )
        .order_by("-updated_at", "-id")
    )


def applications_of(opportunity: Opportunity) -> QuerySet[Application]:
    return (
        Application.objects.filter(opportunity=opportunity)
        .select_related("applicant", "applicant__profile", "applicant_organization", "manager")
        .prefetch_related("events", "feedback", "endorsements__skill")
        .order_by("status", "-updated_at", "-id")
    )


def applications_by(user) -> QuerySet[Application]:
    return (
        Application.objects.filter(applicant=user)
        .select_related("opportunity", "opportunity__organization", "manager")
        .prefetch_related("events", "feedback")
        .order_by("-updated_at", "-id")
    )


def releases_for(user) -> QuerySet[Application]:
    """Releases this person is asked to give: as the named manager, or as an
    administrator of the applicant's organization."""
    if not _signed_in(user):
        return Application.objects.none()
    admin_of = Membership.objects.filter(user=user, role=MembershipRole.ADMIN).values(
        "organization_id"
    )
    return (
        Application.objects.filter(status=ApplicationStatus.RELEASE_PENDING)
        .filter(Q(manager=user) | Q(applicant_organization__in=admin_of))
        .select_related("opportunity", "opportunity__organization", "applicant")
        .order_by("updated_at", "id")
    )


def application_get(*, viewer, pk: int) -> Application:
    application = (
        Application.objects.filter(pk=pk)
        .select_related(
            "opportunity", "opportunity__organization", "applicant", "manager", "payment"
        )
        .prefetch_related("events__actor", "feedback", "endorsements__skill")
        .first()
    )
    if application is None or not may_see_application(viewer, application):
        raise NotFound("No such application, or it is not yours to see.")
    return application


def may_see_application(user, application: Application) -> bool:
    if not _signed_in(user):
        return False
    if application.applicant_id == user.pk or application.manager_id == user.pk:
        return True
    if may_manage(user=user, opportunity=application.opportunity):
        return True
    return (
        application.status == ApplicationStatus.RELEASE_PENDING
        and Membership.objects.filter(
            user=user,
            organization_id=application.applicant_organization_id,
            role=MembershipRole.ADMIN,
        ).exists()
    )


def interests_of(user) -> dict[str, list[str]]:
    out = {Direction.SEEK: [], Direction.OFFER: []}
    for kind, direction in Interest.objects.filter(user=user).values_list("kind", "direction"):
        out[direction].append(kind)
    return out


def endorsements_of(user) -> list[Endorsement]:
    return list(
        Endorsement.objects.filter(user=user)
        .select_related("skill", "organization", "application__opportunity")
        .order_by("skill__name", "-created_at")
    )


def saved_searches(user) -> QuerySet[SavedSearch]:
    return SavedSearch.objects.filter(user=user).order_by("name", "id")


def profile_section(*, viewer, profile) -> dict:
    """What the marketplace adds to a profile page: what the person seeks and offers,
    and the skills organizations endorsed after a gig."""
    return {
        "template": "marketplace/_profile_section.html",
        "interests": interests_of(profile.user),
        "endorsements": endorsements_of(profile.user),
    }
