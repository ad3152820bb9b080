"""Domain errors and their RFC 9457 problem+json form.

Services raise these; the API maps them to problem+json responses and the pages to
messages. A domain error never leaves a change half-made: services raise before they
write, or inside the transaction that the error rolls back.
"""

from __future__ import annotations

from dataclasses import dataclass
from http import HTTPStatus
from typing import Any

from django.http import JsonResponse
from django.utils.translation import gettext_lazy as _

PROBLEM_CONTENT_TYPE = "application/problem+json"


@dataclass(frozen=True)
class InvalidParam:
    """One invalid field, as the Dutch API Design Rules name it (`invalidParams`)."""

    name: str
    reason: str
    code: str = "invalid"

    def as_dict(self) -> dict[str, str]:
        return {"name": self.name, "reason": str(self.reason), "code": self.code}


class DomainError(Exception):
    """A rule of the platform said no. Subclasses fix the HTTP status."""

    status = HTTPStatus.BAD_REQUEST
    title = _("The request cannot be carried out.")

    def __init__(
        self,
        detail: Any = "",
        *,
        invalid_params: list[InvalidParam] | None = None,
        extensions: dict[str, Any] | None = None,
    ):
        super().__init__(str(detail))
        self.detail = detail
        self.invalid_params = invalid_params or []
        # Extra members of the problem document (RFC 9457 3.2), JSON-ready.
        self.extensions = extensions or {}


class InvalidInput(DomainError):
    status = HTTPStatus.BAD_REQUEST
    title = _("The input is not valid.")

    @classmethod
    def for_field(cls, name: str, reason: Any, code: str = "invalid") -> InvalidInput:
        return cls(reason, invalid_params=[InvalidParam(name=name, reason=reason, code=code)])


class NotAllowed(DomainError):
    status = HTTPStatus.FORBIDDEN
    title = _("You are not allowed to do this.")


class NotFound(DomainError):
    status = HTTPStatus.NOT_FOUND
    title = _("Not found.")


class Conflict(DomainError):
    status = HTTPStatus.CONFLICT
    title = _("This conflicts with the current state.")


def problem_response(
    request,
    *,
    status: int,
    title: Any,
    detail: Any = "",
    invalid_params: list[InvalidParam] | None = None,
    headers: dict[str, str] | None = None,
    extensions: dict[str, Any] | None = None,
) -> JsonResponse:
    """An RFC 9457 problem document. `type` is left at its default, about:blank,
    because the HTTP status says what kind of problem it is."""
    body: dict[str, Any] = {"type": "about:blank", "title": str(title), "status": int(status)}
    if detail:
        body["detail"] = str(detail)
    if request is not None:
        body["instance"] = request.path
    if invalid_params:
        body["invalidParams"] = [param.as_dict() for param in invalid_params]
    for name, value in (extensions or {}).items():
        body.setdefault(name, value)
    response = JsonResponse(body, status=int(status), content_type=PROBLEM_CONTENT_TYPE)
    for name, value in (headers or {}).items():
        response[name] = value
    return response
