from django.core.management.base import BaseCommand
from django.db import transaction

from eenoverheid.accounts import services as account_services
from eenoverheid.core.demo import DEMO_ACCOUNTS, demo_password
from eenoverheid.organizations.models import MembershipRole, Organization, Team
from eenoverheid.organizations.services import (
    membership_ensure,
    membership_grant_for_verified_email,
)


class Command(BaseCommand):
    help = (
        "Create the demo population: demo accounts to sign in with (idempotent) and, with "
        "--people N, N generated civil servants over the real organizations."
    )

    def add_arguments(self, parser):
        parser.add_argument("--people", type=int, default=0, help="Generate this many people.")
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, people=0, seed=2026, **options):
        self.accounts()
        if people:
            from eenoverheid.people.demo import generate_people

            result = generate_people(people, seed=seed, stdout=self.stdout)
            self.stdout.write(
                self.style.SUCCESS(f"Generated {result['people']} people in {result['seconds']} s.")
            )
        self.datasets_and_challenges()

    def datasets_and_challenges(self):
        """The demo catalogue of datasets, professional communities, and challenges whose
        suggestions draw on the register, the people and the datasets (idempotent)."""
        from eenoverheid.challenges.demo import generate_challenges
        from eenoverheid.communities.demo import generate_communities
        from eenoverheid.datasets.demo import generate_datasets
        from eenoverheid.datasets.models import Dataset

        if not Dataset.objects.exists():
            report = generate_datasets()
            self.stdout.write(self.style.SUCCESS(f"Demo datasets: {report.created}"))
        communities = generate_communities()
        if communities:
            self.stdout.write(self.style.SUCCESS(f"Demo communities: {communities}"))
        count = generate_challenges()
        if count:
            self.stdout.write(self.style.SUCCESS(f"Demo challenges: {count}"))
        from eenoverheid.workplaces.demo import generate_workplaces

        count = generate_workplaces()
        if count:
            self.stdout.write(self.style.SUCCESS(f"Demo workplace locations: {count}"))
        from eenoverheid.ledger.demo import generate_ledger

        count = generate_ledger()
        if count:
            self.stdout.write(self.style.SUCCESS(f"Start allocations of points: {count}"))
        from eenoverheid.learning.demo import generate_courses

        count = generate_courses()
        if count:
            self.stdout.write(self.style.SUCCESS(f"Demo courses: {count}"))
        from eenoverheid.reviews.demo import generate_reviews

        count = generate_reviews()
        if count:
            self.stdout.write(self.style.SUCCESS(f"Demo review requests: {count}"))
        from eenoverheid.marketplace.demo import generate_opportunities

        count = generate_opportunities()
        if count:
            self.stdout.write(self.style.SUCCESS(f"Demo opportunities: {count}"))
        from eenoverheid.solutions.demo import generate_solutions

        count = generate_solutions()
        if count:
            self.stdout.write(self.style.SUCCESS(f"Demo solutions: {count}"))
        from eenoverheid.accounts.demo import generate_provisioning

        count = generate_provisioning()
        if count:
            self.stdout.write(self.style.SUCCESS(f"Demo provisioned people: {count}"))

    @transaction.atomic
    def accounts(self):
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
        self.organization_demo(user)

    def organization_demo(self, user):
        """The civil servant works for the municipality of Utrecht (by her verified
        address on utrecht.nl) and administers its page, so that the organization's
        management pages have someone to show them."""
        membership = membership_grant_for_verified_email(user=user, email=user.email)
        if membership is None:
            self.stdout.write(
                "No organization owns utrecht.nl yet: run `eenoverheid import-organizations`."
            )
            return
        organization = membership.organization
        membership_ensure(user=user, organization=organization, role=MembershipRole.ADMIN)
        if not organization.description:
            organization.description = (
                "De gemeente Utrecht werkt op dit platform samen met de regio, de provincie "
                "en het Rijk aan jeugdhulp, wonen en de energietransitie."
            )
            organization.save(update_fields=["description", "updated_at"])
        team, _created = Team.objects.get_or_create(
            organization=organization,
            name="Team Jeugd en Onderwijs",
            defaults={"description": "Beleid en inkoop van jeugdhulp in de regio Utrecht."},
        )
        team.members.add(user)
        self.profile_demo(user)
        self.stdout.write(
            self.style.SUCCESS(
                f"{user.email} administers {organization.name} "
                f"({Organization.objects.filter(is_active=True).count()} active organizations)."
            )
        )

    def profile_demo(self, user):
        from eenoverheid.people import services as people_services
        from eenoverheid.people.models import Skill

        people_services.profile_update(
            user=user,
            actor=user,
            job_title="Beleidsadviseur jeugdhulp",
            bio=(
                "Ik werk aan de inkoop van jeugdhulp voor de regio Utrecht en aan de aansluiting "
                "tussen wijkteams en specialistische jeugdzorg. Eerder werkte ik aan de "
                "Omgevingswet en aan Europese aanbestedingen."
            ),
            keywords="jeugdzorg, inkoop, aanbesteden, wijkteams",
            visibility="signed_in",
            work_municipality="gm0344",
            languages=["nl", "en"],
            available=True,
            hours_per_week=4,
        )
        for code, level in [
            ("eo-jeugdhulp", "expert"),
            ("eo-inkoop", "expert"),
            ("eo-omgevingswet", "practitioner"),
            ("eo-data", "interested"),
        ]:
            skill = Skill.objects.filter(code=code).first()
            if skill is not None:
                people_services.profile_skill_set(user=user, skill_id=skill.pk, level=level)
