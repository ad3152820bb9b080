from django.urls import path

from eenoverheid.reviews import views

app_name = "reviews"

urlpatterns = [
    path("", views.request_list, name="list"),
    path("nieuw/", views.request_create, name="create"),
    path("<int:pk>/", views.request_detail, name="detail"),
    path("<int:pk>/actie/", views.request_action, name="action"),
    path("<int:pk>/document/", views.document, name="document"),
    path("<int:pk>/review/<int:round>/bestand/", views.submission_file, name="submission_file"),
]
