"""`/api/v1/communities`: communities, membership, discussions and questions, files.
Secret communities answer 404 to non-members: they do not exist for them."""

from datetime import datetime
from typing import Literal

from django.urls import reverse
from ninja import Field, File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from eenoverheid.accounts import auth
from eenoverheid.communities import selectors, services
from eenoverheid.communities.markdown import render
from eenoverheid.communities.models import Article, Community, Document, Post, Thread
from eenoverheid.core.api_schemas import InputSchema, Problem
from eenoverheid.core.errors import NotFound

router = Router(tags=["communities"])

JOIN_POLICY = Literal["open", "closed", "secret"]
BLOCK = Literal["discussions", "questions", "articles", "events", "files"]
PROFILE_FIELD = Literal["job_title", "bio", "work_municipality", "skills"]
VISIBILITY = Literal["public", "signed_in", "members"]
ROLE = Literal["owner", "manager", "member"]
REACTION = Literal["thanks", "agree", "insightful"]


class CommunityOut(Schema):
    id: int
    slug: str
    name: str
    description: str
    join_policy: str
    parent: str | None = Field(None, description="The parent community's slug.")
    blocks: list[str]
    required_profile_fields: list[str]
    member_count: int = 0
    last_activity_at: datetime
    url: str

    @staticmethod
    def resolve_parent(obj: Community) -> str | None:
        return obj.parent.slug if obj.parent_id else None

    @staticmethod
    def resolve_url(obj: Community) -> str:
        return reverse("communities:detail", args=[obj.slug])


class CommunityIn(InputSchema):
    name: str = Field(min_length=1, max_length=150)
    description: str = Field("", max_length=5000)
    join_policy: JOIN_POLICY = "open"
    parent: str | None = Field(None, max_length=80, description="Slug of the parent community.")
    blocks: list[BLOCK] = Field(
        ["discussions", "questions", "articles", "events", "files"], min_length=1, max_length=5
    )
    required_profile_fields: list[PROFILE_FIELD] = Field([], max_length=4)


class CommunityPatch(InputSchema):
    name: str | None = Field(None, min_length=1, max_length=150)
    description: str | None = Field(None, max_length=5000)
    join_policy: JOIN_POLICY | None = None
    blocks: list[BLOCK] | None = Field(None, min_length=1, max_length=5)
    required_profile_fields: list[PROFILE_FIELD] | None = Field(None, max_length=4)


class CommunityFilters(Schema):
    q: str | None = Field(None, max_length=200)
    mine: bool = False


def _community(request, community_id: int) -> Community:
    community = Community.objects.select_related("parent").filter(pk=community_id).first()
    if community is None or not services.can_see(user=request.user, community=community):
        raise NotFound("No community with this id.")
    community.member_count = selectors.member_count(community)
    return community


@router.get(
    "/communities",
    response={200: list[CommunityOut], 400: Problem},
    auth=auth.OPTIONAL,
    summary="Communities you can see, most active first",
)
@paginate
def community_list(request, filters: Query[CommunityFilters]):
    return selectors.community_list(viewer=request.user, q=filters.q or "", mine=filters.mine)


@router.post(
    "/communities",
    response={201: CommunityOut, 400: Problem, 401: Problem, 403: Problem, 404: Problem},
    auth=auth.REQUIRED,
    summary="Start a community (or a working group inside one you manage)",
)
def community_create(request, payload: CommunityIn):
    parent = None
    if payload.parent:
        parent = selectors.community_get(viewer=request.user, slug=payload.parent)
    community = services.community_create(
        actor=request.user,
        name=payload.name,
        description=payload.description,
        join_policy=payload.join_policy,
        parent=parent,
        blocks=list(payload.blocks),
        required_profile_fields=list(payload.required_profile_fields),
    )
    return Status(201, _community(request, community.pk))


@router.get(
    "/communities/{community_id}",
    response={200: CommunityOut, 404: Problem},
    auth=auth.OPTIONAL,
    summary="One community",
)
def community_read(request, community_id: int):
    return _community(request, community_id)


@router.patch(
    "/communities/{community_id}",
    response={200: CommunityOut, 400: Problem, 401: Problem, 403: Problem, 404: Problem},
    auth=auth.REQUIRED,
    summary="Change a community (its owners and managers)",
)
def community_update(request, community_id: int, payload: CommunityPatch):
    community = _community(request, community_id)
    services.community_update(
        community=community, actor=request.user, **payload.model_dump(exclude_unset=True)
    )
    return _community(request, community_id)


class CommunityMembershipOut(Schema):
    user_id: int
    name: str
    role: str
    status: str
    since: datetime


def _membership(m) -> dict:
    return {
        "user_id": m.user_id,
        "name": str(m.user),
        "role": m.role,
        "status": m.status,
        "since": m.created_at,
    }


@router.post(
    "/communities/{community_id}/join",
    response={
        200: CommunityMembershipOut,
        400: Problem,
        401: Problem,
        403: Problem,
        404: Problem,
        409: Problem,
    },
    auth=auth.REQUIRED,
    summary="Join an open community, ask to join a closed one, or accept an invitation",
)
def join(request, community_id: int):
    membership = services.join(community=_community(request, community_id), actor=request.user)
    return _membership(membership)


@router.post(
    "/communities/{community_id}/leave",
    response={204: None, 401: Problem, 403: Problem, 404: Problem, 409: Problem},
    auth=auth.REQUIRED,
    summary="Leave a community",
)
def leave(request, community_id: int):
    services.leave(community=_community(request, community_id), actor=request.user)
    return Status(204, None)


class MemberFilters(Schema):
    status: Literal["active", "requested", "invited"] = "active"


@router.get(
    "/communities/{community_id}/members",
    response={200: list[CommunityMembershipOut], 400: Problem, 403: Problem, 404: Problem},
    auth=auth.OPTIONAL,
    summary="Members; requests and invitations for the community's managers",
)
@paginate
def members(request, community_id: int, filters: Query[MemberFilters]):
    community = _community(request, community_id)
    if filters.status != "active" and not services.can_moderate(
        user=request.user, community=community
    ):
        from eenoverheid.core.errors import NotAllowed

        raise NotAllowed("Only managers see requests and invitations.")
    return [_membership(m) for m in selectors.members_of(community, status=filters.status)]


class InviteIn(InputSchema):
    user_id: int | None = Field(None, ge=1, le=2**31 - 1)
    email: str | None = Field(None, max_length=254)


@router.post(
    "/communities/{community_id}/invitations",
    response={
        201: CommunityMembershipOut,
        400: Problem,
        401: Problem,
        403: Problem,
        404: Problem,
        409: Problem,
    },
    auth=auth.REQUIRED,
    summary="Invite a civil servant by account id or e-mail address",
)
def invite(request, community_id: int, payload: InviteIn):
    membership = services.invite(
        community=_community(request, community_id),
        actor=request.user,
        user_id=payload.user_id,
        email=payload.email,
    )
    return Status(201, _membership(membership))


class RequestAnswerIn(InputSchema):
    approve: bool


@router.post(
    "/communities/{community_id}/requests/{user_id}",
    response={204: None, 400: Problem, 401: Problem, 403: Problem, 404: Problem},
    auth=auth.REQUIRED,
    summary="Approve or decline a request to join",
)
def request_answer(request, community_id: int, user_id: int, payload: RequestAnswerIn):
    services.request_answer(
        community=_community(request, community_id),
        actor=request.user,
        user_id=user_id,
        approve=payload.approve,
    )
    return Status(204, None)


class CommunityRoleIn(InputSchema):
    role: ROLE


@router.patch(
    "/communities/{community_id}/members/{user_id}",
    response={200: CommunityMembershipOut, 400: Problem, 401: Problem, 403: Problem, 404: Problem},
    auth=auth.REQUIRED,
    summary="Change a member's role",
)
def role_set(request, community_id: int, user_id: int, payload: CommunityRoleIn):
    membership = services.role_set(
        community=_community(request, community_id),
        actor=request.user,
        user_id=user_id,
        role=payload.role,
    )
    return _membership(membership)


@router.delete(
    "/communities/{community_id}/members/{user_id}",
    response={204: None, 401: Problem, 403: Problem, 404: Problem},
    auth=auth.REQUIRED,
    summary="Remove a member",
)
def member_remove(request, community_id: int, user_id: int):
    services.member_remove(
        community=_community(request, community_id), actor=request.user, user_id=user_id
    )
    return Status(204, None)


# -- threads and posts ---------------------------------------------------------------------------


class ThreadOut(Schema):
    id: int
    kind: str
    title: str
    author: str | None
    visibility: str
    pinned: bool
    closed: bool
    answered: bool
    reply_count: int
    created_at: datetime
    last_activity_at: datetime
    url: str

    @staticmethod
    def resolve_author(obj: Thread) -> str | None:
        return str(obj.author) if obj.author_id else None

    @staticmethod
    def resolve_answered(obj: Thread) -> bool:
        return obj.accepted_post_id is not None

    @staticmethod
    def resolve_url(obj: Thread) -> str:
        return reverse("communities:thread", args=[obj.community.slug, obj.pk])


class PostOut(Schema):
    id: int
    author: str | None
    body: str = Field(description="Markdown as written.")
    html: str = Field(description="The Markdown rendered and sanitized.")
    quote_of: int | None
    accepted: bool
    created_at: datetime
    edited_at: datetime | None
    reactions: dict[str, int]


def _post(post: Post, thread: Thread) -> dict:
    return {
        "id": post.pk,
        "author": str(post.author) if post.author_id else None,
        "body": post.body,
        "html": str(render(post.body)),
        "quote_of": post.quote_of_id,
        "accepted": post.pk == thread.accepted_post_id,
        "created_at": post.created_at,
        "edited_at": post.edited_at,
        "reactions": {k: getattr(post, f"{k}_count", 0) for k in ("thanks", "agree", "insightful")},
    }


class ThreadDetailOut(Schema):
    id: int
    kind: str
    title: str
    author: str | None
    visibility: str
    pinned: bool
    closed: bool
    answered: bool
    reply_count: int
    created_at: datetime
    last_activity_at: datetime
    url: str
    posts: list[PostOut]
    page: int
    pages: int


class ThreadFilters(Schema):
    kind: Literal["discussion", "question"] | None = None
    unanswered: bool = False
    q: str | None = Field(None, max_length=200)


class ThreadIn(InputSchema):
    kind: Literal["discussion", "question"] = "discussion"
    title: str = Field(min_length=1, max_length=200)
    body: str = Field(min_length=1, max_length=20_000)
    visibility: VISIBILITY = "signed_in"


class ThreadPatch(InputSchema):
    pinned: bool | None = None
    closed: bool | None = None
    hidden: bool | None = None
    accepted_post: int | None = Field(
        None, ge=0, le=2**31 - 1, description="0 takes the acceptance back."
    )


def _thread(request, community_id: int, thread_id: int) -> Thread:
    return selectors.thread_get(
        viewer=request.user, community=_community(request, community_id), pk=thread_id
    )


@router.get(
    "/communities/{community_id}/threads",
    response={200: list[ThreadOut], 400: Problem, 404: Problem},
    auth=auth.OPTIONAL,
    summary="Discussions and questions you may read, pinned first",
)
@paginate
def thread_list(request, community_id: int, filters: Query[ThreadFilters]):
    community = _community(request, community_id)
    return selectors.thread_list(
        viewer=request.user,
        community=community,
        kind=filters.kind,
        unanswered=filters.unanswered,
        q=filters.q or "",
    ).select_related("community")


@router.post(
    "/communities/{community_id}/threads",
    response={201: ThreadOut, 400: Problem, 401: Problem, 403: Problem, 404: Problem},
    auth=auth.REQUIRED,
    summary="Start a discussion or ask a question",
)
def thread_create(request, community_id: int, payload: ThreadIn):
    thread = services.thread_start(
        community=_community(request, community_id),
        actor=request.user,
        kind=payload.kind,
        title=payload.title,
        body=payload.body,
        visibility=payload.visibility,
    )
    return Status(201, thread)


class PageParams(Schema):
    page: int = Field(1, ge=1, le=100_000)


@router.get(
    "/communities/{community_id}/threads/{thread_id}",
    response={200: ThreadDetailOut, 400: Problem, 404: Problem},
    auth=auth.OPTIONAL,
    summary="A thread with one page of its posts (50 per page)",
)
def thread_read(request, community_id: int, thread_id: int, params: Query[PageParams]):
    thread = _thread(request, community_id, thread_id)
    posts = selectors.posts_page(viewer=request.user, thread=thread, page_number=params.page)
    data = ThreadOut.from_orm(thread).model_dump()
    data.update(
        posts=[_post(p, thread) for p in posts.posts],
        page=posts.page.number,
        pages=posts.page.paginator.num_pages,
    )
    return data


@router.patch(
    "/communities/{community_id}/threads/{thread_id}",
    response={200: ThreadOut, 400: Problem, 401: Problem, 403: Problem, 404: Problem},
    auth=auth.REQUIRED,
    summary="Pin, close or hide a thread (managers); accept an answer (asker or managers)",
)
def thread_update(request, community_id: int, thread_id: int, payload: ThreadPatch):
    thread = _thread(request, community_id, thread_id)
    changes = payload.model_dump(exclude_unset=True)
    moderation = {k: changes[k] for k in ("pinned", "closed", "hidden") if k in changes}
    if moderation:
        services.thread_moderate(thread=thread, actor=request.user, **moderation)
    if "accepted_post" in changes:
        services.answer_accept(
            thread=thread, actor=request.user, post_id=changes["accepted_post"] or None
        )
    return thread


class ReplyIn(InputSchema):
    body: str = Field(min_length=1, max_length=20_000)
    quote_of: int | None = Field(None, ge=1, le=2**31 - 1)


@router.post(
    "/communities/{community_id}/threads/{thread_id}/posts",
    response={201: PostOut, 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem},
    auth=auth.REQUIRED,
    summary="Reply",
)
def reply(request, community_id: int, thread_id: int, payload: ReplyIn):
    thread = _thread(request, community_id, thread_id)
    post = services.reply(
        thread=thread, actor=request.user, body=payload.body, quote_of_id=payload.quote_of
    )
    return Status(201, _post(post, thread))


def _post_of(request, community_id: int, post_id: int) -> Post:
    community = _community(request, community_id)
    post = (
        Post.objects.select_related("thread", "thread__community")
        .filter(pk=post_id, thread__community=community)
        .first()
    )
    if (
        post is None
        or not post.thread.is_visible_to(request.user)
        or (post.hidden and not services.can_moderate(user=request.user, community=community))
    ):
        raise NotFound("No post with this id.")
    return post


class EditIn(InputSchema):
    body: str = Field(min_length=1, max_length=20_000)


@router.patch(
    "/communities/{community_id}/posts/{post_id}",
    response={200: PostOut, 400: Problem, 401: Problem, 403: Problem, 404: Problem},
    auth=auth.REQUIRED,
    summary="Edit a post (its author or a manager); it shows as edited",
)
def post_edit(request, community_id: int, post_id: int, payload: EditIn):
    post = _post_of(request, community_id, post_id)
    services.post_edit(post=post, actor=request.user, body=payload.body)
    return _post(post, post.thread)


class ReactionOut(Schema):
    kind: str
    count: int


@router.put(
    "/communities/{community_id}/posts/{post_id}/reactions/{kind}",
    response={200: ReactionOut, 400: Problem, 401: Problem, 403: Problem, 404: Problem},
    auth=auth.REQUIRED,
    summary="React to a post",
)
def react(request, community_id: int, post_id: int, kind: REACTION):
    count = services.react(
        post=_post_of(request, community_id, post_id), actor=request.user, kind=kind, on=True
    )
    return {"kind": kind, "count": count}


@router.delete(
    "/communities/{community_id}/posts/{post_id}/reactions/{kind}",
    response={200: ReactionOut, 400: Problem, 401: Problem, 403: Problem, 404: Problem},
    auth=auth.REQUIRED,
    summary="Take a reaction back",
)
def unreact(request, community_id: int, post_id: int, kind: REACTION):
    count = services.react(
        post=_post_of(request, community_id, post_id), actor=request.user, kind=kind, on=False
    )
    return {"kind": kind, "count": count}


# -- files ---------------------------------------------------------------------------------------


class VersionOut(Schema):
    number: int
    original_name: str
    content_type: str
    size: int
    note: str
    created_at: datetime
    download_url: str


class DocumentOut(Schema):
    id: int
    title: str
    description: str
    visibility: str
    download_count: int
    updated_at: datetime
    versions: list[VersionOut]

    @staticmethod
    def resolve_versions(obj: Document) -> list[dict]:
        return [
            {
                "number": v.number,
                "original_name": v.original_name,
                "content_type": v.content_type,
                "size": v.size,
                "note": v.note,
                "created_at": v.created_at,
                "download_url": reverse(
                    "communities:download", args=[obj.community.slug, obj.pk, v.number]
                ),
            }
            for v in obj.versions.all()
        ]


class DocumentForm(Schema):
    title: str = Field("", max_length=200)
    description: str = Field("", max_length=2000)
    visibility: VISIBILITY = "signed_in"


class VersionForm(Schema):
    note: str = Field("", max_length=300)


@router.get(
    "/communities/{community_id}/files",
    response={200: list[DocumentOut], 404: Problem},
    auth=auth.OPTIONAL,
    summary="Files you may see, with their versions",
)
@paginate
def document_list(request, community_id: int):
    community = _community(request, community_id)
    return (
        selectors.documents_of(viewer=request.user, community=community)
        .select_related("community")
        .prefetch_related("versions")
    )


@router.post(
    "/communities/{community_id}/files",
    response={201: DocumentOut, 400: Problem, 401: Problem, 403: Problem, 404: Problem},
    auth=auth.REQUIRED,
    summary="Upload a file (PDF, office, text, CSV, Markdown, PNG or JPEG; at most 20 MB)",
)
def document_upload(request, community_id: int, file: File[UploadedFile], form: Form[DocumentForm]):
    document = services.document_upload(
        community=_community(request, community_id),
        actor=request.user,
        title=form.title,
        description=form.description,
        upload=file,
        visibility=form.visibility,
    )
    return Status(201, document)


@router.post(
    "/communities/{community_id}/files/{file_id}/versions",
    response={201: DocumentOut, 400: Problem, 401: Problem, 403: Problem, 404: Problem},
    auth=auth.REQUIRED,
    summary="Upload a new version",
)
def document_version(
    request, community_id: int, file_id: int, file: File[UploadedFile], form: Form[VersionForm]
):
    community = _community(request, community_id)
    document = selectors.document_get(viewer=request.user, community=community, pk=file_id)
    services.document_new_version(
        document=document, actor=request.user, upload=file, note=form.note
    )
    return Status(201, document)


# -- knowledge articles ----------------------------------------------------------------------


class ArticleOut(Schema):
    id: int
    slug: str
    title: str
    visibility: str
    revision: int
    body: str = Field(description="Markdown of the current revision; [[Title]] links.")
    updated_at: datetime
    url: str

    @staticmethod
    def resolve_revision(obj: Article) -> int:
        return obj.current.number if obj.current_id else 0

    @staticmethod
    def resolve_body(obj: Article) -> str:
        return obj.current.body if obj.current_id else ""

    @staticmethod
    def resolve_url(obj: Article) -> str:
        return reverse("communities:article", args=[obj.community.slug, obj.slug])


class ArticleIn(InputSchema):
    title: str = Field(min_length=1, max_length=200)
    body: str = Field(min_length=1, max_length=100_000)
    visibility: VISIBILITY = "signed_in"


class ArticleEditIn(InputSchema):
    title: str = Field(min_length=1, max_length=200)
    body: str = Field(min_length=1, max_length=100_000)
    note: str = Field("", max_length=300)
    base_revision: int | None = Field(
        None,
        ge=1,
        le=2**31 - 1,
        description="The revision the edit started from: a newer one is a 409.",
    )


class RevisionOut(Schema):
    number: int
    title: str
    note: str
    author: str | None
    created_at: datetime

    @staticmethod
    def resolve_author(obj) -> str | None:
        return str(obj.author) if obj.author_id else None


class DiffLineOut(Schema):
    op: Literal["same", "added", "removed"]
    text: str


class DiffParams(Schema):
    old: int = Field(ge=1, le=2**31 - 1, alias="from")
    new: int = Field(ge=1, le=2**31 - 1, alias="to")


class RestoreIn(InputSchema):
    number: int = Field(ge=1, le=2**31 - 1)


def _article_of(request, community_id: int, article_id: int) -> Article:
    community = _community(request, community_id)
    article = Article.objects.filter(community=community, pk=article_id).first()
    if article is None:
        raise NotFound("No article with this id.")
    return selectors.article_get(viewer=request.user, community=community, slug=article.slug)


@router.get(
    "/communities/{community_id}/articles",
    response={200: list[ArticleOut], 400: Problem, 404: Problem},
    auth=auth.OPTIONAL,
    summary="Knowledge articles you may read",
)
@paginate
def article_list(request, community_id: int, q: str = Query("", max_length=200)):
    community = _community(request, community_id)
    return selectors.article_list(viewer=request.user, community=community, q=q).select_related(
        "community"
    )


@router.post(
    "/communities/{community_id}/articles",
    response={201: ArticleOut, 400: Problem, 401: Problem, 403: Problem, 404: Problem},
    auth=auth.REQUIRED,
    summary="Write a knowledge article",
)
def article_create(request, community_id: int, payload: ArticleIn):
    article = services.article_create(
        community=_community(request, community_id),
        actor=request.user,
        title=payload.title,
        body=payload.body,
        visibility=payload.visibility,
    )
    return Status(201, _article_of(request, community_id, article.pk))


@router.get(
    "/communities/{community_id}/articles/{article_id}",
    response={200: ArticleOut, 404: Problem},
    auth=auth.OPTIONAL,
    summary="One knowledge article, its current revision",
)
def article_read(request, community_id: int, article_id: int):
    return _article_of(request, community_id, article_id)


@router.patch(
    "/communities/{community_id}/articles/{article_id}",
    response={
        200: ArticleOut,
        400: Problem,
        401: Problem,
        403: Problem,
        404: Problem,
        409: Problem,
    },
    auth=auth.REQUIRED,
    summary="Edit: saves a new revision",
)
def article_edit(request, community_id: int, article_id: int, payload: ArticleEditIn):
    article = _article_of(request, community_id, article_id)
    services.article_edit(
        article=article,
        actor=request.user,
        title=payload.title,
        body=payload.body,
        note=payload.note,
        base_revision=payload.base_revision,
    )
    return _article_of(request, community_id, article_id)


@router.get(
    "/communities/{community_id}/articles/{article_id}/revisions",
    response={200: list[RevisionOut], 404: Problem},
    auth=auth.OPTIONAL,
    summary="The history",
)
@paginate
def article_revisions(request, community_id: int, article_id: int):
    return _article_of(request, community_id, article_id).revisions.select_related("author")


@router.get(
    "/communities/{community_id}/articles/{article_id}/diff",
    response={200: list[DiffLineOut], 400: Problem, 404: Problem},
    auth=auth.OPTIONAL,
    summary="Line by line changes between two revisions (?from=1&to=2)",
)
def article_diff(request, community_id: int, article_id: int, params: Query[DiffParams]):
    from eenoverheid.communities.wiki import diff

    article = _article_of(request, community_id, article_id)
    revisions = {r.number: r for r in article.revisions.filter(number__in=[params.old, params.new])}
    if params.old not in revisions or params.new not in revisions:
        raise NotFound("No such revision of this article.")
    return [
        {"op": line.op, "text": line.text}
        for line in diff(revisions[params.old].body, revisions[params.new].body)
    ]


@router.post(
    "/communities/{community_id}/articles/{article_id}/restore",
    response={200: ArticleOut, 400: Problem, 401: Problem, 403: Problem, 404: Problem},
    auth=auth.REQUIRED,
    summary="Make an old revision current again (as a new revision)",
)
def article_restore(request, community_id: int, article_id: int, payload: RestoreIn):
    article = _article_of(request, community_id, article_id)
    services.article_restore(article=article, actor=request.user, number=payload.number)
    return _article_of(request, community_id, article_id)


# -- events -----------------------------------------------------------------------------------


class EventOut(Schema):
    id: int
    title: str
    description: str
    starts_at: datetime
    ends_at: datetime
    location: str
    online_url: str = Field(description="Only for registered participants and managers.")
    capacity: int | None
    confirmed: int
    waiting: int
    cancelled: bool
    series_id: int | None
    visibility: str
    ical_url: str


class EventIn(InputSchema):
    title: str = Field(min_length=1, max_length=200)
    description: str = Field("", max_length=10_000)
    starts_at: datetime
    ends_at: datetime
    location: str = Field("", max_length=300)
    online_url: str = Field("", max_length=500)
    capacity: int | None = Field(None, ge=1, le=100_000)
    visibility: VISIBILITY = "signed_in"
    recurrence: Literal["weekly", "fortnightly", "monthly"] | None = None
    occurrences: int = Field(1, ge=1, le=52)


class RegistrationOut(Schema):
    event_id: int
    user_id: int
    name: str
    status: str
    waiting_position: int | None
    checked_in_at: datetime | None


def _event_out(request, event) -> dict:
    from eenoverheid.communities.models import Registration, RegistrationStatus

    counts = dict.fromkeys(RegistrationStatus.values, 0)
    for status in event.registrations.values_list("status", flat=True):
        counts[status] += 1
    registered = (
        request.user.is_authenticated
        and Registration.objects.filter(
            event=event, user=request.user, status=RegistrationStatus.CONFIRMED
        ).exists()
    )
    show_link = registered or services.can_moderate(user=request.user, community=event.community)
    return {
        "id": event.pk,
        "title": event.title,
        "description": event.description,
        "starts_at": event.starts_at,
        "ends_at": event.ends_at,
        "location": event.location,
        "online_url": event.online_url if show_link else "",
        "capacity": event.capacity,
        "confirmed": counts[RegistrationStatus.CONFIRMED],
        "waiting": counts[RegistrationStatus.WAITING],
        "cancelled": event.cancelled,
        "series_id": event.series_id,
        "visibility": event.visibility,
        "ical_url": reverse("communities:event_ics", args=[event.community.slug, event.pk]),
    }


def _registration_out(registration) -> dict:
    from eenoverheid.communities.models import Registration, RegistrationStatus

    position = None
    if registration.status == RegistrationStatus.WAITING:
        position = (
            Registration.objects.filter(
                event_id=registration.event_id,
                status=RegistrationStatus.WAITING,
                position__lt=registration.position,
            ).count()
            + 1
        )
    return {
        "event_id": registration.event_id,
        "user_id": registration.user_id,
        "name": str(registration.user),
        "status": registration.status,
        "waiting_position": position,
        "checked_in_at": registration.checked_in_at,
    }


def _event_of(request, community_id: int, event_id: int):
    return selectors.event_get(
        viewer=request.user, community=_community(request, community_id), pk=event_id
    )


class EventFilters(Schema):
    past: bool = False


@router.get(
    "/communities/{community_id}/events",
    response={200: list[EventOut], 400: Problem, 404: Problem},
    auth=auth.OPTIONAL,
    summary="Upcoming (or past) events you may see",
)
@paginate
def event_list(request, community_id: int, filters: Query[EventFilters]):
    community = _community(request, community_id)
    return [
        _event_out(request, e)
        for e in selectors.event_list(
            viewer=request.user, community=community, past=filters.past
        ).select_related("community")[:500]
    ]


@router.post(
    "/communities/{community_id}/events",
    response={201: list[EventOut], 400: Problem, 401: Problem, 403: Problem, 404: Problem},
    auth=auth.REQUIRED,
    summary="Plan an event, or a series of them (managers)",
)
def event_create(request, community_id: int, payload: EventIn):
    events = services.event_create(
        community=_community(request, community_id),
        actor=request.user,
        title=payload.title,
        description=payload.description,
        starts_at=payload.starts_at,
        ends_at=payload.ends_at,
        location=payload.location,
        online_url=payload.online_url,
        capacity=payload.capacity,
        visibility=payload.visibility,
        recurrence=payload.recurrence,
        occurrences=payload.occurrences,
    )
    return Status(201, [_event_out(request, e) for e in events])


@router.get(
    "/communities/{community_id}/events/{event_id}",
    response={200: EventOut, 404: Problem},
    auth=auth.OPTIONAL,
    summary="One event",
)
def event_read(request, community_id: int, event_id: int):
    return _event_out(request, _event_of(request, community_id, event_id))


@router.put(
    "/communities/{community_id}/events/{event_id}/registration",
    response={200: RegistrationOut, 401: Problem, 403: Problem, 404: Problem, 409: Problem},
    auth=auth.REQUIRED,
    summary="Register: confirmed while places last, otherwise on the waiting list",
)
def event_register(request, community_id: int, event_id: int):
    registration = services.event_register(
        event=_event_of(request, community_id, event_id), actor=request.user
    )
    return _registration_out(registration)


@router.delete(
    "/communities/{community_id}/events/{event_id}/registration",
    response={204: None, 401: Problem, 404: Problem},
    auth=auth.REQUIRED,
    summary="Cancel one's registration; the first on the waiting list moves up",
)
def event_unregister(request, community_id: int, event_id: int):
    services.event_unregister(event=_event_of(request, community_id, event_id), actor=request.user)
    return Status(204, None)


@router.get(
    "/communities/{community_id}/events/{event_id}/registrations",
    response={200: list[RegistrationOut], 401: Problem, 403: Problem, 404: Problem},
    auth=auth.REQUIRED,
    summary="Participants and waiting list (managers)",
)
def event_registrations(request, community_id: int, event_id: int):
    from eenoverheid.core.errors import NotAllowed

    event = _event_of(request, community_id, event_id)
    if not services.can_moderate(user=request.user, community=event.community):
        raise NotAllowed("Only managers see the participants.")
    groups = selectors.registrations_of(event)
    return [_registration_out(r) for r in groups["confirmed"] + groups["waiting"]]


@router.post(
    "/communities/{community_id}/events/{event_id}/check-ins/{user_id}",
    response={200: RegistrationOut, 401: Problem, 403: Problem, 404: Problem},
    auth=auth.REQUIRED,
    summary="Check a participant in (managers, or oneself on the day)",
)
def event_check_in(request, community_id: int, event_id: int, user_id: int):
    registration = services.check_in(
        event=_event_of(request, community_id, event_id), actor=request.user, user_id=user_id
    )
    return _registration_out(registration)


class CommunityFollowOut(Schema):
    following: bool


@router.put(
    "/communities/{community_id}/follow",
    response={200: CommunityFollowOut, 401: Problem, 404: Problem},
    auth=auth.REQUIRED,
    summary="Follow a community: new threads become notifications",
)
def community_follow(request, community_id: int):
    return {
        "following": services.follow(
            obj=_community(request, community_id), actor=request.user, following=True
        )
    }


@router.delete(
    "/communities/{community_id}/follow",
    response={200: CommunityFollowOut, 401: Problem, 404: Problem},
    auth=auth.REQUIRED,
    summary="Stop following a community",
)
def community_unfollow(request, community_id: int):
    return {
        "following": services.follow(
            obj=_community(request, community_id), actor=request.user, following=False
        )
    }


@router.put(
    "/communities/{community_id}/threads/{thread_id}/follow",
    response={200: CommunityFollowOut, 401: Problem, 404: Problem},
    auth=auth.REQUIRED,
    summary="Follow a thread: replies become notifications",
)
def thread_follow(request, community_id: int, thread_id: int):
    return {
        "following": services.follow(
            obj=_thread(request, community_id, thread_id), actor=request.user, following=True
        )
    }


@router.delete(
    "/communities/{community_id}/threads/{thread_id}/follow",
    response={200: CommunityFollowOut, 401: Problem, 404: Problem},
    auth=auth.REQUIRED,
    summary="Stop following a thread",
)
def thread_unfollow(request, community_id: int, thread_id: int):
    return {
        "following": services.follow(
            obj=_thread(request, community_id, thread_id), actor=request.user, following=False
        )
    }


# -- reports ----------------------------------------------------------------------------------


class ReportIn(InputSchema):
    kind: Literal["post", "thread", "article", "file", "event"]
    id: int = Field(ge=1, le=2**63 - 1)
    reason: str = Field(min_length=1, max_length=2000)


class ReportOut(Schema):
    id: int
    kind: str
    content_id: int
    excerpt: str
    reason: str
    status: str
    note: str
    created_at: datetime

    @staticmethod
    def resolve_kind(obj) -> str:
        return obj.content_kind


class ResolveIn(InputSchema):
    hide: bool
    note: str = Field("", max_length=500)


class ReportFilters(Schema):
    status: Literal["open", "hidden", "dismissed"] = "open"


@router.post(
    "/communities/{community_id}/reports",
    response={201: ReportOut, 400: Problem, 401: Problem, 404: Problem, 409: Problem},
    auth=auth.REQUIRED,
    summary="Report a problem with a post, thread, article, file or event",
)
def report_create(request, community_id: int, payload: ReportIn):
    community = _community(request, community_id)
    services.reportable_get(
        actor=request.user, community=community, kind=payload.kind, content_id=payload.id
    )
    return Status(
        201,
        services.report_create(
            actor=request.user, kind=payload.kind, content_id=payload.id, reason=payload.reason
        ),
    )


@router.get(
    "/communities/{community_id}/reports",
    response={200: list[ReportOut], 400: Problem, 401: Problem, 403: Problem, 404: Problem},
    auth=auth.REQUIRED,
    summary="The moderation queue (managers)",
)
@paginate
def report_list(request, community_id: int, filters: Query[ReportFilters]):
    from eenoverheid.communities.models import Report
    from eenoverheid.core.errors import NotAllowed

    community = _community(request, community_id)
    if not services.can_moderate(user=request.user, community=community):
        raise NotAllowed("Only the community's owners and managers see reports.")
    return Report.objects.filter(community=community, status=filters.status)


@router.post(
    "/communities/{community_id}/reports/{report_id}/resolve",
    response={200: ReportOut, 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem},
    auth=auth.REQUIRED,
    summary="Hide the reported content, or find nothing wrong; the reporter is told",
)
def report_resolve(request, community_id: int, report_id: int, payload: ResolveIn):
    from eenoverheid.communities.models import Report

    community = _community(request, community_id)
    item = Report.objects.filter(community=community, pk=report_id).first()
    if item is None:
        raise NotFound("No report with this id.")
    return services.report_resolve(
        report=item, actor=request.user, hide=payload.hide, note=payload.note
    )
