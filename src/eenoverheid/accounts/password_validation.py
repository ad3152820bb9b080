"""Password rules, with messages the platform translates itself.

Django 5.2.19 changed the wording of the minimum-length error and its Dutch catalog has
not caught up, so Dutch pages showed that one error in English."""

from django.contrib.auth import password_validation
from django.utils.translation import ngettext


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def get_error_message(self):
        return ngettext(
            "This password is too short. It must contain at least %(min_length)d character.",
            "This password is too short. It must contain at least %(min_length)d characters.",
            self.min_length,
        ) % {"min_length": self.min_length}
