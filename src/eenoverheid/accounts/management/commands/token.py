from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from eenoverheid.accounts import services
from eenoverheid.accounts.models import ApiTokenScope
from eenoverheid.core.errors import DomainError
from eenoverheid.organizations.models import MembershipRole, Organization
from eenoverheid.organizations.services import membership_ensure


class Command(BaseCommand):
    help = (
        "Print a new personal API token for EMAIL, creating the user if needed. "
        "--organization CODE makes them a member of that organization; --admin makes "
        "them its administrator, or a platform administrator without --organization."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--organization", metavar="CODE")
        parser.add_argument("--admin", action="store_true")
        parser.add_argument("--name", default="command line")
        parser.add_argument("--scope", choices=ApiTokenScope.values, default=ApiTokenScope.WRITE)
        parser.add_argument("--days", type=int, default=365, help="days until it expires")

    @transaction.atomic
    def handle(self, *args, email, organization, admin, name, scope, days, **options):
        if "@" not in email:
            raise CommandError(f"Not an e-mail address: {email}")
        user, _created = services.user_get_or_create_verified(email=email)
        if organization:
            org = Organization.objects.filter(code__iexact=organization).first()
            if org is None:
                raise CommandError(f"No organization with code {organization!r}.")
            role = MembershipRole.ADMIN if admin else MembershipRole.MEMBER
            membership_ensure(user=user, organization=org, role=role)
        elif admin and not user.is_superuser:
            user.is_staff = user.is_superuser = True
            user.save(update_fields=["is_staff", "is_superuser"])
        try:
            _token, plain = services.api_token_create(
                user=user, name=name, scope=scope, expires_in_days=days
            )
        except DomainError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(plain)
