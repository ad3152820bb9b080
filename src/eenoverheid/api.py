"""The JSON API under /api/v1/: one NinjaAPI, one router per app, problem+json errors."""

from __future__ import annotations

import logging
from http import HTTPStatus

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.renderers import JSONRenderer

from eenoverheid.accounts.api import router as accounts_router
from eenoverheid.accounts.identity_api import router as identity_router
from eenoverheid.challenges.api import router as challenges_router
from eenoverheid.communities.api import router as communities_router
from eenoverheid.core.errors import (
    PROBLEM_CONTENT_TYPE,
    DomainError,
    InvalidParam,
    problem_response,
)
from eenoverheid.datasets.api import router as datasets_router
from eenoverheid.learning.api import router as learning_router
from eenoverheid.ledger.api import router as ledger_router
from eenoverheid.marketplace.api import router as marketplace_router
from eenoverheid.notifications.api import router as notifications_router
from eenoverheid.organizations.api import router as organizations_router
from eenoverheid.people.api import router as people_router
from eenoverheid.reviews.api import router as reviews_router
from eenoverheid.solutions.api import router as solutions_router
from eenoverheid.workplaces.api import router as workplaces_router

logger = logging.getLogger(__name__)


class PlatformAPI(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        """The document is the same for every caller and costs ~100 ms to build, so it is
        built once per process."""
        key = (path_prefix, tuple(sorted((path_params or {}).items())))
        cache = self.__dict__.setdefault("_openapi_cache", {})
        if key not in cache:
            cache[key] = self._build_openapi_schema(
                path_prefix=path_prefix, path_params=path_params
            )
        return cache[key]

    def _build_openapi_schema(self, *, path_prefix=None, path_params=None):
        """Ninja documents every response as application/json; errors here are
        application/problem+json, and the document says so. Errors that any operation
        can answer (bad input, no or wrong credentials) are declared on each of them."""
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        problem = {"schema": {"$ref": "#/components/schemas/Problem"}}
        public = self._public_operation_ids()
        for operations in schema["paths"].values():
            for operation in operations.values():
                responses = operation.setdefault("responses", {})
                implied = []
                if operation.get("parameters") or operation.get("requestBody"):
                    implied.append(("400", "Bad Request"))
                if operation.get("operationId") in public:
                    # Credentials are optional: an empty requirement says so (OpenAPI 3.1).
                    operation.setdefault("security", []).append({})
                    implied.append(("401", "Unauthorized"))  # a wrong token is still refused
                elif operation.get("security"):
                    implied += [("401", "Unauthorized"), ("403", "Forbidden")]
                for status, description in implied:
                    responses.setdefault(
                        status,
                        {"description": description, "content": {PROBLEM_CONTENT_TYPE: problem}},
                    )
                for status, response in responses.items():
                    if int(status) >= 400 and "content" in response:
                        media = next(iter(response["content"].values()))
                        response["content"] = {PROBLEM_CONTENT_TYPE: media}
        return schema

    def _public_operation_ids(self) -> set[str]:
        from eenoverheid.accounts.auth import allow_anonymous

        return {
            operation.operation_id or self.get_openapi_operation_id(operation)
            for _prefix, router in self._routers
            for path_view in router.path_operations.values()
            for operation in path_view.operations
            if allow_anonymous in (operation.auth_callbacks or [])
        }


api = PlatformAPI(
    title="Eén Overheid API",
    version="1",
    description=(
        "The JSON API of Eén Overheid. Authenticate with the browser session or with "
        "`Authorization: Bearer <token>` (a personal API token: `eenoverheid token EMAIL`). "
        "Errors are `application/problem+json` (RFC 9457) with the invalid fields in "
        "`invalidParams`; lists are paginated with `page` and `page_size`."
    ),
    urls_namespace="api",
    renderer=JSONRenderer(),
)

api.add_router("/", accounts_router)
api.add_router("/", organizations_router)
api.add_router("/", identity_router)
api.add_router("/", people_router)
api.add_router("/", communities_router)
api.add_router("/", datasets_router)
api.add_router("/", notifications_router)
api.add_router("/", challenges_router)
api.add_router("/", workplaces_router)
api.add_router("/", ledger_router)
api.add_router("/", reviews_router)
api.add_router("/", learning_router)
api.add_router("/", marketplace_router)
api.add_router("/", solutions_router)


def _field_name(loc: list) -> str:
    # Ninja reports e.g. ["body", "payload", "name"] or ["query", "page"].
    parts = [str(p) for p in loc]
    if len(parts) >= 2 and parts[0] == "body" and parts[1] == "payload":
        parts = parts[2:]
    elif parts and parts[0] in {"body", "query", "path", "header", "cookie", "form"}:
        parts = parts[1:]
    return ".".join(parts) or "body"


@api.exception_handler(ValidationError)
def on_validation_error(request, exc: ValidationError):
    params = [
        InvalidParam(
            name=_field_name(error.get("loc", [])),
            reason=error.get("msg", ""),
            code=error.get("type", "invalid"),
        )
        for error in exc.errors
    ]
    return problem_response(
        request, status=400, title=_("The input is not valid."), invalid_params=params
    )


@api.exception_handler(DomainError)
def on_domain_error(request, exc: DomainError):
    return problem_response(
        request,
        status=exc.status,
        title=exc.title,
        detail=exc.detail,
        invalid_params=exc.invalid_params,
        extensions=exc.extensions,
    )


@api.exception_handler(AuthenticationError)
def on_authentication_error(request, exc: AuthenticationError):
    return problem_response(
        request,
        status=401,
        title=_("Authentication is required."),
        detail=str(exc) if str(exc) != "Unauthorized" else "",
        headers={"WWW-Authenticate": 'Bearer realm="api"'},
    )


@api.exception_handler(HttpError)
def on_http_error(request, exc: HttpError):
    return problem_response(
        request, status=exc.status_code, title=HTTPStatus(exc.status_code).phrase, detail=str(exc)
    )


@api.exception_handler(Http404)
def on_not_found(request, exc):
    return problem_response(request, status=404, title=_("Not found."))


@api.exception_handler(OverflowError)
def on_number_out_of_range(request, exc):
    """An id beyond what the database can store (SQLite refuses it outright) names
    nothing that exists."""
    return problem_response(request, status=404, title=_("Not found."))


@api.exception_handler(PermissionDenied)
def on_permission_denied(request, exc):
    return problem_response(
        request, status=403, title=_("You are not allowed to do this."), detail=str(exc)
    )


@api.exception_handler(Exception)
def on_unexpected_error(request, exc):
    logger.exception("Unhandled error in the API", exc_info=exc)
    return problem_response(request, status=500, title=_("Something went wrong on our side."))
