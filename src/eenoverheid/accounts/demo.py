"""Demo provisioning: Gemeente Utrecht's directory has a token and has provisioned a
few colleagues and a team, through the same services the SCIM endpoint uses."""

from __future__ import annotations

from django.db import transaction

from eenoverheid.accounts import provisioning
from eenoverheid.accounts.models import ScimToken
from eenoverheid.organizations.models import Membership, MembershipRole, Organization

PEOPLE = [
    ("f.elbaz@utrecht.nl", "Fatima", "El Baz", "Adviseur informatiebeheer"),
    ("j.deboer@utrecht.nl", "Joris", "de Boer", "Teamleider Wonen"),
    ("l.visser@utrecht.nl", "Lotte", "Visser", "Privacy officer"),
]


@transaction.atomic
def generate_provisioning() -> int:
    organization = Organization.objects.filter(name="Gemeente Utrecht", is_active=True).first()
    if organization is None or ScimToken.objects.filter(organization=organization).exists():
        return 0
    admin = (
        Membership.objects.filter(organization=organization, role=MembershipRole.ADMIN)
        .select_related("user")
        .first()
    )
    if admin is None:
        return 0
    provisioning.scim_token_create(
        organization=organization, actor=admin.user, name="Entra ID provisioning"
    )
    people = []
    for email, given, family, title in PEOPLE:
        people.append(
            provisioning.user_provision(
                organization=organization,
                document={
                    "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
                    "userName": email,
                    "externalId": email.split("@")[0],
                    "name": {"givenName": given, "familyName": family},
                    "title": title,
                    "emails": [{"value": email, "type": "work", "primary": True}],
                    "active": True,
                },
            )
        )
    provisioning.group_provision(
        organization=organization,
        document={"displayName": "Informatiebeheer (uit Entra ID)"},
        member_ids=[str(p.pk) for p in people[::2]],
    )
    return len(people)
