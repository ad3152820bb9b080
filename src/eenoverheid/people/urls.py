from django.urls import path

from eenoverheid.people import views

app_name = "people"

urlpatterns = [
    path("", views.search, name="search"),
    path("mijn-profiel/", views.my_profile, name="my_profile"),
    path("mijn-profiel/export/", views.my_export, name="my_export"),
    path("mijn-profiel/export.zip", views.my_export_archive, name="my_export_archive"),
    path("account-verwijderen/", views.delete_account, name="delete_account"),
    path("vaardigheden/", views.skills, name="skills"),
    path("vaardigheden/suggesties/", views.skill_suggestions, name="skill_suggestions"),
    path("vaardigheden/<int:skill_id>/", views.skill_detail, name="skill"),
    path("<int:profile_id>/", views.detail, name="detail"),
    path("<int:profile_id>/foto", views.photo, name="photo"),
]
