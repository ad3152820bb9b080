from django.urls import path

from eenoverheid.solutions import views
from eenoverheid.solutions.feeds import NewIdeasFeed

app_name = "solutions"

urlpatterns = [
    path("oplossingen/", views.solution_list, name="list"),
    path("oplossingen/nieuw/", views.solution_create, name="create"),
    path("oplossingen/importeren/", views.solution_import, name="import"),
    path("oplossingen/<int:pk>/", views.solution_detail, name="detail"),
    path("oplossingen/<int:pk>/bewerken/", views.solution_edit, name="edit"),
    path("oplossingen/<int:pk>/verwijderen/", views.solution_delete, name="delete"),
    path("oplossingen/<int:pk>/gebruik/", views.adoption, name="adoption"),
    path("oplossingen/<int:pk>/publiccode.yml", views.solution_publiccode, name="publiccode"),
    path("initiatieven/", views.initiative_list, name="initiatives"),
    path("initiatieven/nieuw/", views.initiative_create, name="initiative_create"),
    path("initiatieven/<int:pk>/", views.initiative_detail, name="initiative"),
    path("initiatieven/<int:pk>/bewerken/", views.initiative_edit, name="initiative_edit"),
    path("initiatieven/<int:pk>/fase/", views.initiative_phase, name="initiative_phase"),
    path("initiatieven/<int:pk>/deelnemen/", views.commitment, name="commitment"),
    path("ideeen/", views.idea_list, name="ideas"),
    path("ideeen/feed/", NewIdeasFeed(), name="ideas_feed"),
    path("ideeen/nieuw/", views.idea_create, name="idea_create"),
    path("ideeen/<int:pk>/", views.idea_detail, name="idea"),
    path("ideeen/<int:pk>/steun/", views.idea_vote, name="idea_vote"),
    path("ideeen/<int:pk>/reactie/", views.idea_comment, name="idea_comment"),
    path("ideeen/<int:pk>/beheer/", views.idea_moderate, name="idea_moderate"),
    path("ideeen/<int:pk>/initiatief/", views.idea_to_initiative, name="idea_to_initiative"),
]
