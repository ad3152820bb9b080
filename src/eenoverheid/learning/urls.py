from django.urls import path

from eenoverheid.learning import views

app_name = "learning"

urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("mijn/", views.my_courses, name="mine"),
    path("mijn/agenda.ics", views.my_calendar, name="my_calendar"),
    path("beheer/", views.manage, name="manage"),
    path("beheer/nieuw/", views.course_new, name="course_new"),
    path("beheer/import/", views.import_catalogue, name="import"),
    path("voor-opgave/<int:challenge_pk>/", views.for_challenge, name="for_challenge"),
    path("<int:pk>/", views.course_detail, name="course"),
    path("<int:pk>/bewerken/", views.course_edit, name="course_edit"),
    path("<int:pk>/sessies/", views.sessions, name="sessions"),
    path("<int:pk>/beoordelen/", views.review, name="review"),
    path("sessie/<int:session_pk>/inschrijven/", views.enrol, name="enrol"),
    path("sessie/<int:session_pk>/deelnemers/", views.participants, name="participants"),
    path("sessie/<int:session_pk>.ics", views.session_calendar, name="session_calendar"),
    path("inschrijving/<int:pk>/", views.enrolment_action, name="enrolment_action"),
]
