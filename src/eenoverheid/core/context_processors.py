from django.conf import settings
from django.urls import reverse


def navigation_for(request) -> list[dict]:
    """The navigation entries this visitor can use, with the current one marked."""
    user = getattr(request, "user", None)
    signed_in = bool(user and user.is_authenticated)
    items = []
    for entry in settings.NAVIGATION:
        if entry.get("login_required") and not signed_in:
            continue
        url = reverse(entry["url_name"])  # a wrong entry is a bug: let it fail loudly
        matches = request.path == url or (url != "/" and request.path.startswith(url))
        items.append(
            {"url": url, "label": entry["label"], "current": False, "_len": matches * len(url)}
        )
    # The most specific entry is the current one (/organisaties/wie-dekt/ over /organisaties/).
    best = max(items, key=lambda item: item["_len"], default=None)
    for item in items:
        item["current"] = item is best and item["_len"] > 0
        del item["_len"]
    return items


def platform(request) -> dict:
    return {"navigation": navigation_for(request), "site_url": settings.SITE_URL}
