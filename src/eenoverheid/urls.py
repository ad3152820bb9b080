from django.contrib import admin
from django.urls import include, path

from eenoverheid.api import api

urlpatterns = [
    path("", include("eenoverheid.core.urls")),
    path("organisaties/", include("eenoverheid.organizations.urls")),
    path("mensen/", include("eenoverheid.people.urls")),
    path("gemeenschappen/", include("eenoverheid.communities.urls")),
    path("meldingen/", include("eenoverheid.notifications.urls")),
    path("datasets/", include("eenoverheid.datasets.urls")),
    path("opgaven/", include("eenoverheid.challenges.urls")),
    path("werkplekken/", include("eenoverheid.workplaces.urls")),
    path("punten/", include("eenoverheid.ledger.urls")),
    path("collegiale-toetsing/", include("eenoverheid.reviews.urls")),
    path("leren/", include("eenoverheid.learning.urls")),
    path("kansen/", include("eenoverheid.marketplace.urls")),
    path("", include("eenoverheid.solutions.urls")),
    path("", include("eenoverheid.accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("api/v1/", api.urls),
    path("scim/v2/", include("eenoverheid.accounts.scim_urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("beheer/", admin.site.urls),
]

handler403 = "eenoverheid.core.views.permission_denied"
handler404 = "eenoverheid.core.views.page_not_found"
handler500 = "eenoverheid.core.views.server_error"

admin.site.site_header = "Eén Overheid"
admin.site.site_title = "Eén Overheid"
