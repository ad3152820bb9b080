"""`/api/v1/reviews`: four-eyes peer review between organizations. Asking reserves the
points on the organization's account; accepting the review pays them to the reviewer's
organization; withdrawal and the deadline release them. The document and the review are
only for the requester, the reviewer and the readers they add."""

from datetime import date, datetime
from typing import Literal

from django.contrib.auth import get_user_model
from ninja import Field, File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from eenoverheid.accounts import auth
from eenoverheid.core.api_schemas import InputSchema, IsoDate, Problem
from eenoverheid.core.errors import InvalidInput, NotAllowed, NotFound
from eenoverheid.core.uploads import private_download
from eenoverheid.reviews import selectors, services
from eenoverheid.reviews.models import ReviewRequest, Submission

router = Router(tags=["reviews"])

STATUS = Literal[
    "open", "asked", "in_progress", "submitted", "revision", "accepted", "expired", "withdrawn"
]
FEEDBACK = Literal["content", "legal", "feasibility", "readability", "data", "other"]


class ReviewSkillOut(Schema):
    id: int
    name: str


class ReviewPersonOut(Schema):
    id: int
    name: str


class ReviewRequestOut(Schema):
    id: int
    title: str
    summary: str
    status: str
    feedback_kind: str
    feedback_wanted: str
    skills: list[ReviewSkillOut]
    deadline: date
    points: int
    other_organization_only: bool
    organization: str = Field(description="Code of the organization that pays.")
    requester: ReviewPersonOut
    reviewer: ReviewPersonOut | None
    reviewer_organization: str | None
    created_at: datetime
    confidential_access: bool = Field(
        description="Whether you may read the document and the review."
    )
    document_url: str | None = Field(description="Only for those who may read it.")
    document_name: str | None = Field(description="Only for those who may read it.")
    revision_note: str | None
    payment: int | None = Field(description="The ledger transfer that paid the review.")

    @staticmethod
    def resolve_skills(obj: ReviewRequest) -> list[dict]:
        return [{"id": s.pk, "name": s.name} for s in obj.skills.all()]

    @staticmethod
    def resolve_organization(obj: ReviewRequest) -> str:
        return obj.organization.code

    @staticmethod
    def resolve_requester(obj: ReviewRequest) -> dict:
        return {"id": obj.requester_id, "name": str(obj.requester)}

    @staticmethod
    def resolve_reviewer(obj: ReviewRequest) -> dict | None:
        return {"id": obj.reviewer_id, "name": str(obj.reviewer)} if obj.reviewer_id else None

    @staticmethod
    def resolve_reviewer_organization(obj: ReviewRequest) -> str | None:
        return obj.reviewer_organization.code if obj.reviewer_organization_id else None

    @staticmethod
    def resolve_confidential_access(obj: ReviewRequest, context) -> bool:
        return services.may_read(context["request"].user, obj)

    @staticmethod
    def resolve_document_url(obj: ReviewRequest, context) -> str | None:
        if not services.may_read(context["request"].user, obj):
            return None
        if obj.document:
            return f"/api/v1/reviews/{obj.pk}/document"
        return obj.document_url

    @staticmethod
    def resolve_document_name(obj: ReviewRequest, context) -> str | None:
        if not services.may_read(context["request"].user, obj):
            return None
        return obj.document_name or None

    @staticmethod
    def resolve_revision_note(obj: ReviewRequest, context) -> str | None:
        if not services.may_read(context["request"].user, obj):
            return None
        return obj.revision_note or None

    @staticmethod
    def resolve_payment(obj: ReviewRequest) -> int | None:
        return obj.payment_id


class ReviewListQuery(Schema):
    scope: Literal["open", "mine", "reviewing", "shared"] = "open"
    q: str = Field("", max_length=200)
    skill: int | None = Field(None, ge=1, le=2**31 - 1)
    status: STATUS | None = None


@router.get(
    "/reviews",
    response={200: list[ReviewRequestOut], 400: Problem, 401: Problem},
    auth=auth.REQUIRED,
    summary="Review requests: open ones to volunteer for, or your own (mine, reviewing, shared)",
)
@paginate
def request_list(request, query: Query[ReviewListQuery]):
    return selectors.requests_list(
        viewer=request.user,
        scope=query.scope,
        q=query.q.strip(),
        skill_id=query.skill,
        status=query.status,
    )


class ReviewRequestIn(InputSchema):
    title: str = Field(min_length=3, max_length=200)
    summary: str = Field("", max_length=2000)
    document_url: str = Field(
        min_length=10, max_length=500, pattern=r"^https?://[^\s]+$", description="https:// link."
    )
    feedback_kind: FEEDBACK = "content"
    feedback_wanted: str = Field(min_length=1, max_length=2000)
    skills: list[int] = Field(default_factory=list, max_length=5)
    deadline: IsoDate
    points: int = Field(ge=0, le=services.MAX_POINTS)
    other_organization_only: bool = True
    organization: int | None = Field(
        None, ge=1, le=2**31 - 1, description="Your organization's id."
    )
    invite: int | None = Field(None, ge=1, le=2**31 - 1, description="A person to ask at once.")
    idempotency_key: str = Field(min_length=1, max_length=100)


def _input(payload) -> services.RequestInput:
    return services.RequestInput(
        title=payload.title,
        summary=payload.summary,
        document_url=getattr(payload, "document_url", ""),
        feedback_kind=payload.feedback_kind,
        feedback_wanted=payload.feedback_wanted,
        skill_ids=[s for s in payload.skills if 0 < s < 2**31],
        deadline=payload.deadline,
        points=payload.points,
        other_organization_only=payload.other_organization_only,
        organization_id=payload.organization,
        invite_user_id=payload.invite,
    )


@router.post(
    "/reviews",
    response={201: ReviewRequestOut, 400: Problem, 401: Problem, 409: Problem},
    auth=auth.REQUIRED,
    summary="Ask for a review of a linked document; reserves the points at once",
)
def request_create(request, payload: ReviewRequestIn):
    made, _new = services.request_create(
        actor=request.user, data=_input(payload), idempotency_key=payload.idempotency_key
    )
    return Status(201, selectors.request_get(viewer=request.user, pk=made.pk))


class ReviewUploadForm(Schema):
    title: str = Field(min_length=3, max_length=200)
    summary: str = Field("", max_length=2000)
    feedback_kind: FEEDBACK = "content"
    feedback_wanted: str = Field(min_length=1, max_length=2000)
    skills: list[int] = Field(default_factory=list, max_length=5)
    deadline: IsoDate
    points: int = Field(ge=0, le=services.MAX_POINTS)
    other_organization_only: bool = True
    organization: int | None = Field(None, ge=1, le=2**31 - 1)
    invite: int | None = Field(None, ge=1, le=2**31 - 1)
    idempotency_key: str = Field(min_length=1, max_length=100)


@router.post(
    "/reviews/uploads",
    response={201: ReviewRequestOut, 400: Problem, 401: Problem, 409: Problem},
    auth=auth.REQUIRED,
    summary="Ask for a review of an uploaded document (multipart); reserves the points at once",
)
def request_create_upload(request, document: File[UploadedFile], form: Form[ReviewUploadForm]):
    made, _new = services.request_create(
        actor=request.user,
        data=_input(form),
        document=document,
        idempotency_key=form.idempotency_key,
    )
    return Status(201, selectors.request_get(viewer=request.user, pk=made.pk))


def _get(request, review_id: int) -> ReviewRequest:
    return selectors.request_get(viewer=request.user, pk=review_id)


def _readable(request, review_id: int) -> ReviewRequest:
    found = _get(request, review_id)
    if not services.may_read(request.user, found):
        raise NotFound("No such review request.")
    return found


@router.get(
    "/reviews/{review_id}",
    response={200: ReviewRequestOut, 401: Problem, 404: Problem},
    auth=auth.REQUIRED,
    summary="One request: its description, and the document for those who may read it",
)
def request_read(request, review_id: int):
    return _get(request, review_id)


@router.get(
    "/reviews/{review_id}/document",
    response={200: None, 401: Problem, 404: Problem},
    auth=auth.REQUIRED,
    summary="Download the uploaded document (requester, reviewer and readers only)",
)
def document_download(request, review_id: int):
    found = _readable(request, review_id)
    if not found.document:
        raise NotFound("This request links to its document.")
    return private_download(found.document, found.document_name, found.document_type)


class ReviewSubmissionOut(Schema):
    round: int
    text: str
    file_name: str | None
    file_url: str | None
    created_at: datetime

    @staticmethod
    def resolve_file_name(obj: Submission) -> str | None:
        return obj.file_name or None

    @staticmethod
    def resolve_file_url(obj: Submission) -> str | None:
        if not obj.file:
            return None
        return f"/api/v1/reviews/{obj.request_id}/submissions/{obj.round}/file"


@router.get(
    "/reviews/{review_id}/submissions",
    response={200: list[ReviewSubmissionOut], 401: Problem, 404: Problem},
    auth=auth.REQUIRED,
    summary="The submitted review, and its revision (requester, reviewer and readers only)",
)
def submission_list(request, review_id: int):
    return list(_readable(request, review_id).submissions.all())


class ReviewSubmissionForm(Schema):
    text: str = Field(min_length=1, max_length=20000)


@router.post(
    "/reviews/{review_id}/submissions",
    response={
        201: ReviewSubmissionOut,
        400: Problem,
        401: Problem,
        403: Problem,
        404: Problem,
        409: Problem,
    },
    auth=auth.REQUIRED,
    summary="Submit the review (multipart: text, and an optional annotated file)",
)
def submission_create(
    request,
    review_id: int,
    form: Form[ReviewSubmissionForm],
    file: File[UploadedFile] = None,
):
    found = _readable(request, review_id)
    made = services.review_submit(actor=request.user, request=found, text=form.text, file=file)
    return Status(201, made)


@router.get(
    "/reviews/{review_id}/submissions/{round}/file",
    response={200: None, 401: Problem, 404: Problem},
    auth=auth.REQUIRED,
    summary="Download the reviewer's annotated file",
)
def submission_file(request, review_id: int, round: int):
    found = _readable(request, review_id)
    submission = found.submissions.filter(round=round).first()
    if submission is None or not submission.file:
        raise NotFound("No such file.")
    return private_download(submission.file, submission.file_name, submission.file_type)


class ReviewSuggestionOut(Schema):
    user_id: int
    name: str
    organization: str
    skills: list[str]
    experts: int
    rating: float | None
    ratings: int
    reviews_done: int
    volunteered: bool


@router.get(
    "/reviews/{review_id}/suggestions",
    response={200: list[ReviewSuggestionOut], 401: Problem, 403: Problem, 404: Problem},
    auth=auth.REQUIRED,
    summary="Suggested reviewers: the skills asked for, available, from another organization",
)
def suggestion_list(request, review_id: int):
    found = _get(request, review_id)
    if request.user.pk != found.requester_id:
        raise NotAllowed("Only the requester sees suggestions.")
    return selectors.suggestions(viewer=request.user, request=found)


class ReviewVolunteerOut(Schema):
    user: ReviewPersonOut
    message: str
    created_at: datetime

    @staticmethod
    def resolve_user(obj) -> dict:
        return {"id": obj.user_id, "name": str(obj.user)}


@router.get(
    "/reviews/{review_id}/volunteers",
    response={200: list[ReviewVolunteerOut], 401: Problem, 403: Problem, 404: Problem},
    auth=auth.REQUIRED,
    summary="Who offered to review (the requester)",
)
def volunteer_list(request, review_id: int):
    found = _get(request, review_id)
    if request.user.pk != found.requester_id:
        raise NotAllowed("Only the requester sees who volunteered.")
    return selectors.volunteers(found)


class VolunteerIn(InputSchema):
    message: str = Field("", max_length=500)


@router.post(
    "/reviews/{review_id}/volunteers",
    response={201: ReviewVolunteerOut, 400: Problem, 401: Problem, 404: Problem, 409: Problem},
    auth=auth.REQUIRED,
    summary="Offer to review an open request",
)
def volunteer_create(request, review_id: int, payload: VolunteerIn):
    made = services.volunteer(
        actor=request.user, request=_get(request, review_id), message=payload.message
    )
    return Status(201, made)


class PersonIn(InputSchema):
    user: int = Field(ge=1, le=2**31 - 1, description="The person's user id.")


def _person(pk: int):
    person = get_user_model().objects.filter(pk=pk, is_active=True).first()
    if person is None:
        raise InvalidInput.for_field("user", "No such person.", "unknown")
    return person


ACTION_RESPONSES = {
    200: ReviewRequestOut,
    400: Problem,
    401: Problem,
    403: Problem,
    404: Problem,
    409: Problem,
}


@router.post(
    "/reviews/{review_id}/reviewer",
    response=ACTION_RESPONSES,
    auth=auth.REQUIRED,
    summary="The requester asks one person to review",
)
def reviewer_pick(request, review_id: int, payload: PersonIn):
    found = _get(request, review_id)
    services.reviewer_pick(actor=request.user, request=found, user=_person(payload.user))
    return _get(request, review_id)


@router.post(
    "/reviews/{review_id}/assignment",
    response=ACTION_RESPONSES,
    auth=auth.REQUIRED,
    summary="The asked reviewer accepts",
)
def assignment_accept(request, review_id: int):
    found = _readable(request, review_id)
    services.assignment_accept(actor=request.user, request=found)
    return _get(request, review_id)


class DeclineIn(InputSchema):
    reason: str = Field("", max_length=300)


@router.post(
    "/reviews/{review_id}/assignment/decline",
    response=ACTION_RESPONSES,
    auth=auth.REQUIRED,
    summary="The asked reviewer declines; the request looks for someone else",
)
def assignment_decline(request, review_id: int, payload: DeclineIn):
    found = _readable(request, review_id)
    services.assignment_decline(actor=request.user, request=found, reason=payload.reason)
    return found


@router.post(
    "/reviews/{review_id}/acceptance",
    response=ACTION_RESPONSES,
    auth=auth.REQUIRED,
    summary="The requester accepts the review: the points go to the reviewer's organization, once",
)
def review_accept(request, review_id: int):
    found = _readable(request, review_id)
    services.review_accept(actor=request.user, request=found)
    return _get(request, review_id)


class RevisionIn(InputSchema):
    note: str = Field(min_length=1, max_length=2000)


@router.post(
    "/reviews/{review_id}/revision",
    response=ACTION_RESPONSES,
    auth=auth.REQUIRED,
    summary="The requester asks, once, for a revision",
)
def revision_ask(request, review_id: int, payload: RevisionIn):
    found = _readable(request, review_id)
    services.revision_ask(actor=request.user, request=found, note=payload.note)
    return _get(request, review_id)


@router.post(
    "/reviews/{review_id}/withdrawal",
    response=ACTION_RESPONSES,
    auth=auth.REQUIRED,
    summary="The requester withdraws before a review is in; the points return",
)
def request_withdraw(request, review_id: int):
    found = _readable(request, review_id)
    services.request_withdraw(actor=request.user, request=found)
    return _get(request, review_id)


class RatingIn(InputSchema):
    score: int = Field(ge=1, le=5)
    comment: str = Field("", max_length=1000)


class ReviewRatingOut(Schema):
    score: int
    comment: str
    rated: ReviewPersonOut

    @staticmethod
    def resolve_rated(obj) -> dict:
        return {"id": obj.rated_id, "name": str(obj.rated)}


@router.post(
    "/reviews/{review_id}/ratings",
    response={
        201: ReviewRatingOut,
        400: Problem,
        401: Problem,
        403: Problem,
        404: Problem,
        409: Problem,
    },
    auth=auth.REQUIRED,
    summary="Rate the other side, once, after the review was accepted",
)
def rating_create(request, review_id: int, payload: RatingIn):
    found = _readable(request, review_id)
    made = services.rate(
        actor=request.user, request=found, score=payload.score, comment=payload.comment
    )
    return Status(201, made)


@router.get(
    "/reviews/{review_id}/readers",
    response={200: list[ReviewPersonOut], 401: Problem, 404: Problem},
    auth=auth.REQUIRED,
    summary="Who else may read the document and the review",
)
def reader_list(request, review_id: int):
    found = _readable(request, review_id)
    return [{"id": r.user_id, "name": str(r.user)} for r in selectors.readers(found)]


@router.post(
    "/reviews/{review_id}/readers",
    response={201: ReviewPersonOut, 400: Problem, 401: Problem, 403: Problem, 404: Problem},
    auth=auth.REQUIRED,
    summary="Let a colleague read the document and the review (requester or reviewer)",
)
def reader_add(request, review_id: int, payload: PersonIn):
    found = _readable(request, review_id)
    reader = services.reader_add(actor=request.user, request=found, user=_person(payload.user))
    return Status(201, {"id": reader.user_id, "name": str(reader.user)})


@router.delete(
    "/reviews/{review_id}/readers/{user_id}",
    response={204: None, 401: Problem, 403: Problem, 404: Problem},
    auth=auth.REQUIRED,
    summary="Take a reader off",
)
def reader_remove(request, review_id: int, user_id: int):
    found = _readable(request, review_id)
    person = get_user_model().objects.filter(pk=user_id).first()
    if person is None:
        raise NotFound("No such person.")
    services.reader_remove(actor=request.user, request=found, user=person)
    return Status(204, None)
