"""Request-scoped context for the audit log: who is acting and from which address."""

from __future__ import annotations

from contextvars import ContextVar

_client_ip: ContextVar[str | None] = ContextVar("client_ip", default=None)


def current_client_ip() -> str | None:
    return _client_ip.get()


class AuditContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _client_ip.set(request.META.get("REMOTE_ADDR") or None)
        try:
            return self.get_response(request)
        finally:
            _client_ip.reset(token)


class RejectNulMiddleware:
    """A NUL character in a query-string or form value is never meaningful, and
    PostgreSQL cannot store or compare it (SQLite can): refuse it at the door, the same
    on both databases, with the parameter named."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        bad = next((k for k, values in request.GET.lists() if _has_nul(k, values)), None)
        if (
            bad is None
            and request.method == "POST"
            and not request.content_type.startswith("application/json")
        ):
            bad = next((k for k, values in request.POST.lists() if _has_nul(k, values)), None)
        if bad is not None:
            from eenoverheid.core.errors import InvalidParam, problem_response

            reason = "must not contain NUL characters"
            return problem_response(
                request,
                status=400,
                title="The input is not valid.",
                detail=f"{bad}: {reason}",
                invalid_params=[InvalidParam(bad.replace("\x00", ""), reason, "nul_character")],
            )
        return self.get_response(request)


def _has_nul(key: str, values: list) -> bool:
    return "\x00" in key or any(isinstance(v, str) and "\x00" in v for v in values)


class ContentSecurityPolicyMiddleware:
    """Send settings.CONTENT_SECURITY_POLICY with every response that has none.

    Scripts come only from the platform itself: no inline script, no eval. The pages are
    written for that (htmx and the few scripts are static files; data for scripts travels
    in `type="application/json"` blocks, which a browser never executes)."""

    def __init__(self, get_response):
        from django.conf import settings

        self.get_response = get_response
        self.policy = getattr(settings, "CONTENT_SECURITY_POLICY", "")

    def __call__(self, request):
        response = self.get_response(request)
        if self.policy and "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = self.policy
        return response
