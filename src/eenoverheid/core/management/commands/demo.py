from django.core.management.base import BaseCommand
from django.db import transaction

from eenoverheid.accounts import services as account_services
from eenoverheid.core.demo import DEMO_ACCOUNTS, demo_password


class Command(BaseCommand):
    help = "Create the demo population (idempotent): demo accounts to sign in with."

    @transaction.atomic
    def handle(self, *args, **options):
        civil_servant, admin = (email for email, _role in DEMO_ACCOUNTS)
        user, _ = account_services.user_get_or_create_verified(
            email=civil_servant, name="Sanne de Vries", password=demo_password()
        )
        staff, _ = account_services.user_get_or_create_verified(
            email=admin, name="Platformbeheer", password=demo_password()
        )
        if not staff.is_superuser:
            staff.is_staff = staff.is_superuser = True
            staff.save(update_fields=["is_staff", "is_superuser"])
        self.stdout.write(self.style.SUCCESS(f"Demo accounts: {user.email}, {staff.email}"))
