from __future__ import annotations

import logging

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.db.models import Count
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from eenoverheid.organizations.selectors import memberships_of

logger = logging.getLogger(__name__)


@require_GET
def home(request):
    return render(request, "core/home.html")


@login_required
@require_GET
def dashboard(request):
    from eenoverheid.people.models import Profile

    profile = (
        Profile.objects.filter(user=request.user)
        .annotate(skill_count=Count("skills"))
        .only("id", "job_title", "bio")
        .first()
    )
    return render(
        request,
        "core/dashboard.html",
        {"memberships": memberships_of(user=request.user), "profile": profile},
    )


@never_cache
@require_GET
def health(request):
    """Liveness and database reachability, for load balancers and `serve`."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    """The 500 page in the platform's layout; plain text if even that fails."""
    try:
        return HttpResponseServerError(loader.render_to_string("500.html", request=request))
    except Exception:  # the layout itself may be what broke
        logger.exception("Rendering the 500 page failed")
        return HttpResponse("Er ging iets mis. / Something went wrong.", status=500)
