"""`/api/v1/people`, `/api/v1/skills`, and one's own profile under `/api/v1/me/profile`."""

from typing import Literal

from django.http import JsonResponse
from django.urls import reverse
from ninja import Field, File, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from eenoverheid.accounts import auth
from eenoverheid.core.api_schemas import InputSchema, Problem
from eenoverheid.core.errors import NotFound
from eenoverheid.organizations.models import GovernmentLayer, OrganizationKind
from eenoverheid.people import selectors, services
from eenoverheid.people.models import Profile, Skill, SkillLevel, SkillStatus

router = Router(tags=["people"])


class SkillOut(Schema):
    id: int
    code: str
    name: str
    name_en: str
    synonyms: list[str]
    parent_id: int | None
    status: SkillStatus

    @staticmethod
    def resolve_synonyms(obj: Skill) -> list[str]:
        return obj.synonym_list


class SkillNodeOut(SkillOut):
    children_count: int = 0


class PersonSkillOut(Schema):
    skill_id: int
    name: str
    level: SkillLevel


class OrganizationRefOut(Schema):
    id: int
    code: str
    name: str
    role: str


class EvidenceOut(Schema):
    kind: str
    snippet: str = Field(description="HTML: matched words in <b>, the rest escaped.")


class PersonOut(Schema):
    id: int
    name: str
    job_title: str
    organizations: list[OrganizationRefOut]
    work_municipality: str | None
    available: bool
    hours_per_week: int | None
    photo_url: str | None
    skills: list[PersonSkillOut]
    url: str


class PersonResultOut(PersonOut):
    score: float
    matched_skills: list[PersonSkillOut]
    evidence: list[EvidenceOut]


class PersonDetailOut(PersonOut):
    bio: str
    keywords: str
    languages: list[str]
    email: str | None = Field(None, description="Signed-in viewers only.")
    phone: str | None = Field(None, description="Signed-in viewers only.")


class PeoplePageOut(Schema):
    count: int = Field(
        description="People with matching evidence (on tantivy estimated with HyperLogLog "
        "beyond the first few hundred)."
    )
    page: int
    page_size: int
    pages: int
    results: list[PersonResultOut]


class PeopleFilters(Schema):
    q: str | None = Field(None, max_length=200, examples=["jeugdzorg inkoop"])
    skill: str | None = Field(None, max_length=120, description="Skill id, code or exact name.")
    organization: str | None = Field(None, max_length=200, description="Organization code.")
    organization_kind: OrganizationKind | None = None
    layer: GovernmentLayer | None = None
    province: str | None = Field(None, max_length=8, description="Province code, e.g. pv26.")
    municipality: str | None = Field(None, max_length=8, description="e.g. GM0344.")
    available: bool | None = None
    page: int = Field(1, ge=1, le=100)
    page_size: int = Field(20, ge=1, le=100)


class ProfileOut(Schema):
    id: int
    job_title: str
    bio: str
    keywords: str
    visibility: Literal["public", "signed_in", "members"]
    work_municipality: str | None = Field(None, description="Municipality code, e.g. gm0344.")
    languages: list[str]
    available: bool
    hours_per_week: int | None
    phone: str
    photo_url: str | None
    skills: list[PersonSkillOut]

    @staticmethod
    def resolve_work_municipality(obj: Profile):
        return obj.work_municipality.code if obj.work_municipality_id else None

    @staticmethod
    def resolve_photo_url(obj: Profile):
        return reverse("people:photo", args=[obj.pk]) if obj.photo else None

    @staticmethod
    def resolve_skills(obj: Profile):
        return [
            {"skill_id": ps.skill_id, "name": ps.skill.name, "level": ps.level}
            for ps in obj.skills.select_related("skill")
        ]


class ProfileIn(InputSchema):
    job_title: str | None = Field(None, max_length=150)
    bio: str | None = Field(None, max_length=2000)
    keywords: str | None = Field(None, max_length=500)
    visibility: Literal["public", "signed_in", "members"] | None = None
    work_municipality: str | None = Field(None, max_length=8)
    languages: list[str] | None = Field(None, max_length=12)
    available: bool | None = None
    hours_per_week: int | None = Field(None, ge=1, le=40)
    phone: str | None = Field(None, max_length=32)


LevelIn = Literal["interested", "practitioner", "expert"]


class ProfileSkillIn(InputSchema):
    level: LevelIn


class SkillProposalIn(InputSchema):
    name: str = Field(min_length=2, max_length=120)
    parent_id: int | None = None
    description: str = Field("", max_length=2000)
    level: LevelIn = "practitioner"


class SkillReviewIn(InputSchema):
    approve: bool


class SkillFilters(Schema):
    q: str | None = Field(None, max_length=120)
    parent: int | None = Field(None, description="Only the children of this skill.")


def person_out(profile: Profile, *, detail=False, viewer=None) -> dict:
    memberships = list(profile.user.memberships.all())
    data = {
        "id": profile.pk,
        "name": profile.user.name or profile.user.email.split("@")[0],
        "job_title": profile.job_title,
        "organizations": [
            {
                "id": m.organization_id,
                "code": m.organization.code,
                "name": m.organization.name,
                "role": m.role,
            }
            for m in memberships
        ],
        "work_municipality": profile.work_municipality.name
        if profile.work_municipality_id
        else None,
        "available": profile.available,
        "hours_per_week": profile.hours_per_week,
        "photo_url": reverse("people:photo", args=[profile.pk]) if profile.photo else None,
        "skills": [
            {"skill_id": ps.skill_id, "name": ps.skill.label, "level": ps.level}
            for ps in profile.skills.all()
        ],
        "url": reverse("people:detail", args=[profile.pk]),
    }
    if detail:
        signed_in = bool(viewer and viewer.is_authenticated)
        data.update(
            bio=profile.bio,
            keywords=profile.keywords,
            languages=profile.languages,
            email=profile.user.email if signed_in else None,
            phone=(profile.phone or None) if signed_in else None,
        )
    return data


@router.get(
    "/people",
    response={200: PeoplePageOut, 400: Problem},
    auth=auth.OPTIONAL,
    summary="Find colleagues by expertise, in any organization",
    description=(
        "Ranks people by the evidence of their expertise (profile text, skills, and what "
        "they contributed), with the matching passages. Free text is stemmed (Dutch) and "
        "compounds match their parts. Only profiles the caller may see are searched."
    ),
)
def people_list(request, filters: Query[PeopleFilters]):
    f = selectors.filters_from_params(
        q=filters.q,
        skill=filters.skill,
        organization=filters.organization,
        organization_kind=filters.organization_kind,
        layer=filters.layer,
        province=filters.province,
        municipality=filters.municipality,
        available=filters.available,
    )
    page = selectors.people_search(
        viewer=request.user,
        filters=f,
        offset=(filters.page - 1) * filters.page_size,
        limit=filters.page_size,
    )
    return {
        "count": page.count,
        "page": filters.page,
        "page_size": filters.page_size,
        "pages": max(1, -(-page.count // filters.page_size)),
        "results": [
            {
                **person_out(r.profile),
                "score": round(r.score, 4),
                "matched_skills": [
                    {"skill_id": ps.skill_id, "name": ps.skill.label, "level": ps.level}
                    for ps in r.matched_skills
                ],
                "evidence": [{"kind": k, "snippet": s} for k, s in r.evidence],
            }
            for r in page.results
        ],
    }


@router.get(
    "/people/{person_id}",
    response={200: PersonDetailOut, 404: Problem},
    auth=auth.OPTIONAL,
    summary="One person's profile (contact details for signed-in viewers only)",
)
def person_read(request, person_id: int):
    profile = selectors.person_get(viewer=request.user, profile_id=person_id)
    return person_out(profile, detail=True, viewer=request.user)


@router.get(
    "/people/{person_id}/similar",
    response={200: list[PersonOut], 404: Problem},
    auth=auth.OPTIONAL,
    summary="People like this one: similar skills and role",
)
def person_similar(request, person_id: int):
    profile = selectors.person_get(viewer=request.user, profile_id=person_id)
    return [
        person_out(r.profile) for r in selectors.people_like(viewer=request.user, profile=profile)
    ]


# -- one's own profile ---------------------------------------------------------------------


@router.get(
    "/me/profile",
    response={200: ProfileOut, 401: Problem},
    auth=auth.REQUIRED,
    summary="Your profile",
)
def my_profile(request):
    return services.profile_for(request.user)


@router.patch(
    "/me/profile",
    response={200: ProfileOut, 400: Problem, 401: Problem, 403: Problem},
    auth=auth.REQUIRED,
    summary="Change your profile",
)
def my_profile_update(request, payload: ProfileIn):
    fields = payload.model_dump(exclude_unset=True)
    return services.profile_update(user=request.user, actor=request.user, **fields)


@router.put(
    "/me/profile/skills/{skill_id}",
    response={200: ProfileOut, 400: Problem, 401: Problem, 403: Problem},
    auth=auth.REQUIRED,
    summary="Add a skill to your profile, or change its level",
)
def my_skill_set(request, skill_id: int, payload: ProfileSkillIn):
    services.profile_skill_set(user=request.user, skill_id=skill_id, level=payload.level)
    return services.profile_for(request.user)


@router.delete(
    "/me/profile/skills/{skill_id}",
    response={200: ProfileOut, 401: Problem, 403: Problem, 404: Problem},
    auth=auth.REQUIRED,
    summary="Remove a skill from your profile",
)
def my_skill_remove(request, skill_id: int):
    services.profile_skill_remove(user=request.user, skill_id=skill_id)
    return services.profile_for(request.user)


@router.post(
    "/me/profile/photo",
    response={200: ProfileOut, 400: Problem, 401: Problem, 403: Problem},
    auth=auth.REQUIRED,
    summary="Upload your photo (PNG, JPEG or WebP, at most 2 MB)",
)
def my_photo(request, photo: File[UploadedFile]):
    return services.profile_photo_set(user=request.user, photo=photo)


@router.delete(
    "/me/profile/photo",
    response={200: ProfileOut, 401: Problem, 403: Problem},
    auth=auth.REQUIRED,
    summary="Remove your photo",
)
def my_photo_remove(request):
    return services.profile_photo_set(user=request.user, photo=None)


@router.get(
    "/me/profile/export",
    response={200: dict, 401: Problem},
    auth=auth.REQUIRED,
    summary="Everything the platform holds about your profile, as JSON",
)
def my_profile_export(request):
    response = JsonResponse(
        services.profile_export(request.user), json_dumps_params={"ensure_ascii": False}
    )
    response["Content-Disposition"] = 'attachment; filename="mijn-profiel.json"'
    return response


# -- skills ----------------------------------------------------------------------------------


@router.get(
    "/skills",
    response={200: list[SkillNodeOut], 400: Problem, 404: Problem},
    auth=auth.OPTIONAL,
    summary="Search the skills taxonomy, or list the children of a skill",
)
@paginate
def skill_list(request, filters: Query[SkillFilters]):
    parent = selectors.skill_get(filters.parent) if filters.parent else None
    if not filters.q and parent is None:
        return selectors.skill_roots()
    return selectors.skills_search(q=filters.q, parent=parent)


@router.get(
    "/skills/suggest",
    response={200: list[SkillOut], 400: Problem},
    auth=auth.OPTIONAL,
    summary="Skills for what someone is typing (at most 10)",
)
def skill_suggest(request, q: str = Query(..., min_length=1, max_length=120)):
    return selectors.skill_suggest(q)


@router.post(
    "/skills/proposals",
    response={201: SkillOut, 400: Problem, 401: Problem, 403: Problem, 409: Problem},
    auth=auth.REQUIRED,
    summary="Propose a skill the taxonomy lacks (it goes on your profile at once)",
)
def skill_propose(request, payload: SkillProposalIn):
    skill = services.skill_propose(
        user=request.user,
        name=payload.name,
        parent_id=payload.parent_id,
        description=payload.description,
        level=payload.level,
    )
    return Status(201, skill)


@router.get(
    "/skills/{skill_id}",
    response={200: SkillNodeOut, 404: Problem},
    auth=auth.OPTIONAL,
    summary="One skill",
)
def skill_read(request, skill_id: int):
    skill = selectors.skill_get(skill_id)
    skill.children_count = skill.children.filter(status=SkillStatus.ACTIVE).count()
    return skill


@router.post(
    "/skills/{skill_id}/review",
    response={200: SkillOut, 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem},
    auth=auth.REQUIRED,
    summary="Approve or reject a proposed skill (platform administrators)",
)
def skill_review(request, skill_id: int, payload: SkillReviewIn):
    skill = Skill.objects.filter(pk=skill_id).first()
    if skill is None:
        raise NotFound("No such skill.")
    return services.skill_review(skill=skill, actor=request.user, approve=payload.approve)
