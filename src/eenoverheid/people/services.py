"""Writes about people: profiles, their skills, proposed skills, export."""

from __future__ import annotations

import re

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from eenoverheid.core.errors import Conflict, InvalidInput, InvalidParam, NotAllowed, NotFound
from eenoverheid.core.images import check_image
from eenoverheid.core.services import audit_record
from eenoverheid.core.visibility import Visibility, is_platform_admin
from eenoverheid.organizations.models import Organization, OrganizationKind
from eenoverheid.people.models import (
    LANGUAGE_CODES,
    Profile,
    ProfileSkill,
    Skill,
    SkillLevel,
    SkillSource,
    SkillStatus,
)
from eenoverheid.search.services import documents_refresh

PROFILE_VISIBILITIES = {Visibility.PUBLIC, Visibility.SIGNED_IN, Visibility.MEMBERS}
PHONE = re.compile(r"^[+0-9 ()-]{6,32}$")
PHOTO_MAX_BYTES = 2 * 1024 * 1024
MAX_SKILLS = 60


def profile_for(user) -> Profile:
    """The user's profile, created (visible to signed-in civil servants) on first use."""
    profile, _created = Profile.objects.get_or_create(user=user)
    return profile


def _invalid(field: str, reason: str, code: str = "invalid"):
    return InvalidInput(reason, invalid_params=[InvalidParam(field, reason, code)])


def _check_fields(fields: dict) -> dict:
    errors = []
    cleaned = {}
    for name, limit in (("job_title", 150), ("bio", 2000), ("keywords", 500)):
        if name in fields and fields[name] is not None:
            value = str(fields[name]).strip()
            if len(value) > limit:
                errors.append(InvalidParam(name, _("At most %(n)s characters.") % {"n": limit}))
            cleaned[name] = value
    if fields.get("visibility") is not None:
        if fields["visibility"] not in PROFILE_VISIBILITIES:
            errors.append(
                InvalidParam(
                    "visibility",
                    _("Choose everyone, signed-in civil servants or your own organization."),
                )
            )
        cleaned["visibility"] = fields["visibility"]
    if fields.get("languages") is not None:
        languages = list(dict.fromkeys(fields["languages"]))
        unknown = [code for code in languages if code not in LANGUAGE_CODES]
        if unknown:
            errors.append(
                InvalidParam(
                    "languages", _("Unknown language: %(codes)s") % {"codes": ", ".join(unknown)}
                )
            )
        cleaned["languages"] = languages
    if "available" in fields and fields["available"] is not None:
        cleaned["available"] = bool(fields["available"])
    if "hours_per_week" in fields:
        hours = fields["hours_per_week"]
        if hours is not None and not (1 <= int(hours) <= 40):
            errors.append(InvalidParam("hours_per_week", _("Between 1 and 40 hours a week.")))
        cleaned["hours_per_week"] = hours
    if fields.get("phone") is not None:
        phone = fields["phone"].strip()
        if phone and not PHONE.match(phone):
            errors.append(InvalidParam("phone", _("Enter a phone number such as 030 286 00 00.")))
        cleaned["phone"] = phone
    if "work_municipality" in fields:
        code = fields["work_municipality"]
        if code:
            municipality = Organization.objects.filter(
                kind=OrganizationKind.MUNICIPALITY, is_active=True, code=str(code).lower()
            ).first()
            if municipality is None:
                errors.append(
                    InvalidParam("work_municipality", _("No current municipality has this code."))
                )
            cleaned["work_municipality"] = municipality
        else:
            cleaned["work_municipality"] = None
    if errors:
        raise InvalidInput(errors[0].reason, invalid_params=errors)
    return cleaned


@transaction.atomic
def profile_update(*, user, actor, **fields) -> Profile:
    """Change one's own profile. Fields left out (or None) stay as they are, except
    `hours_per_week` and `work_municipality`, which None clears when given."""
    if actor != user and not is_platform_admin(actor):
        raise NotAllowed(_("You can only change your own profile."))
    cleaned = _check_fields(fields)
    if cleaned.get("available") is False:
        cleaned["hours_per_week"] = None
    profile = profile_for(user)
    changed = {k: v for k, v in cleaned.items() if getattr(profile, k) != v}
    for key, value in changed.items():
        setattr(profile, key, value)
    if changed:
        profile.save()
        audit_record(
            actor=actor,
            action="profile.updated",
            obj=profile,
            changes={k: str(v) for k, v in changed.items() if k not in {"bio", "phone"}},
        )
        documents_refresh([user.pk])
    return profile


def _check_photo(photo: UploadedFile) -> None:
    check_image(
        photo,
        field="photo",
        max_bytes=PHOTO_MAX_BYTES,
        formats={"PNG", "JPEG", "WEBP"},
        too_large=_("The photo may be at most 2 MB."),
        wrong_type=_("The photo must be a PNG, JPEG or WebP image."),
    )


@transaction.atomic
def profile_photo_set(*, user, photo: UploadedFile | None) -> Profile:
    profile = profile_for(user)
    if photo is not None:
        _check_photo(photo)
    if profile.photo:
        profile.photo.delete(save=False)
    if photo is not None:
        suffix = (photo.name or "photo.png").rsplit(".", 1)[-1].lower()[:5]
        profile.photo.save(f"{user.pk}-{timezone.now():%Y%m%d%H%M%S}.{suffix}", photo, save=False)
    profile.save()
    return profile


def _skill_for(user, skill_id: int) -> Skill:
    skill = Skill.objects.filter(pk=skill_id).first()
    if skill is None or skill.status == SkillStatus.REJECTED:
        raise _invalid("skill", _("Unknown skill."), "unknown_skill")
    if skill.status == SkillStatus.PROPOSED and skill.proposed_by_id != user.pk:
        raise _invalid("skill", _("This skill is still awaiting review."), "unknown_skill")
    return skill


@transaction.atomic
def profile_skill_set(*, user, skill_id: int, level: str) -> ProfileSkill:
    if level not in SkillLevel.values:
        raise _invalid("level", _("Choose interested, practitioner or expert."))
    skill = _skill_for(user, skill_id)
    profile = profile_for(user)
    entry = ProfileSkill.objects.filter(profile=profile, skill=skill).first()
    if entry is None:
        if ProfileSkill.objects.filter(profile=profile).count() >= MAX_SKILLS:
            raise _invalid(
                "skill", _("A profile holds at most %(n)s skills.") % {"n": MAX_SKILLS}, "too_many"
            )
        try:
            with transaction.atomic():
                entry = ProfileSkill.objects.create(profile=profile, skill=skill, level=level)
        except IntegrityError:  # the same request twice at once
            entry = ProfileSkill.objects.get(profile=profile, skill=skill)
    if entry.level != level:
        entry.level = level
        entry.save(update_fields=["level"])
    documents_refresh([user.pk])
    return entry


@transaction.atomic
def profile_skill_remove(*, user, skill_id: int) -> None:
    deleted, _counts = ProfileSkill.objects.filter(profile__user=user, skill_id=skill_id).delete()
    if not deleted:
        raise NotFound(_("This skill is not on your profile."))
    documents_refresh([user.pk])


@transaction.atomic
def skill_propose(
    *,
    user,
    name: str,
    parent_id: int | None = None,
    description: str = "",
    level: str = SkillLevel.PRACTITIONER,
) -> Skill:
    """A skill the taxonomy lacks. It is on the proposer's profile at once and becomes
    available to everyone when a platform administrator approves it."""
    name = (name or "").strip()
    if not 2 <= len(name) <= 120:
        raise _invalid("name", _("Give the skill a name of 2 to 120 characters."))
    if Skill.objects.filter(name__iexact=name).exclude(status=SkillStatus.REJECTED).exists():
        raise Conflict(
            _("This skill already exists: choose it from the list."),
            invalid_params=[InvalidParam("name", _("This skill already exists."), "exists")],
        )
    parent = None
    if parent_id is not None:
        parent = Skill.objects.filter(pk=parent_id, status=SkillStatus.ACTIVE).first()
        if parent is None:
            raise _invalid("parent_id", _("Unknown broader skill."))
    skill = Skill.objects.create(
        code=f"voorstel-{slugify(name)[:60]}-{timezone.now():%Y%m%d%H%M%S%f}",
        name=name,
        description=(description or "").strip()[:2000],
        parent=parent,
        source=SkillSource.PROPOSED,
        status=SkillStatus.PROPOSED,
        proposed_by=user,
    )
    audit_record(actor=user, action="skill.proposed", obj=skill, changes={"name": name})
    profile_skill_set(user=user, skill_id=skill.pk, level=level)
    return skill


@transaction.atomic
def skill_review(*, skill: Skill, actor, approve: bool) -> Skill:
    if not is_platform_admin(actor):
        raise NotAllowed(_("Only platform administrators review proposed skills."))
    if skill.status != SkillStatus.PROPOSED:
        raise Conflict(_("This skill is not awaiting review."))
    skill.status = SkillStatus.ACTIVE if approve else SkillStatus.REJECTED
    skill.save(update_fields=["status"])
    audit_record(actor=actor, action="skill.reviewed", obj=skill, changes={"approved": approve})
    if not approve:
        owners = list(
            ProfileSkill.objects.filter(skill=skill).values_list("profile__user_id", flat=True)
        )
        ProfileSkill.objects.filter(skill=skill).delete()
        documents_refresh(owners)
    return skill


def profile_export(user) -> dict:
    """Everything the platform holds about one's profile, as JSON-ready data."""
    from eenoverheid.organizations.models import Membership

    profile = Profile.objects.filter(user=user).select_related("work_municipality").first()
    data = {
        "exported_at": timezone.now().isoformat(),
        "account": {
            "email": user.email,
            "name": user.name,
            "preferred_language": user.preferred_language,
        },
        "memberships": [
            {
                "organization": m.organization.name,
                "code": m.organization.code,
                "role": m.role,
                "since": m.created_at.isoformat(),
            }
            for m in Membership.objects.filter(user=user).select_related("organization")
        ],
        "profile": None,
    }
    if profile is not None:
        data["profile"] = {
            "job_title": profile.job_title,
            "bio": profile.bio,
            "keywords": profile.keywords,
            "visibility": profile.visibility,
            "work_municipality": profile.work_municipality.name
            if profile.work_municipality
            else None,
            "languages": profile.languages,
            "available": profile.available,
            "hours_per_week": profile.hours_per_week,
            "phone": profile.phone,
            "photo": profile.photo.name or None,
            "skills": [
                {"skill": ps.skill.name, "code": ps.skill.code, "level": ps.level}
                for ps in profile.skills.select_related("skill")
            ],
            "proposed_skills": list(
                Skill.objects.filter(proposed_by=user).values("name", "status")
            ),
            "created_at": profile.created_at.isoformat(),
            "updated_at": profile.updated_at.isoformat(),
        }
    # What other capabilities hold that the person wrote, each under its own name.
    from django.conf import settings
    from django.utils.module_loading import import_string

    for name, path in getattr(settings, "PERSONAL_DATA_EXPORTERS", {}).items():
        data[name] = import_string(path)(user)
    return data


def export_archive(user) -> bytes:
    """Everything about a person as one zip: `data.json` (profile_export) and the files
    they uploaded (their photo, the versions of community files they added)."""
    import io
    import json
    import zipfile

    from django.core.files.storage import default_storage

    from eenoverheid.communities.models import DocumentVersion

    data = profile_export(user)
    files: list[tuple[str, str]] = []
    profile = Profile.objects.filter(user=user).first()
    if profile is not None and profile.photo:
        files.append(
            (profile.photo.name, f"attachments/photo/{profile.photo.name.rsplit('/', 1)[-1]}")
        )
    versions = DocumentVersion.objects.filter(uploaded_by=user).select_related("document")
    for v in versions.order_by("pk"):
        safe = slugify(v.original_name.rsplit(".", 1)[0]) or "file"
        ext = v.original_name.rsplit(".", 1)[-1][:10] if "." in v.original_name else "bin"
        files.append((v.file.name, f"attachments/files/{v.document_id}-v{v.number}-{safe}.{ext}"))
    data["attachments"] = [name for _stored, name in files]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.json", json.dumps(data, ensure_ascii=False, indent=2))
        for stored, name in files:
            if default_storage.exists(stored):
                with default_storage.open(stored, "rb") as handle:
                    archive.writestr(name, handle.read())
    return buffer.getvalue()
