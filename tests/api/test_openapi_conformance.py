"""schemathesis over the whole OpenAPI document: no 5xx, and every response matches the
schema, for a signed-in caller and an anonymous one. New endpoints are covered as soon as
they are in the document."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import positive_data_acceptance

from eenoverheid.accounts import services as account_services
from eenoverheid.wsgi import application
from tests.factories import UserFactory

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
# NUL characters are refused at the door by design (PostgreSQL cannot store them);
# tests/core/test_nul.py checks that, so the fuzzer does not generate them.
schema.config.generation.update(allow_x00=False)

FUZZ = hypothesis_settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)


@pytest.fixture(autouse=True)
def _keep_the_test_connection_open():
    """Called as a plain WSGI app, Django closes the database connection after each
    request; the test client avoids that the same way, by muting these receivers."""
    signals = (request_started, request_finished)
    for signal in signals:
        signal.disconnect(close_old_connections)
    yield
    for signal in signals:
        signal.connect(close_old_connections)


@pytest.fixture
def bearer(db):
    user = UserFactory()
    _token, plain = account_services.api_token_create(user=user, name="schemathesis")
    return {"Authorization": f"Bearer {plain}"}


# Parameters that name something in the database (a municipality, a policy domain, a
# person) can be schema-valid and still unknown: those operations answer 400 with the
# parameter named, which is right, so "schema-valid input is accepted" cannot hold there.
REFERENCES_IN_QUERY_OR_BODY = {
    "/api/v1/organizations",
    "/api/v1/organizations/covering",
    "/api/v1/organizations/{organization_id}/policy-domains/{code}",
    "/api/v1/organizations/{organization_id}/teams/{team_id}/members",
    "/api/v1/organizations/{organization_id}/email-domains",
    # The domains must be the organization's own e-mail domains; the issuer an https URL.
    "/api/v1/organizations/{organization_id}/identity-providers",
    "/api/v1/organizations/{organization_id}/identity-providers/{provider_id}",
    "/api/v1/me",  # confirm_email must be one's own address
    "/api/v1/me/profile",  # work_municipality
    "/api/v1/me/profile/photo",  # an upload must be an image
    "/api/v1/me/profile/skills/{skill_id}",
    "/api/v1/people",
    "/api/v1/skills/proposals",  # a name that exists already
    "/api/v1/skills",  # parent
    "/api/v1/datasets",  # publisher, theme, policy domain codes
    "/api/v1/datasets/import",  # the file must be a catalogue
    "/api/v1/challenges",  # organization, municipalities, skills, province codes
    "/api/v1/challenges/{challenge_id}",
    "/api/v1/challenges/{challenge_id}/invitations",  # a person or organization id
    "/api/v1/challenges/{challenge_id}/related",  # another challenge's id
    "/api/v1/challenges/{challenge_id}/tasks",  # the owner must be on the team
    "/api/v1/challenges/{challenge_id}/tasks/{task_id}",
    "/api/v1/communities",  # parent slug
    "/api/v1/communities/{community_id}/invitations",  # a person's id or address
    "/api/v1/communities/{community_id}/threads/{thread_id}",  # accepted_post
    "/api/v1/communities/{community_id}/threads/{thread_id}/posts",  # quote_of
    "/api/v1/communities/{community_id}/files",  # the upload's type
    "/api/v1/communities/{community_id}/files/{file_id}/versions",
    "/api/v1/communities/{community_id}/articles/{article_id}/restore",  # a revision number
    "/api/v1/communities/{community_id}/articles/{article_id}/diff",
    "/api/v1/communities/{community_id}/events",  # ends after it starts, a place or link
    "/api/v1/communities/{community_id}/reports",  # the reported content's id
    "/api/v1/workplaces",  # municipality and organization codes; a valid location
    "/api/v1/workplaces/{location_id}",  # opening hours that open before they close
    "/api/v1/workplaces/{location_id}/blocked-days",  # not a day in the past
    "/api/v1/workplaces/{location_id}/cancellations",  # a unit of the location
    "/api/v1/workplaces/{location_id}/bookings",  # date_to after date_from
    "/api/v1/bookings",  # the unit; a bookable day
    "/api/v1/bookings/{booking_id}",  # the unit; a bookable day
    "/api/v1/bookings/{booking_id}/check-in",  # the desk's code
    "/api/v1/reviews",  # a deadline after today; organization, skill and person ids
    "/api/v1/opportunities",  # organization, skill, municipality, province and team codes
    "/api/v1/opportunities/for-me",
    "/api/v1/opportunities/{opportunity_id}",
    "/api/v1/opportunities/{opportunity_id}/applications",  # one's own organization
    "/api/v1/opportunities/{opportunity_id}/invitations",  # a visible person's profile
    "/api/v1/opportunities/saved-searches",
    "/api/v1/opportunities/organizations/{code}/settings",  # user ids
    "/api/v1/opportunities/applications/{application_id}/acceptance",  # a manager's address
    "/api/v1/opportunities/applications/{application_id}/endorsements",  # skill ids
    "/api/v1/reviews/uploads",  # the same, and the upload's type
    "/api/v1/reviews/{review_id}/reviewer",  # a person who may review
    "/api/v1/reviews/{review_id}/readers",  # a person's id
    "/api/v1/reviews/{review_id}/submissions",  # the upload's type
    "/api/v1/courses",  # the provider's code, skill ids
    "/api/v1/courses/import",  # the provider's code; the file must be a catalogue
    "/api/v1/courses/{course_id}",  # the provider's code, skill ids
    "/api/v1/courses/{course_id}/sessions",  # a coming start, a municipality's code
    "/api/v1/courses/{course_id}/sessions/{session_id}",  # a municipality's code
    "/api/v1/courses/enrolments/{enrolment_id}/skills",  # skills the course teaches
    "/api/v1/solutions",  # the owner's code, policy domain codes
    "/api/v1/solutions/import",  # the owner's code; the text must be a publiccode.yml
    "/api/v1/solutions/publiccode-check",  # the text must be a publiccode.yml
    "/api/v1/solutions/like-my-organization",  # one of your own organizations
    "/api/v1/solutions/{solution_id}",  # policy domain codes
    "/api/v1/solutions/{solution_id}/adoptions",  # your organization's code, a colleague
    "/api/v1/initiatives",  # the lead's code, a province, policy domain codes
    "/api/v1/initiatives/suggested",  # one of your own organizations
    "/api/v1/initiatives/{initiative_id}",  # policy domain codes
    "/api/v1/initiatives/{initiative_id}/phase",  # a phase that follows; a solution's id
    "/api/v1/initiatives/{initiative_id}/commitments",  # an organization you administer
    "/api/v1/ideas",  # policy domain codes
    "/api/v1/ideas/{idea_id}",  # policy domain codes
    "/api/v1/ideas/{idea_id}/merge",  # another idea's id
    "/api/v1/ideas/{idea_id}/initiative",  # the lead's code
}


def _excluded(case):
    return [positive_data_acceptance] if case.operation.path in REFERENCES_IN_QUERY_OR_BODY else []


@pytest.mark.django_db
@schema.parametrize()
@FUZZ
def test_signed_in_caller(case, bearer):
    case.call_and_validate(headers=bearer, excluded_checks=_excluded(case))


@pytest.mark.django_db
@schema.parametrize()
@FUZZ
def test_anonymous_caller(case):
    case.call_and_validate(excluded_checks=_excluded(case))
