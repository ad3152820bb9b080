"""The rules of communities: who may see, join, post, moderate; membership and roles;
discussions and questions; files with versions. Pages, API and other apps (a challenge's
workspace) change communities only through these functions."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from eenoverheid.communities.models import (
    Article,
    ArticleLink,
    ArticleRevision,
    Block,
    Community,
    CommunityKind,
    CommunityMembership,
    CommunityRole,
    Document,
    DocumentVersion,
    Event,
    EventSeries,
    JoinPolicy,
    MembershipStatus,
    Post,
    Reaction,
    ReactionKind,
    Recurrence,
    Registration,
    RegistrationStatus,
    Report,
    ReportStatus,
    Thread,
    ThreadKind,
)
from eenoverheid.core.errors import Conflict, InvalidInput, InvalidParam, NotAllowed, NotFound
from eenoverheid.core.services import audit_record
from eenoverheid.core.uploads import check_document
from eenoverheid.core.visibility import Visibility, is_platform_admin
from eenoverheid.organizations.models import Membership

PROFILE_FIELDS = {
    "job_title": _("job title"),
    "bio": _("about me"),
    "work_municipality": _("municipality where you work"),
    "skills": _("skills"),
}
CONTENT_VISIBILITIES = {Visibility.PUBLIC, Visibility.SIGNED_IN, Visibility.MEMBERS}


def max_file_bytes() -> int:
    return getattr(settings, "COMMUNITY_FILE_MAX_BYTES", 20 * 1024 * 1024)


def _signed_in(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


# -- who may do what ------------------------------------------------------------------------


def membership_of(*, user, community: Community) -> CommunityMembership | None:
    if not _signed_in(user):
        return None
    return CommunityMembership.objects.filter(community=community, user=user).first()


def is_member(*, user, community: Community) -> bool:
    membership = membership_of(user=user, community=community)
    return membership is not None and membership.status == MembershipStatus.ACTIVE


def can_see(*, user, community: Community) -> bool:
    if community.join_policy != JoinPolicy.SECRET or is_platform_admin(user):
        return True
    membership = membership_of(user=user, community=community)
    # An invitee sees the community they are invited to.
    return membership is not None


def can_moderate(*, user, community: Community) -> bool:
    if is_platform_admin(user):
        return True
    membership = membership_of(user=user, community=community)
    return (
        membership is not None
        and membership.status == MembershipStatus.ACTIVE
        and membership.role in {CommunityRole.OWNER, CommunityRole.MANAGER}
    )


def _require_visible(user, community: Community) -> None:
    if not can_see(user=user, community=community):
        raise NotFound(_("No community with this address."))


def _require_member(user, community: Community) -> None:
    _require_visible(user, community)
    if not (is_member(user=user, community=community) or is_platform_admin(user)):
        raise NotAllowed(_("Join the community first."))


def _require_moderator(user, community: Community) -> None:
    _require_visible(user, community)
    if not can_moderate(user=user, community=community):
        raise NotAllowed(_("Only the community's owners and managers can do this."))


def _require_block(community: Community, block: str) -> None:
    if not community.has_block(block):
        raise NotAllowed(_("This community does not use this building block."))


def _cap_visibility(community: Community, visibility: str | None) -> str:
    visibility = visibility or Visibility.SIGNED_IN
    if visibility not in CONTENT_VISIBILITIES:
        raise InvalidInput.for_field(
            "visibility", _("Choose a valid visibility."), "invalid_choice"
        )
    if community.join_policy == JoinPolicy.SECRET or community.kind == CommunityKind.WORKSPACE:
        return Visibility.MEMBERS
    return visibility


def _refresh_evidence(user_ids) -> None:
    """What people wrote is evidence of their expertise (see search_providers)."""
    from eenoverheid.search.services import documents_refresh

    documents_refresh([u for u in user_ids if u])


def _readers(thread: Thread, user_ids) -> list[int]:
    """Of these people, those who may read the thread."""
    ids = set(user_ids)
    if thread.visibility == Visibility.MEMBERS or thread.community.join_policy == JoinPolicy.SECRET:
        ids &= set(
            CommunityMembership.objects.filter(
                community=thread.community, status=MembershipStatus.ACTIVE, user_id__in=ids
            ).values_list("user_id", flat=True)
        )
    return sorted(ids)


def _notify_followers(thread: Thread, actor, *, new_thread: bool) -> None:
    from django.urls import reverse

    from eenoverheid.notifications import services as notifications

    followers = set(notifications.followers_of(thread.community))
    if not new_thread:
        followers |= set(notifications.followers_of(thread))
    name = str(actor.name or actor.email)
    text = (
        _("%(name)s started “%(title)s” in %(community)s")
        if new_thread
        else _("%(name)s replied to “%(title)s” in %(community)s")
    ) % {"name": name, "title": thread.title[:120], "community": thread.community.name}
    notifications.notify(
        user_ids=_readers(thread, followers),
        kind="communities.new_thread" if new_thread else "communities.reply",
        text=text,
        url=reverse("communities:thread", args=[thread.community.slug, thread.pk]),
        exclude=actor.pk,
    )


def follow(*, obj, actor, following: bool) -> bool:
    """Follow a community or a thread: new posts become notifications and digest items."""
    from eenoverheid.notifications import services as notifications

    if not _signed_in(actor):
        raise NotAllowed(_("Sign in to follow."))
    community = obj if isinstance(obj, Community) else obj.community
    _require_visible(actor, community)
    if isinstance(obj, Thread) and not obj.is_visible_to(actor):
        raise NotFound(_("No thread with this id."))
    return notifications.follow_set(user=actor, obj=obj, following=following)


def _touch(community: Community) -> None:
    Community.objects.filter(pk=community.pk).update(last_activity_at=timezone.now())


# -- communities and membership --------------------------------------------------------------


def _unique_slug(name: str, requested: str | None = None) -> str:
    base = slugify(requested or name)[:70] or "gemeenschap"
    slug, n = base, 2
    while Community.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _clean_community(*, name, description, join_policy, blocks, required_profile_fields):
    errors = []
    if name is not None:
        name = name.strip()
        if not name or len(name) > 150:
            errors.append(
                InvalidParam("name", _("Give a name of at most 150 characters."), "invalid")
            )
    if description is not None and len(description) > 5000:
        errors.append(InvalidParam("description", _("At most 5,000 characters."), "too_long"))
    if join_policy is not None and join_policy not in JoinPolicy.values:
        errors.append(InvalidParam("join_policy", _("Choose who can join."), "invalid_choice"))
    if blocks is not None and (not blocks or set(blocks) - set(Block.values)):
        errors.append(
            InvalidParam("blocks", _("Choose one or more building blocks."), "invalid_choice")
        )
    if required_profile_fields is not None and set(required_profile_fields) - set(PROFILE_FIELDS):
        errors.append(
            InvalidParam("required_profile_fields", _("Unknown profile field."), "invalid_choice")
        )
    if errors:
        raise InvalidInput(errors[0].reason, invalid_params=errors)
    return name


def can_create_community(user) -> bool:
    if is_platform_admin(user):
        return True
    if getattr(settings, "COMMUNITY_CREATION_RESTRICTED", False):
        return False
    return _signed_in(user) and Membership.objects.filter(user=user).exists()


def community_create(
    *,
    actor,
    name: str,
    description: str = "",
    join_policy: str = JoinPolicy.OPEN,
    parent: Community | None = None,
    blocks: list[str] | None = None,
    required_profile_fields: list[str] | None = None,
    topic_ids: list[int] | None = None,
    slug: str | None = None,
    kind: str = CommunityKind.COMMUNITY,
) -> Community:
    """Any verified civil servant starts a community (unless administrators restricted
    this); a sub-community is started by a manager of its parent. The starter owns it."""
    if kind == CommunityKind.COMMUNITY:
        if parent is not None:
            _require_moderator(actor, parent)
        elif not can_create_community(actor):
            raise NotAllowed(_("Only verified civil servants can start a community."))
    name = _clean_community(
        name=name,
        description=description,
        join_policy=join_policy,
        blocks=blocks,
        required_profile_fields=required_profile_fields,
    )
    with transaction.atomic():
        community = Community.objects.create(
            name=name,
            slug=_unique_slug(name, slug),
            description=(description or "").strip(),
            join_policy=join_policy,
            parent=parent,
            kind=kind,
            blocks=blocks or list(Block.values),
            required_profile_fields=required_profile_fields or [],
            created_by=actor,
        )
        if topic_ids:
            community.topics.set(topic_ids)
        CommunityMembership.objects.create(
            community=community, user=actor, role=CommunityRole.OWNER
        )
        audit_record(actor=actor, action="communities.create", obj=community)
    return community


def community_update(*, community: Community, actor, **fields) -> Community:
    _require_moderator(actor, community)
    name = _clean_community(
        name=fields.get("name"),
        description=fields.get("description"),
        join_policy=fields.get("join_policy"),
        blocks=fields.get("blocks"),
        required_profile_fields=fields.get("required_profile_fields"),
    )
    if community.kind == CommunityKind.WORKSPACE and fields.get("join_policy") not in (
        None,
        JoinPolicy.SECRET,
    ):
        raise InvalidInput.for_field(
            "join_policy", _("A workspace stays invitation-only."), "workspace"
        )
    changed = []
    for key in ("description", "join_policy", "blocks", "required_profile_fields"):
        if fields.get(key) is not None:
            setattr(community, key, fields[key].strip() if key == "description" else fields[key])
            changed.append(key)
    if name is not None:
        community.name = name
        changed.append("name")
    if changed:
        community.save(update_fields=changed)
        if "join_policy" in changed:  # secret or not decides whether posts are evidence
            _refresh_evidence(
                set(
                    Post.objects.filter(thread__community=community).values_list(
                        "author_id", flat=True
                    )
                )
            )
    if fields.get("topic_ids") is not None:
        community.topics.set(fields["topic_ids"])
    audit_record(
        actor=actor, action="communities.update", obj=community, changes={"fields": changed}
    )
    return community


def missing_profile_fields(*, user, community: Community) -> list[str]:
    from eenoverheid.people.models import Profile, ProfileSkill

    required = community.required_profile_fields or []
    if not required:
        return []
    profile = Profile.objects.filter(user=user).first()
    missing = []
    for field in required:
        if field == "skills":
            if profile is None or not ProfileSkill.objects.filter(profile=profile).exists():
                missing.append(field)
        elif profile is None or not getattr(
            profile, field if field != "work_municipality" else "work_municipality_id"
        ):
            missing.append(field)
    return missing


def join(*, community: Community, actor) -> CommunityMembership:
    """Open: a member at once. Closed: a request that a manager answers. Secret: only
    by accepting an invitation. A sub-community is for members of its parent."""
    if not _signed_in(actor):
        raise NotAllowed(_("Sign in to join."))
    _require_visible(actor, community)
    if community.kind == CommunityKind.WORKSPACE:
        raise NotAllowed(_("A challenge's workspace is joined through the challenge's invitation."))
    if community.parent_id and not is_member(user=actor, community=community.parent):
        raise NotAllowed(_("Join %(parent)s first.") % {"parent": community.parent.name})
    missing = missing_profile_fields(user=actor, community=community)
    if missing:
        raise InvalidInput(
            _("Fill in your profile first: %(fields)s.")
            % {"fields": ", ".join(str(PROFILE_FIELDS[f]) for f in missing)},
            invalid_params=[
                InvalidParam(f, _("Required by this community."), "required") for f in missing
            ],
        )
    with transaction.atomic():
        membership = (
            CommunityMembership.objects.select_for_update()
            .filter(community=community, user=actor)
            .first()
        )
        if membership is not None:
            if membership.status == MembershipStatus.INVITED:
                membership.status = MembershipStatus.ACTIVE
                membership.save(update_fields=["status"])
            return membership
        if community.join_policy == JoinPolicy.SECRET:
            raise NotFound(_("No community with this address."))
        status = (
            MembershipStatus.ACTIVE
            if community.join_policy == JoinPolicy.OPEN
            else MembershipStatus.REQUESTED
        )
        try:
            return CommunityMembership.objects.create(
                community=community, user=actor, status=status
            )
        except IntegrityError as exc:  # a double click: the first one counts
            raise Conflict(_("You are already a member or have asked to join.")) from exc


def leave(*, community: Community, actor) -> None:
    membership = membership_of(user=actor, community=community)
    if membership is None:
        raise NotFound(_("You are not a member of this community."))
    if community.kind == CommunityKind.WORKSPACE:
        raise NotAllowed(_("Leave the challenge's team to leave its workspace."))
    if (
        membership.role == CommunityRole.OWNER
        and not CommunityMembership.objects.filter(
            community=community, role=CommunityRole.OWNER, status=MembershipStatus.ACTIVE
        )
        .exclude(pk=membership.pk)
        .exists()
    ):
        raise Conflict(_("Make someone else owner before you leave."))
    membership.delete()


def request_answer(*, community: Community, actor, user_id: int, approve: bool) -> None:
    _require_moderator(actor, community)
    with transaction.atomic():
        membership = (
            CommunityMembership.objects.select_for_update()
            .filter(community=community, user_id=user_id, status=MembershipStatus.REQUESTED)
            .first()
        )
        if membership is None:
            raise NotFound(_("No request to join from this person."))
        if approve:
            membership.status = MembershipStatus.ACTIVE
            membership.save(update_fields=["status"])
        else:
            membership.delete()


def invite(
    *, community: Community, actor, user_id: int | None = None, email: str | None = None
) -> CommunityMembership:
    """Managers invite a civil servant by their account or e-mail address."""
    _require_moderator(actor, community)
    if community.kind == CommunityKind.WORKSPACE:
        raise NotAllowed(_("Invite people to the challenge instead."))
    users = get_user_model().objects.filter(is_active=True)
    given = (email or "").strip()
    if user_id is not None:
        user = users.filter(pk=user_id).first()
    elif "@" in given:
        user = users.filter(email__iexact=given).first()
    else:  # a name: only when exactly one civil servant has it
        named = list(users.filter(name__iexact=given)[:2]) if given else []
        if len(named) > 1:
            raise InvalidInput.for_field(
                "email", _("Several people have this name: give the e-mail address."), "ambiguous"
            )
        user = named[0] if named else None
    if user is None:
        raise InvalidInput.for_field(
            "email" if email else "user",
            _("No civil servant with this address, name or id has an account yet."),
            "unknown_user",
        )
    with transaction.atomic():
        membership = (
            CommunityMembership.objects.select_for_update()
            .filter(community=community, user=user)
            .first()
        )
        if membership is not None and membership.status == MembershipStatus.ACTIVE:
            raise Conflict(_("%(name)s is already a member.") % {"name": user})
        if membership is not None:  # a request becomes an approval
            membership.status = (
                MembershipStatus.ACTIVE
                if membership.status == MembershipStatus.REQUESTED
                else membership.status
            )
            membership.save(update_fields=["status"])
            return membership
        return CommunityMembership.objects.create(
            community=community, user=user, status=MembershipStatus.INVITED
        )


def member_remove(*, community: Community, actor, user_id: int) -> None:
    _require_moderator(actor, community)
    membership = CommunityMembership.objects.filter(community=community, user_id=user_id).first()
    if membership is None:
        raise NotFound(_("This person is not a member."))
    if community.kind == CommunityKind.WORKSPACE:
        raise NotAllowed(_("Remove people from the challenge's team instead."))
    if membership.role == CommunityRole.OWNER and not is_platform_admin(actor):
        owner = membership_of(user=actor, community=community)
        if owner is None or owner.role != CommunityRole.OWNER:
            raise NotAllowed(_("Only an owner removes another owner."))
    membership.delete()
    audit_record(
        actor=actor, action="communities.member_remove", obj=community, changes={"user": user_id}
    )


def role_set(*, community: Community, actor, user_id: int, role: str) -> CommunityMembership:
    """Owners make managers and owners; managers make members managers."""
    _require_moderator(actor, community)
    if role not in CommunityRole.values:
        raise InvalidInput.for_field("role", _("Choose a valid role."), "invalid_choice")
    mine = membership_of(user=actor, community=community)
    actor_is_owner = is_platform_admin(actor) or (
        mine is not None and mine.role == CommunityRole.OWNER
    )
    membership = CommunityMembership.objects.filter(
        community=community, user_id=user_id, status=MembershipStatus.ACTIVE
    ).first()
    if membership is None:
        raise NotFound(_("This person is not a member."))
    if (
        role == CommunityRole.OWNER or membership.role == CommunityRole.OWNER
    ) and not actor_is_owner:
        raise NotAllowed(_("Only an owner changes who owns the community."))
    membership.role = role
    membership.save(update_fields=["role"])
    return membership


def membership_sync(*, community: Community, user, role: str | None) -> None:
    """Make `user` an active member with `role`, or no member (None). For the apps that
    own a community's membership themselves (a challenge and its workspace)."""
    if role is None:
        CommunityMembership.objects.filter(community=community, user=user).delete()
        return
    CommunityMembership.objects.update_or_create(
        community=community, user=user, defaults={"role": role, "status": MembershipStatus.ACTIVE}
    )


# -- discussions and questions ----------------------------------------------------------------


def _clean_text(field: str, text: str, limit: int) -> str:
    text = (text or "").strip()
    if not text:
        raise InvalidInput.for_field(field, _("Write something."), "required")
    if len(text) > limit:
        raise InvalidInput.for_field(
            field, _("At most %(n)d characters.") % {"n": limit}, "too_long"
        )
    return text


def thread_start(
    *,
    community: Community,
    actor,
    title: str,
    body: str,
    kind: str = ThreadKind.DISCUSSION,
    visibility: str | None = None,
) -> Thread:
    if kind not in ThreadKind.values:
        raise InvalidInput.for_field("kind", _("Choose discussion or question."), "invalid_choice")
    _require_member(actor, community)
    _require_block(community, Block.QUESTIONS if kind == ThreadKind.QUESTION else Block.DISCUSSIONS)
    title = _clean_text("title", title, 200)
    body = _clean_text("body", body, 20_000)
    visibility = _cap_visibility(community, visibility)
    with transaction.atomic():
        thread = Thread.objects.create(
            community=community, kind=kind, title=title, author=actor, visibility=visibility
        )
        Post.objects.create(thread=thread, author=actor, body=body)
        _touch(community)
        _refresh_evidence([actor.pk])
        from eenoverheid.notifications import services as notifications

        notifications.follow_set(user=actor, obj=thread, following=True)
        _notify_followers(thread, actor, new_thread=True)
    return thread


def _thread_for_update(thread_id: int) -> Thread:
    thread = (
        Thread.objects.select_for_update(of=("self",))
        .select_related("community")
        .filter(pk=thread_id)
        .first()
    )
    if thread is None:
        raise NotFound(_("No thread with this id."))
    return thread


def reply(*, thread: Thread, actor, body: str, quote_of_id: int | None = None) -> Post:
    _require_member(actor, thread.community)
    body = _clean_text("body", body, 20_000)
    with transaction.atomic():
        locked = _thread_for_update(thread.pk)
        if (locked.closed or locked.hidden) and not can_moderate(
            user=actor, community=locked.community
        ):
            raise Conflict(_("This thread is closed."))
        if (
            quote_of_id is not None
            and not Post.objects.filter(pk=quote_of_id, thread=locked, hidden=False).exists()
        ):
            raise InvalidInput.for_field(
                "quote_of", _("You can only quote a post in this thread."), "unknown_post"
            )
        post = Post.objects.create(thread=locked, author=actor, body=body, quote_of_id=quote_of_id)
        now = timezone.now()
        Thread.objects.filter(pk=locked.pk).update(
            reply_count=F("reply_count") + 1, last_activity_at=now
        )
        _touch(locked.community)
        _refresh_evidence([actor.pk])
        from eenoverheid.notifications import services as notifications

        notifications.follow_set(user=actor, obj=locked, following=True)
        _notify_followers(locked, actor, new_thread=False)
    return post


def post_edit(*, post: Post, actor, body: str) -> Post:
    community = post.thread.community
    if not (
        _signed_in(actor)
        and (post.author_id == actor.pk or can_moderate(user=actor, community=community))
    ):
        raise NotAllowed(_("Only the author or a manager edits a post."))
    post.body = _clean_text("body", body, 20_000)
    post.edited_at = timezone.now()
    post.save(update_fields=["body", "edited_at"])
    _refresh_evidence([post.author_id])
    return post


def react(*, post: Post, actor, kind: str, on: bool = True) -> int:
    """Add or take back a reaction; returns how many of that kind the post has."""
    if kind not in ReactionKind.values:
        raise InvalidInput.for_field("kind", _("Unknown reaction."), "invalid_choice")
    _require_member(actor, post.thread.community)
    if on:
        try:
            with transaction.atomic():
                Reaction.objects.get_or_create(post=post, user=actor, kind=kind)
        except IntegrityError:
            pass
    else:
        Reaction.objects.filter(post=post, user=actor, kind=kind).delete()
    return Reaction.objects.filter(post=post, kind=kind).count()


def thread_moderate(
    *,
    thread: Thread,
    actor,
    pinned: bool | None = None,
    closed: bool | None = None,
    hidden: bool | None = None,
) -> Thread:
    _require_moderator(actor, thread.community)
    fields = []
    for key, value in (("pinned", pinned), ("closed", closed), ("hidden", hidden)):
        if value is not None:
            setattr(thread, key, value)
            fields.append(key)
    if fields:
        thread.save(update_fields=fields)
        if "hidden" in fields:
            _refresh_evidence(set(thread.posts.values_list("author_id", flat=True)))
        audit_record(
            actor=actor,
            action="communities.moderate",
            obj=thread,
            changes={k: getattr(thread, k) for k in fields},
        )
    return thread


def post_hide(*, post: Post, actor, hidden: bool) -> Post:
    _require_moderator(actor, post.thread.community)
    post.hidden = hidden
    post.save(update_fields=["hidden"])
    _refresh_evidence([post.author_id])
    audit_record(
        actor=actor,
        action="communities.moderate",
        obj=post.thread,
        changes={"post": post.pk, "hidden": hidden},
    )
    return post


def answer_accept(*, thread: Thread, actor, post_id: int | None) -> Thread:
    """The asker or a manager marks the accepted answer (None takes it back)."""
    if thread.kind != ThreadKind.QUESTION:
        raise InvalidInput.for_field(
            "post", _("Only a question has an accepted answer."), "not_a_question"
        )
    if not (
        _signed_in(actor)
        and (thread.author_id == actor.pk or can_moderate(user=actor, community=thread.community))
    ):
        raise NotAllowed(_("Only the asker or a manager accepts an answer."))
    if post_id is not None:
        opening = thread.posts.order_by("id").values_list("id", flat=True).first()
        if post_id == opening or not thread.posts.filter(pk=post_id, hidden=False).exists():
            raise InvalidInput.for_field(
                "post", _("Choose an answer in this thread."), "unknown_post"
            )
    previous = thread.accepted_post_id
    thread.accepted_post_id = post_id
    thread.save(update_fields=["accepted_post"])
    _refresh_evidence(
        set(
            Post.objects.filter(pk__in=[p for p in (previous, post_id) if p]).values_list(
                "author_id", flat=True
            )
        )
    )
    return thread


# -- files ------------------------------------------------------------------------------------


def _check_upload(upload: UploadedFile) -> tuple[str, str]:
    return check_document(upload, max_bytes=max_file_bytes())


def document_upload(
    *,
    community: Community,
    actor,
    title: str,
    upload: UploadedFile,
    description: str = "",
    visibility: str | None = None,
) -> Document:
    _require_member(actor, community)
    _require_block(community, Block.FILES)
    name, content_type = _check_upload(upload)
    title = (title or "").strip() or name
    if len(title) > 200:
        raise InvalidInput.for_field("title", _("At most 200 characters."), "too_long")
    visibility = _cap_visibility(community, visibility)
    with transaction.atomic():
        document = Document.objects.create(
            community=community,
            title=title,
            description=(description or "").strip()[:2000],
            created_by=actor,
            visibility=visibility,
        )
        DocumentVersion.objects.create(
            document=document,
            number=1,
            file=upload,
            original_name=name,
            content_type=content_type,
            size=upload.size,
            uploaded_by=actor,
        )
        _touch(community)
    return document


def document_new_version(
    *, document: Document, actor, upload: UploadedFile, note: str = ""
) -> DocumentVersion:
    _require_member(actor, document.community)
    name, content_type = _check_upload(upload)
    with transaction.atomic():
        Document.objects.select_for_update().filter(pk=document.pk).first()
        number = (document.versions.aggregate(n=Max("number"))["n"] or 0) + 1
        version = DocumentVersion.objects.create(
            document=document,
            number=number,
            file=upload,
            original_name=name,
            content_type=content_type,
            size=upload.size,
            uploaded_by=actor,
            note=(note or "")[:300],
        )
        document.save(update_fields=["updated_at"])
    return version


def document_downloaded(*, document: Document) -> None:
    Document.objects.filter(pk=document.pk).update(download_count=F("download_count") + 1)


# -- knowledge articles ----------------------------------------------------------------------


def _article_slug(community: Community, title: str, exclude_pk: int | None = None) -> str:
    base = slugify(title)[:110] or "artikel"
    slug, n = base, 2
    taken = Article.objects.filter(community=community)
    if exclude_pk:
        taken = taken.exclude(pk=exclude_pk)
    while taken.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _save_revision(article: Article, actor, title: str, body: str, note: str) -> ArticleRevision:
    from eenoverheid.communities.wiki import link_slugs

    number = (article.revisions.aggregate(n=Max("number"))["n"] or 0) + 1
    revision = ArticleRevision.objects.create(
        article=article,
        number=number,
        title=title,
        body=body,
        note=(note or "").strip()[:300],
        author=actor,
    )
    article.current = revision
    article.title = title
    article.save(update_fields=["current", "title", "updated_at"])
    ArticleLink.objects.filter(source=article).delete()
    ArticleLink.objects.bulk_create(
        [ArticleLink(source=article, target_slug=slug) for slug in sorted(link_slugs(body))][:200]
    )
    return revision


def article_create(
    *,
    community: Community,
    actor,
    title: str,
    body: str,
    visibility: str | None = None,
    slug: str | None = None,
) -> Article:
    _require_member(actor, community)
    _require_block(community, Block.ARTICLES)
    title = _clean_text("title", title, 200)
    body = _clean_text("body", body, 100_000)
    visibility = _cap_visibility(community, visibility)
    with transaction.atomic():
        article = Article.objects.create(
            community=community,
            title=title,
            visibility=visibility,
            created_by=actor,
            slug=_article_slug(community, slug or title),
        )
        _save_revision(article, actor, title, body, _("First version"))
        _touch(community)
        _refresh_evidence([actor.pk])
    return article


def article_edit(
    *,
    article: Article,
    actor,
    title: str,
    body: str,
    note: str = "",
    base_revision: int | None = None,
) -> ArticleRevision:
    """Any member edits; the result is a new revision. Saving over someone else's edit
    made in the meantime is refused (give the revision the edit started from)."""
    _require_member(actor, article.community)
    title = _clean_text("title", title, 200)
    body = _clean_text("body", body, 100_000)
    with transaction.atomic():
        locked = (
            Article.objects.select_for_update(of=("self",))
            .select_related("current")
            .get(pk=article.pk)
        )
        if base_revision is not None and locked.current and locked.current.number != base_revision:
            raise Conflict(
                _(
                    "Someone saved a new version (revision %(n)d) while you were editing. "
                    "Look at the changes and edit again."
                )
                % {"n": locked.current.number}
            )
        if locked.current and locked.current.body == body and locked.current.title == title:
            return locked.current
        revision = _save_revision(locked, actor, title, body, note)
        _refresh_evidence([actor.pk])
    return revision


def article_restore(*, article: Article, actor, number: int) -> ArticleRevision:
    """An old revision becomes the current text again, as a new revision."""
    _require_member(actor, article.community)
    old = article.revisions.filter(number=number).first()
    if old is None:
        raise NotFound(_("No such revision of this article."))
    with transaction.atomic():
        Article.objects.select_for_update(of=("self",)).get(pk=article.pk)
        revision = _save_revision(
            article, actor, old.title, old.body, _("Restored revision %(n)d") % {"n": number}
        )
        _refresh_evidence([actor.pk])
    return revision


def article_hide(*, article: Article, actor, hidden: bool) -> Article:
    _require_moderator(actor, article.community)
    article.hidden = hidden
    article.save(update_fields=["hidden"])
    _refresh_evidence(set(article.revisions.values_list("author_id", flat=True)))
    return article


# -- events ---------------------------------------------------------------------------------

MAX_OCCURRENCES = 52
RECURRENCE_DAYS = {Recurrence.WEEKLY: 7, Recurrence.FORTNIGHTLY: 14, Recurrence.MONTHLY: 28}


def _clean_event(*, title, description, starts_at, ends_at, location, online_url, capacity):
    errors = []
    if title is not None and (not title.strip() or len(title) > 200):
        errors.append(
            InvalidParam("title", _("Give a title of at most 200 characters."), "invalid")
        )
    if description is not None and len(description) > 10_000:
        errors.append(InvalidParam("description", _("At most 10,000 characters."), "too_long"))
    if starts_at is not None and ends_at is not None and ends_at <= starts_at:
        errors.append(InvalidParam("ends_at", _("The end lies before the start."), "before_start"))
    if location is not None and len(location) > 300:
        errors.append(InvalidParam("location", _("At most 300 characters."), "too_long"))
    if online_url:
        from django.core.exceptions import ValidationError
        from django.core.validators import URLValidator

        try:
            URLValidator(schemes=["https", "http"])(online_url)
        except ValidationError:
            errors.append(
                InvalidParam("online_url", _("Give a web address (https://...)."), "invalid")
            )
    if capacity is not None and not 1 <= capacity <= 100_000:
        errors.append(
            InvalidParam("capacity", _("Between 1 and 100,000 places, or empty."), "out_of_range")
        )
    if errors:
        raise InvalidInput(errors[0].reason, invalid_params=errors)


def event_create(
    *,
    community: Community,
    actor,
    title: str,
    starts_at,
    ends_at,
    description: str = "",
    location: str = "",
    online_url: str = "",
    capacity: int | None = None,
    visibility: str | None = None,
    recurrence: str | None = None,
    occurrences: int = 1,
) -> list[Event]:
    """Managers plan events; a recurring one is a series of ordinary events."""
    _require_moderator(actor, community)
    _require_block(community, Block.EVENTS)
    _clean_event(
        title=title,
        description=description,
        starts_at=starts_at,
        ends_at=ends_at,
        location=location,
        online_url=online_url,
        capacity=capacity,
    )
    if not location.strip() and not online_url:
        raise InvalidInput.for_field("location", _("Give a place or an online link."), "required")
    if recurrence and recurrence not in RECURRENCE_DAYS:
        raise InvalidInput.for_field(
            "recurrence", _("Choose how often it repeats."), "invalid_choice"
        )
    count = occurrences if recurrence else 1
    if not 1 <= count <= MAX_OCCURRENCES:
        raise InvalidInput.for_field(
            "occurrences",
            _("Between 1 and %(n)d occurrences.") % {"n": MAX_OCCURRENCES},
            "out_of_range",
        )
    visibility = _cap_visibility(community, visibility)
    import datetime as dt

    with transaction.atomic():
        series = (
            EventSeries.objects.create(
                community=community, recurrence=recurrence, occurrences=count
            )
            if recurrence
            else None
        )
        step = dt.timedelta(days=RECURRENCE_DAYS.get(recurrence, 0))
        events = [
            Event.objects.create(
                community=community,
                title=title.strip(),
                description=(description or "").strip(),
                starts_at=starts_at + i * step,
                ends_at=ends_at + i * step,
                location=location.strip(),
                online_url=online_url,
                capacity=capacity,
                series=series,
                visibility=visibility,
                created_by=actor,
            )
            for i in range(count)
        ]
        _touch(community)
    return events


def event_update(*, event: Event, actor, **fields) -> Event:
    """Managers change an event; more places move the waiting list up."""
    _require_moderator(actor, event.community)
    _clean_event(
        title=fields.get("title"),
        description=fields.get("description"),
        starts_at=fields.get("starts_at", event.starts_at),
        ends_at=fields.get("ends_at", event.ends_at),
        location=fields.get("location"),
        online_url=fields.get("online_url"),
        capacity=fields.get("capacity") if "capacity" in fields else None,
    )
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        for key in (
            "title",
            "description",
            "starts_at",
            "ends_at",
            "location",
            "online_url",
            "capacity",
            "cancelled",
        ):
            if key in fields:
                setattr(locked, key, fields[key])
        locked.save()
        _promote(locked)
    return locked


def _promote(event: Event) -> list[Registration]:
    """Fill free places from the waiting list, first come first served. Called with the
    event row locked."""
    if event.cancelled:
        return []
    waiting = Registration.objects.filter(event=event, status=RegistrationStatus.WAITING).order_by(
        "position", "id"
    )
    if event.capacity is None:
        free = None
    else:
        confirmed = Registration.objects.filter(
            event=event, status=RegistrationStatus.CONFIRMED
        ).count()
        free = max(0, event.capacity - confirmed)
    promoted = list(waiting if free is None else waiting[:free])
    for registration in promoted:
        registration.status = RegistrationStatus.CONFIRMED
        registration.save(update_fields=["status"])
    return promoted


def event_register(*, event: Event, actor) -> Registration:
    """Register for an event: confirmed while places last, otherwise on the waiting list.
    The event row is locked (PostgreSQL) or the write transaction is exclusive (SQLite),
    so concurrent registrations never confirm more people than there are places."""
    _require_member(actor, event.community)
    from django.utils import timezone as tz

    if event.ends_at <= tz.now():
        raise Conflict(_("This event is over."))
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        if locked.cancelled:
            raise Conflict(_("This event is cancelled."))
        existing = Registration.objects.filter(event=locked, user=actor).first()
        if existing is not None and existing.status != RegistrationStatus.CANCELLED:
            return existing
        confirmed = Registration.objects.filter(
            event=locked, status=RegistrationStatus.CONFIRMED
        ).count()
        full = locked.capacity is not None and confirmed >= locked.capacity
        position = (
            Registration.objects.filter(event=locked).aggregate(n=Max("position"))["n"] or 0
        ) + 1
        status = RegistrationStatus.WAITING if full else RegistrationStatus.CONFIRMED
        if existing is not None:
            existing.status, existing.position = status, position
            existing.checked_in_at = None
            existing.save(update_fields=["status", "position", "checked_in_at"])
            return existing
        return Registration.objects.create(
            event=locked, user=actor, status=status, position=position
        )


def event_unregister(*, event: Event, actor) -> list[Registration]:
    """Cancel one's registration; a freed place goes to the first on the waiting list.
    Returns who moved up."""
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        registration = (
            Registration.objects.filter(event=locked, user=actor)
            .exclude(status=RegistrationStatus.CANCELLED)
            .first()
        )
        if registration is None:
            raise NotFound(_("You are not registered for this event."))
        registration.status = RegistrationStatus.CANCELLED
        registration.save(update_fields=["status"])
        return _promote(locked)


def check_in(*, event: Event, actor, user_id: int) -> Registration:
    """Managers check people in at the door; a registrant checks themselves in on the day."""
    from django.utils import timezone as tz

    registration = Registration.objects.filter(
        event=event, user_id=user_id, status=RegistrationStatus.CONFIRMED
    ).first()
    if registration is None:
        raise NotFound(_("No confirmed registration for this person."))
    self_on_the_day = (
        _signed_in(actor)
        and actor.pk == user_id
        and event.starts_at.date() <= tz.now().date() <= event.ends_at.date()
    )
    if not (self_on_the_day or can_moderate(user=actor, community=event.community)):
        raise NotAllowed(_("Check-in is done by a manager, or by yourself on the day."))
    registration.checked_in_at = registration.checked_in_at or tz.now()
    registration.save(update_fields=["checked_in_at"])
    return registration


# -- reporting content --------------------------------------------------------------------

REPORTABLE = {"post": Post, "thread": Thread, "article": Article, "file": Document, "event": Event}


def _reported_object(kind: str, content_id: int):
    model = REPORTABLE.get(kind)
    if model is None:
        raise InvalidInput.for_field(
            "kind", _("This kind of content cannot be reported."), "invalid_choice"
        )
    related = ["thread__community"] if model is Post else ["community"]
    obj = model.objects.select_related(*related).filter(pk=content_id).first()
    if obj is None:
        raise NotFound(_("Nothing to report with this id."))
    return obj


def _community_of(obj) -> Community:
    return obj.thread.community if isinstance(obj, Post) else obj.community


def _excerpt(obj) -> str:
    if isinstance(obj, Post):
        return f"{obj.thread.title}: {obj.body}"[:300]
    return str(getattr(obj, "title", obj))[:300]


def _can_read(user, obj) -> bool:
    community = _community_of(obj)
    if not can_see(user=user, community=community):
        return False
    target = obj.thread if isinstance(obj, Post) else obj
    return target.is_visible_to(user)


@dataclass
class Reportable:
    kind: str
    obj: object
    excerpt: str


def reportable_get(*, actor, community: Community, kind: str, content_id: int) -> Reportable:
    """What `actor` wants to report in `community`: it must exist there and be readable
    to them; otherwise it does not exist for them."""
    obj = _reported_object(kind, content_id)
    if _community_of(obj).pk != community.pk or not _can_read(actor, obj):
        raise NotFound(_("Nothing to report with this id."))
    return Reportable(kind=kind, obj=obj, excerpt=_excerpt(obj))


def report_create(*, actor, kind: str, content_id: int, reason: str) -> Report:
    """Any signed-in person reports what they can read; once while the report is open."""
    if not _signed_in(actor):
        raise NotAllowed(_("Sign in to report a problem."))
    obj = _reported_object(kind, content_id)
    if not _can_read(actor, obj):
        raise NotFound(_("Nothing to report with this id."))
    reason = _clean_text("reason", reason, 2000)
    try:
        with transaction.atomic():
            return Report.objects.create(
                community=_community_of(obj),
                reporter=actor,
                content_kind=kind,
                content_id=obj.pk,
                excerpt=_excerpt(obj),
                reason=reason,
            )
    except IntegrityError as exc:
        raise Conflict(_("You reported this already; a moderator will look at it.")) from exc


def _set_hidden(obj, actor, hidden: bool) -> None:
    if isinstance(obj, Post):
        post_hide(post=obj, actor=actor, hidden=hidden)
    elif isinstance(obj, Thread):
        thread_moderate(thread=obj, actor=actor, hidden=hidden)
    elif isinstance(obj, Article):
        article_hide(article=obj, actor=actor, hidden=hidden)
    elif isinstance(obj, Document):
        obj.hidden = hidden
        obj.save(update_fields=["hidden"])
    elif isinstance(obj, Event):
        event_update(event=obj, actor=actor, cancelled=hidden)


def report_resolve(*, report: Report, actor, hide: bool, note: str = "") -> Report:
    """A manager of the community (or a platform administrator) hides the content or
    finds nothing wrong; the reporter is told the outcome."""
    from django.urls import reverse

    from eenoverheid.notifications import services as notifications

    _require_moderator(actor, report.community)
    with transaction.atomic():
        locked = Report.objects.select_for_update().get(pk=report.pk)
        if locked.status != ReportStatus.OPEN:
            raise Conflict(_("This report has been handled already."))
        obj = REPORTABLE[locked.content_kind].objects.filter(pk=locked.content_id).first()
        if hide and obj is not None:
            _set_hidden(obj, actor, True)
        locked.status = ReportStatus.HIDDEN if hide else ReportStatus.DISMISSED
        locked.handled_by, locked.handled_at = actor, timezone.now()
        locked.note = (note or "").strip()[:500]
        locked.save(update_fields=["status", "handled_by", "handled_at", "note"])
        outcome = (
            _("The content you reported in %(community)s has been hidden.")
            if hide
            else _("A moderator of %(community)s looked at what you reported and left it as it is.")
        ) % {"community": locked.community.name}
        if locked.note:
            outcome = f"{outcome} {locked.note}"[:300]
        notifications.notify(
            user_ids=[locked.reporter_id],
            kind="communities.report_outcome",
            text=outcome,
            url=reverse("communities:detail", args=[locked.community.slug]),
        )
        audit_record(
            actor=actor,
            action="communities.report_resolve",
            obj=locked.community,
            changes={"report": locked.pk, "hidden": hide},
        )
    return locked


def report_restore(*, report: Report, actor) -> Report:
    """Show hidden content again (a report was wrong after all)."""
    _require_moderator(actor, report.community)
    obj = REPORTABLE[report.content_kind].objects.filter(pk=report.content_id).first()
    if obj is not None:
        _set_hidden(obj, actor, False)
    report.status = ReportStatus.DISMISSED
    report.save(update_fields=["status"])
    return report
