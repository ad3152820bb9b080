"""SCIM 2.0 (RFC 7643, RFC 7644) at /scim/v2/: an organization's identity system
provisions its people (Users) and teams (Groups).

Payloads, filters and PATCH operations are parsed and applied with scim2-models; the
rules live in accounts.provisioning. Each request is authenticated with the calling
organization's bearer token and sees only that organization's people and teams.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from functools import wraps
from typing import Annotated, Any

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt
from pydantic import ValidationError
from scim2_models import (
    AuthenticationScheme,
    Bulk,
    ChangePassword,
    Context,
    Email,
    EnterpriseUser,
    Error,
    ETag,
    Filter,
    Group,
    ListResponse,
    Patch,
    PatchOp,
    Required,
    ResourceType,
    SCIMException,
    ScimProvider,
    SearchRequest,
    ServiceProviderConfig,
    Sort,
    User,
)

from eenoverheid.accounts import provisioning
from eenoverheid.accounts.models import ScimGroup, ScimUser
from eenoverheid.core.errors import Conflict, DomainError, NotFound
from eenoverheid.organizations.models import Team

CONTENT_TYPE = "application/scim+json"
MAX_RESULTS = 200
MAX_BODY = 1024 * 1024


class PlatformEmail(Email):
    value: Annotated[str | None, Required.true] = None


class PlatformUser(User):
    """The core User schema, with one difference the schema endpoint publishes: a person
    needs an e-mail address, which becomes their account's address."""

    emails: Annotated[list[PlatformEmail] | None, Required.true] = None


UserResource = PlatformUser[EnterpriseUser]
PROVIDER = ScimProvider(
    models=[PlatformUser, EnterpriseUser, Group],
    resource_types=[
        ResourceType.from_resource(UserResource),
        ResourceType.from_resource(Group),
    ],
    config=ServiceProviderConfig(
        documentation_uri="https://github.com/eenoverheid/eenoverheid/blob/main/docs/scim.md",
        patch=Patch(supported=True),
        bulk=Bulk(supported=False, max_operations=0, max_payload_size=0),
        filter=Filter(supported=True, max_results=MAX_RESULTS),
        change_password=ChangePassword(supported=False),
        sort=Sort(supported=False),
        etag=ETag(supported=False),
        authentication_schemes=[
            AuthenticationScheme(
                type="oauthbearertoken",
                name="Bearer token",
                description="A provisioning token that the organization's administrator "
                "creates on the organization's management page.",
                primary=True,
            )
        ],
    ),
)


# -- responses ----------------------------------------------------------------------------


def _json(data: dict, status: int = 200, **headers) -> HttpResponse:
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False), status=status, content_type=CONTENT_TYPE
    )
    for name, value in headers.items():
        response[name] = value
    return response


def _error(status: int, detail: str, scim_type: str | None = None) -> HttpResponse:
    error = Error(status=status, detail=detail, scim_type=scim_type)
    return _json(error.model_dump(scim_ctx=Context.DEFAULT), status=status)


def _from_domain_error(exc: DomainError) -> HttpResponse:
    if isinstance(exc, NotFound):
        return _error(404, str(exc.detail or exc.title))
    if isinstance(exc, Conflict):
        return _error(409, str(exc.detail or exc.title), "uniqueness")
    detail = "; ".join(f"{p.name}: {p.reason}" for p in exc.invalid_params) or str(exc.detail)
    return _error(int(exc.status), detail, "invalidValue" if int(exc.status) == 400 else None)


def _from_validation_error(exc: ValidationError) -> HttpResponse:
    errors = Error.from_validation_errors(exc)
    first = errors[0] if errors else Error(status=400, detail=str(exc))
    return _json(first.model_dump(scim_ctx=Context.DEFAULT), status=int(first.status or 400))


def scim_endpoint(methods: set[str], authenticated: bool = True) -> Callable:
    """A SCIM view: method check, bearer token, and SCIM errors for every failure."""

    def decorator(view):
        @csrf_exempt
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs):
            if request.method not in methods:
                return _error(405, f"{request.method} is not supported here.")
            if authenticated:
                header = request.META.get("HTTP_AUTHORIZATION", "")
                scheme, _sep, raw = header.partition(" ")
                token = (
                    provisioning.scim_token_authenticate(raw=raw)
                    if scheme.lower() == "bearer"
                    else None
                )
                if token is None:
                    response = _error(401, "A valid provisioning bearer token is required.")
                    response["WWW-Authenticate"] = 'Bearer realm="scim"'
                    return response
                request.scim_organization = token.organization
            try:
                return view(request, *args, **kwargs)
            except SCIMException as exc:
                return _json(exc.to_error().model_dump(scim_ctx=Context.DEFAULT), status=exc.status)
            except ValidationError as exc:
                return _from_validation_error(exc)
            except DomainError as exc:
                return _from_domain_error(exc)

        return wrapper

    return decorator


def _body(request: HttpRequest) -> dict:
    if len(request.body) > MAX_BODY:
        raise DomainError("The request body is too large.")
    try:
        data = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError) as exc:
        raise DomainError("The request body is not JSON.") from exc
    if not isinstance(data, dict):
        raise DomainError("The request body must be a JSON object.")
    return data


def _base(request: HttpRequest) -> str:
    return request.build_absolute_uri("/scim/v2")


def _meta(kind: str, row, location: str) -> dict:
    return {
        "resourceType": kind,
        "created": row.created_at.isoformat(),
        "lastModified": row.updated_at.isoformat(),
        "location": location,
    }


# -- people and teams as SCIM resources ----------------------------------------------


def _user_resource(request, scim_user: ScimUser, groups: list[Team]) -> Any:
    base = _base(request)
    document = dict(scim_user.document)
    document.setdefault("schemas", [str(User.__schema__)])
    document["id"] = str(scim_user.pk)
    if "active" in document or not scim_user.user.is_active:
        document["active"] = scim_user.user.is_active
    if groups:
        document["groups"] = [
            {"value": str(t.pk), "$ref": f"{base}/Groups/{t.pk}", "display": t.name} for t in groups
        ]
    document["meta"] = _meta("User", scim_user, f"{base}/Users/{scim_user.pk}")
    return UserResource.model_validate(document, scim_ctx=Context.DEFAULT)


def _group_resource(request, team: Team, members: list[ScimUser]) -> Group:
    base = _base(request)
    group = getattr(team, "scim_group", None)
    document = dict(group.document) if group else {}
    document.setdefault("schemas", [str(Group.__schema__)])
    document["id"] = str(team.pk)
    document["displayName"] = team.name
    if group and group.external_id:
        document["externalId"] = group.external_id
    sent = {str(m.get("value")): m for m in document.pop("members", None) or []}
    if members:
        document["members"] = [
            {
                "value": str(m.pk),
                "$ref": f"{base}/Users/{m.pk}",
                "display": sent.get(str(m.pk), {}).get("display") or m.user.name or m.user_name,
                "type": "User",
            }
            for m in members
        ]
    row = group or team
    meta = {
        "resourceType": "Group",
        "created": team.created_at.isoformat(),
        "lastModified": (group.updated_at if group else team.created_at).isoformat(),
        "location": f"{base}/Groups/{team.pk}",
    }
    del row
    document["meta"] = meta
    return Group.model_validate(document, scim_ctx=Context.DEFAULT)


def _groups_by_user(organization, scim_users: list[ScimUser]) -> dict[int, list[Team]]:
    user_ids = {s.user_id: s.pk for s in scim_users}
    through = Team.members.through.objects.filter(
        team__organization=organization, user_id__in=user_ids
    ).select_related("team")
    result: dict[int, list[Team]] = {}
    for row in through:
        result.setdefault(user_ids[row.user_id], []).append(row.team)
    return result


def _members_by_team(organization, teams: list[Team]) -> dict[int, list[ScimUser]]:
    through = Team.members.through.objects.filter(team__in=teams).values_list("team_id", "user_id")
    pairs = list(through)
    provisioned = {
        s.user_id: s
        for s in provisioning.people_of(organization).filter(user_id__in={u for _t, u in pairs})
    }
    result: dict[int, list[ScimUser]] = {}
    for team_id, user_id in pairs:
        if user_id in provisioned:
            result.setdefault(team_id, []).append(provisioned[user_id])
    return result


def _scim_user(organization, resource_id: str) -> ScimUser:
    if not resource_id.isdigit():
        raise NotFound("No such user.")
    found = provisioning.people_of(organization).filter(pk=int(resource_id)).first()
    if found is None:
        raise NotFound("No such user.")
    return found


def _team(organization, resource_id: str) -> Team:
    if not resource_id.isdigit():
        raise NotFound("No such group.")
    found = (
        provisioning.teams_of(organization)
        .select_related("scim_group")
        .filter(pk=int(resource_id))
        .first()
    )
    if found is None:
        raise NotFound("No such group.")
    return found


def _member_ids(group: Group) -> list[str]:
    return [str(m.value) for m in group.members or [] if m.value is not None]


def _user_document(resource) -> dict:
    return resource.model_dump(scim_ctx=Context.RESOURCE_REPLACEMENT_REQUEST)


def _group_document(resource: Group) -> dict:
    """The group as sent; members are kept for their display names only, the team's
    membership itself is what counts."""
    document = resource.model_dump(scim_ctx=Context.RESOURCE_REPLACEMENT_REQUEST)
    document["members"] = [
        {"value": m.get("value"), "display": m.get("display")}
        for m in document.get("members") or []
        if m.get("display")
    ]
    return document


# -- discovery ----------------------------------------------------------------------------


@scim_endpoint({"GET"}, authenticated=False)
def service_provider_config(request):
    config = PROVIDER.config.model_copy(deep=True)
    config.meta = None
    data = config.model_dump(scim_ctx=Context.RESOURCE_QUERY_RESPONSE)
    data["meta"] = {
        "resourceType": "ServiceProviderConfig",
        "location": f"{_base(request)}/ServiceProviderConfig",
    }
    return _json(data)


def _discovery_items(request, kind: str) -> list[dict]:
    base = _base(request)
    items = PROVIDER.resource_types if kind == "ResourceType" else PROVIDER.schemas
    endpoint = "ResourceTypes" if kind == "ResourceType" else "Schemas"
    result = []
    for item in items:
        data = item.model_dump(scim_ctx=Context.RESOURCE_QUERY_RESPONSE)
        data["meta"] = {"resourceType": kind, "location": f"{base}/{endpoint}/{item.id}"}
        result.append(data)
    return result


def _discovery_list(request, kind: str) -> HttpResponse:
    items = _discovery_items(request, kind)
    return _json(
        {
            "schemas": [str(ListResponse.__schema__)],
            "totalResults": len(items),
            "startIndex": 1,
            "itemsPerPage": len(items),
            "Resources": items,
        }
    )


def _discovery_item(request, kind: str, item_id: str) -> HttpResponse:
    for item in _discovery_items(request, kind):
        if item["id"] == item_id:
            return _json(item)
    return _error(404, f"No such {kind}: {item_id}.")


@scim_endpoint({"GET"}, authenticated=False)
def resource_types(request):
    return _discovery_list(request, "ResourceType")


@scim_endpoint({"GET"}, authenticated=False)
def resource_type(request, item_id: str):
    return _discovery_item(request, "ResourceType", item_id)


@scim_endpoint({"GET"}, authenticated=False)
def schemas(request):
    return _discovery_list(request, "Schema")


@scim_endpoint({"GET"}, authenticated=False)
def schema(request, item_id: str):
    return _discovery_item(request, "Schema", item_id)


@scim_endpoint({"GET", "POST", "PUT", "PATCH", "DELETE"}, authenticated=False)
def unknown(request, rest: str = ""):
    return _error(404, "There is no SCIM endpoint here.")


# -- lists and searches ---------------------------------------------------------------


def _search_request(model, request: HttpRequest, from_body: bool) -> SearchRequest:
    if from_body:
        data = _body(request)
    else:
        data = {k: v for k, v in request.GET.items() if v != ""}
        for key in ("attributes", "excludedAttributes"):
            if key in data:
                data[key] = [a.strip() for a in data[key].split(",") if a.strip()]
        for key in ("startIndex", "count"):
            if key in data:
                try:
                    data[key] = int(data[key])
                except ValueError:
                    return_value = f"{key} must be a number."
                    raise DomainError(return_value) from None
    data.setdefault("schemas", [str(SearchRequest.__schema__)])
    return SearchRequest[model].model_validate(data, scim_ctx=Context.SEARCH_REQUEST)


EQUALS = re.compile(r'^\s*([A-Za-z.:]+)\s+eq\s+"((?:[^"\\]|\\.)*)"\s*$', re.IGNORECASE)


def _narrowed(queryset, search: SearchRequest, fields: dict[str, str]):
    """A filter `attribute eq "value"` on an attribute the database holds (what a
    directory asks before every create) is looked up there first. The filter itself still
    decides on what is found, so narrowing never changes the answer, only its cost."""
    match = EQUALS.match(str(search.filter)) if search.filter is not None else None
    if match is None or match.group(1).lower() not in fields:
        return queryset
    try:
        value = json.loads(f'"{match.group(2)}"')
    except ValueError:
        return queryset
    return queryset.filter(**{f"{fields[match.group(1).lower()]}__iexact": value})


def _list(request, search: SearchRequest, queryset, build, model) -> HttpResponse:
    """A page of a list: without a filter the database pages; with one, the filter is
    evaluated by scim2-models on the (narrowed) candidates."""
    start = max(search.start_index or 1, 1)
    count = MAX_RESULTS if search.count is None else max(min(search.count, MAX_RESULTS), 0)
    if search.filter is None:
        total = queryset.count()
        page = build(list(queryset[start - 1 : start - 1 + count])) if count else []
    else:
        candidates = [r for r in build(list(queryset)) if search.filter.match(r)]
        total = len(candidates)
        page = candidates[start - 1 : start - 1 + count]
    listing = ListResponse[model](
        total_results=total,
        start_index=start,
        items_per_page=len(page),
        resources=page,
    )
    data = listing.model_dump(scim_ctx=Context.SEARCH_RESPONSE, response_parameters=search)
    return _json(data)


USER_COLUMNS = {"username": "user_name", "externalid": "external_id", "emails.value": "user__email"}
GROUP_COLUMNS = {"displayname": "name", "externalid": "scim_group__external_id"}


def _user_builder(request, organization):
    def build(people):
        groups = _groups_by_user(organization, people)
        return [_user_resource(request, p, groups.get(p.pk, [])) for p in people]

    return build


def _group_builder(request, organization):
    def build(teams):
        members = _members_by_team(organization, teams)
        return [_group_resource(request, t, members.get(t.pk, [])) for t in teams]

    return build


def _users_list(request, search: SearchRequest) -> HttpResponse:
    organization = request.scim_organization
    people = _narrowed(provisioning.people_of(organization).order_by("pk"), search, USER_COLUMNS)
    return _list(request, search, people, _user_builder(request, organization), UserResource)


def _groups_list(request, search: SearchRequest) -> HttpResponse:
    organization = request.scim_organization
    teams = provisioning.teams_of(organization).select_related("scim_group").order_by("pk")
    teams = _narrowed(teams, search, GROUP_COLUMNS)
    return _list(request, search, teams, _group_builder(request, organization), Group)


# -- Users ----------------------------------------------------------------------------------


def _resource_response(resource, status: int, params) -> HttpResponse:
    """One resource as created (201, with its Location) or as read."""
    ctx = Context.RESOURCE_CREATION_RESPONSE if status == 201 else Context.RESOURCE_QUERY_RESPONSE
    data = resource.model_dump(scim_ctx=ctx, response_parameters=params)
    headers = {"Location": data["meta"]["location"]} if status == 201 else {}
    return _json(data, status=status, **headers)


def _user_response(request, scim_user: ScimUser, status: int = 200, params=None) -> HttpResponse:
    scim_user = provisioning.people_of(scim_user.organization).get(pk=scim_user.pk)
    groups = _groups_by_user(scim_user.organization, [scim_user]).get(scim_user.pk, [])
    return _resource_response(_user_resource(request, scim_user, groups), status, params)


def _response_parameters(model, request) -> SearchRequest | None:
    if not (request.GET.get("attributes") or request.GET.get("excludedAttributes")):
        return None
    return _search_request(model, request, from_body=False)


@scim_endpoint({"GET", "POST"})
def users(request):
    if request.method == "GET":
        return _users_list(request, _search_request(UserResource, request, from_body=False))
    resource = UserResource.model_validate(
        _body(request), scim_ctx=Context.RESOURCE_CREATION_REQUEST
    )
    document = resource.model_dump(scim_ctx=Context.RESOURCE_CREATION_REQUEST)
    scim_user = provisioning.user_provision(
        organization=request.scim_organization, document=document
    )
    return _user_response(request, scim_user, status=201)


@scim_endpoint({"POST"})
def users_search(request):
    return _users_list(request, _search_request(UserResource, request, from_body=True))


@scim_endpoint({"GET", "PUT", "PATCH", "DELETE"})
def user(request, resource_id: str):
    organization = request.scim_organization
    scim_user = _scim_user(organization, resource_id)
    if request.method == "GET":
        return _user_response(
            request, scim_user, params=_response_parameters(UserResource, request)
        )
    if request.method == "DELETE":
        provisioning.user_deprovision(scim_user=scim_user)
        return HttpResponse(status=204)
    if request.method == "PUT":
        resource = UserResource.model_validate(
            _body(request), scim_ctx=Context.RESOURCE_REPLACEMENT_REQUEST
        )
        provisioning.user_replace(scim_user=scim_user, document=_user_document(resource))
        return _user_response(request, scim_user)
    patch = PatchOp[UserResource].model_validate(
        _body(request), scim_ctx=Context.RESOURCE_PATCH_REQUEST
    )
    with transaction.atomic():
        groups = _groups_by_user(organization, [scim_user]).get(scim_user.pk, [])
        resource = _user_resource(request, scim_user, groups)
        if patch.patch(resource):
            provisioning.user_replace(scim_user=scim_user, document=_user_document(resource))
    return _user_response(request, scim_user)


# -- Groups ---------------------------------------------------------------------------------


def _group_response(request, team: Team, status: int = 200, params=None) -> HttpResponse:
    team = provisioning.teams_of(team.organization).select_related("scim_group").get(pk=team.pk)
    members = _members_by_team(team.organization, [team]).get(team.pk, [])
    return _resource_response(_group_resource(request, team, members), status, params)


@scim_endpoint({"GET", "POST"})
def groups(request):
    if request.method == "GET":
        return _groups_list(request, _search_request(Group, request, from_body=False))
    resource = Group.model_validate(_body(request), scim_ctx=Context.RESOURCE_CREATION_REQUEST)
    team = provisioning.group_provision(
        organization=request.scim_organization,
        document=_group_document(resource),
        member_ids=_member_ids(resource),
    )
    return _group_response(request, team, status=201)


@scim_endpoint({"POST"})
def root_search(request):
    """POST /.search: people and teams at once."""
    organization = request.scim_organization
    search = _search_request(UserResource | Group, request, from_body=True)
    people = list(provisioning.people_of(organization).order_by("pk"))
    teams = list(provisioning.teams_of(organization).select_related("scim_group").order_by("pk"))
    resources = _user_builder(request, organization)(people)
    resources += _group_builder(request, organization)(teams)

    def build(rows):
        return rows

    return _list(request, search, _Rows(resources), build, UserResource | Group)


class _Rows(list):
    """Already built resources, answering what _list asks of a queryset."""

    def count(self):
        return len(self)


@scim_endpoint({"POST"})
def groups_search(request):
    return _groups_list(request, _search_request(Group, request, from_body=True))


@scim_endpoint({"GET", "PUT", "PATCH", "DELETE"})
def group(request, resource_id: str):
    organization = request.scim_organization
    team = _team(organization, resource_id)
    if request.method == "GET":
        return _group_response(request, team, params=_response_parameters(Group, request))
    if request.method == "DELETE":
        provisioning.group_deprovision(team=team)
        return HttpResponse(status=204)
    if request.method == "PUT":
        resource = Group.model_validate(
            _body(request), scim_ctx=Context.RESOURCE_REPLACEMENT_REQUEST
        )
    else:
        patch = PatchOp[Group].model_validate(
            _body(request), scim_ctx=Context.RESOURCE_PATCH_REQUEST
        )
        members = _members_by_team(organization, [team]).get(team.pk, [])
        resource = _group_resource(request, team, members)
        if not patch.patch(resource):
            return _group_response(request, team)
    provisioning.group_replace(
        team=team, document=_group_document(resource), member_ids=_member_ids(resource)
    )
    return _group_response(request, team)


__all__ = ["PROVIDER", "ScimGroup"]
