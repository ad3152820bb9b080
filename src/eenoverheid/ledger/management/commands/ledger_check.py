from django.core.management.base import BaseCommand, CommandError

from eenoverheid.ledger.services import recompute


class Command(BaseCommand):
    help = (
        "Recompute every account's balance from its transfers and its reserved amount from "
        "its held reservations; report the accounts whose stored values differ and the sum "
        "of all balances (0 when nothing was lost or made up)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--repair", action="store_true", help="correct stored values")

    def handle(self, *args, **options):
        mismatches, total = recompute(repair=options["repair"])
        for m in mismatches:
            self.stdout.write(
                f"{m.account}: balance {m.stored_balance} stored, {m.computed_balance} from "
                f"transfers; reserved {m.stored_reserved} stored, {m.computed_reserved} held"
            )
        self.stdout.write(f"sum of all balances: {total}; accounts that differ: {len(mismatches)}")
        if (mismatches and not options["repair"]) or total != 0:
            raise CommandError("the ledger does not add up")
