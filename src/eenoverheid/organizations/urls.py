from django.urls import path

from eenoverheid.organizations import views

app_name = "organizations"

urlpatterns = [
    path("", views.register, name="register"),
    path("wie-dekt/", views.covering, name="covering"),
    path("<str:code>/", views.detail, name="detail"),
    path("<str:code>/logo", views.logo, name="logo"),
    path("<str:code>/beheer/", views.manage, name="manage"),
    path("<str:code>/teams/<int:team_id>/", views.team, name="team"),
]
