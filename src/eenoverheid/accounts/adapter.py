"""django-allauth hooks: where sign-up and verification meet the platform's rules."""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from django.db import transaction

from eenoverheid.accounts import services
from eenoverheid.core.services import audit_record


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            audit_record(actor=None, action="user.signed_up", obj=user)
        return user

    def confirm_email(self, request, email_address):
        with transaction.atomic():
            confirmed = super().confirm_email(request, email_address)
            if confirmed:
                services.user_email_verified(user=email_address.user, email=email_address.email)
        return confirmed
