from django.urls import path

from eenoverheid.marketplace import views

app_name = "marketplace"

urlpatterns = [
    path("", views.search, name="search"),
    path("voor-mij/", views.for_me, name="for_me"),
    path("mijn/", views.mine, name="mine"),
    path("zoekopdrachten/", views.save_search, name="save_search"),
    path("zoekopdrachten/<int:pk>/", views.saved_search_action, name="saved_search"),
    path("beheer/", views.manage, name="manage"),
    path("beheer/nieuw/", views.new, name="new"),
    path("beheer/organisatie/<str:code>/", views.organization_settings, name="organization"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/solliciteren/", views.apply, name="apply"),
    path("<int:pk>/bewerken/", views.edit, name="edit"),
    path("<int:pk>/status/", views.status, name="status"),
    path("<int:pk>/sollicitaties/", views.applications, name="applications"),
    path("<int:pk>/kandidaten/", views.candidates, name="candidates"),
    path("sollicitatie/<int:pk>/", views.application, name="application"),
    path("sollicitatie/<int:pk>/stap/", views.application_action, name="application_action"),
]
