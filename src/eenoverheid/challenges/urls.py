from django.urls import path

from eenoverheid.challenges import views

app_name = "challenges"

urlpatterns = [
    path("", views.challenge_list, name="list"),
    path("nieuw/", views.challenge_create, name="create"),
    path("uitnodigingen/", views.my_invitations, name="invitations"),
    path(
        "uitnodigingen/<int:invitation_id>/antwoord/",
        views.invitation_answer,
        name="invitation_answer",
    ),
    path("<int:pk>/", views.challenge_detail, name="detail"),
    path("<int:pk>/bewerken/", views.challenge_edit, name="edit"),
    path("<int:pk>/uitnodigen/", views.invite, name="invite"),
    path(
        "<int:pk>/uitnodigingen/<int:invitation_id>/intrekken/",
        views.invitation_withdraw,
        name="invitation_withdraw",
    ),
    path("<int:pk>/leden/<int:user_id>/verwijderen/", views.member_remove, name="member_remove"),
    path("<int:pk>/leden/<int:user_id>/rol/", views.member_role, name="member_role"),
    path("<int:pk>/volgen/", views.follow, name="follow"),
    path("<int:pk>/koppelen/", views.link_add, name="link_add"),
    path("<int:pk>/koppelen/<int:other_id>/ontkoppelen/", views.link_remove, name="link_remove"),
    path("<int:pk>/taken/", views.tasks, name="tasks"),
    path("<int:pk>/taken/<int:task_id>/", views.task_action, name="task_action"),
]
