"""Demo accounts that `eenoverheid serve` prints and `eenoverheid demo` creates."""

from __future__ import annotations

import os

DEMO_ACCOUNTS = [
    ("ambtenaar@utrecht.nl", "ambtenaar / civil servant"),
    ("beheer@eenoverheid.nl", "platformbeheerder / platform administrator"),
]


def demo_password() -> str:
    return os.environ.get("DEMO_PASSWORD", "welkom-bij-een-overheid")
