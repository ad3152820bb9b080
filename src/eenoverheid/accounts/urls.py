from django.urls import path

from eenoverheid.accounts import views

app_name = "accounts"

urlpatterns = [
    path("aanmelden/", views.sign_in, name="sign_in"),
    path("mijn-api-tokens/", views.api_tokens, name="api_tokens"),
    path(
        "organisaties/<str:code>/beheer/aanmelden/",
        views.organization_sign_in,
        name="organization_sign_in",
    ),
]
