from django.urls import path

from eenoverheid.ledger import views

app_name = "ledger"

urlpatterns = [
    path("", views.account_list, name="accounts"),
    path("stromen/", views.flow_chart, name="flows"),
    path("<int:pk>/", views.account_detail, name="account"),
    path("<int:pk>/afschrift.csv", views.account_export, name="export"),
    path("<int:pk>/beheer/", views.account_action, name="action"),
]
