"""Helpers for pages whose forms call the service layer."""

from __future__ import annotations

from django import forms

from eenoverheid.core.errors import DomainError


def report_domain_error(form: forms.Form, exc: DomainError, aliases: dict | None = None) -> None:
    """Show a service's error on the form field it names (`aliases` maps the service's
    parameter names to the form's), or as an error of the whole form."""
    placed = False
    for param in exc.invalid_params:
        name = (aliases or {}).get(param.name, param.name)
        if name in form.fields:
            form.add_error(name, str(param.reason))
            placed = True
    if not placed:
        form.add_error(None, str(exc.detail or exc.title))
