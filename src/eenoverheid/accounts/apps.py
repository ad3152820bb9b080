from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "eenoverheid.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from allauth.mfa.signals import authenticator_added, authenticator_removed

        authenticator_added.connect(_recheck_mfa, dispatch_uid="accounts.mfa_added")
        authenticator_removed.connect(_recheck_mfa, dispatch_uid="accounts.mfa_removed")


def _recheck_mfa(sender, request=None, user=None, **kwargs):
    """A second factor was added or removed: the requirement is looked at again."""
    from eenoverheid.accounts.middleware import SESSION_KEY, mfa_required

    if request is not None and hasattr(request, "session"):
        request.session[SESSION_KEY] = mfa_required(user or request.user)
