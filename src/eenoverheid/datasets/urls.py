from django.urls import path

from eenoverheid.datasets import views

app_name = "datasets"

urlpatterns = [
    path("", views.dataset_list, name="list"),
    path("importeren/", views.dataset_import, name="import"),
    path("<int:pk>/", views.dataset_detail, name="detail"),
]
