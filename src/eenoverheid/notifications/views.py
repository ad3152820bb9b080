"""One's notifications and how often they come by e-mail."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from eenoverheid.core.errors import DomainError
from eenoverheid.notifications import services
from eenoverheid.notifications.models import DigestFrequency, Notification


@login_required
@require_http_methods(["GET", "POST"])
def notification_list(request):
    if request.method == "POST":
        if request.POST.get("action") == "read":
            services.mark_read(user=request.user)
            messages.success(request, _("Everything is marked as read."))
        elif request.POST.get("action") == "digest":
            try:
                services.digest_set(user=request.user, frequency=request.POST.get("digest", ""))
            except DomainError as exc:
                messages.error(request, str(exc.detail))
            else:
                messages.success(request, _("Your e-mail setting is saved."))
        return redirect("notifications:list")
    page = Paginator(Notification.objects.filter(user=request.user), 30).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "notifications/list.html",
        {
            "page": page,
            "query": "",
            "settings_row": services.settings_for(request.user),
            "frequencies": DigestFrequency.choices,
            "unread": services.unread_count(request.user),
        },
    )
