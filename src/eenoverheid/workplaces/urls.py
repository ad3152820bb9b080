from django.urls import path

from eenoverheid.workplaces import views

app_name = "workplaces"

urlpatterns = [
    path("", views.search, name="search"),
    path("boeken/", views.book, name="book"),
    path("mijn-boekingen/", views.my_bookings, name="my_bookings"),
    path("mijn-boekingen/agenda/", views.feed_action, name="feed_action"),
    path("agenda/<str:token>.ics", views.feed, name="feed"),
    path("boekingen/<int:pk>/", views.booking_detail, name="booking"),
    path("boekingen/<int:pk>/agenda.ics", views.booking_ics, name="booking_ics"),
    path("boekingen/<int:pk>/annuleren/", views.booking_cancel, name="booking_cancel"),
    path("boekingen/<int:pk>/wijzigen/", views.booking_change, name="booking_change"),
    path("plek/<int:pk>/", views.unit_detail, name="unit"),
    path("plek/<int:pk>/qr.svg", views.unit_qr, name="unit_qr"),
    path("plek/<int:pk>/inchecken/<str:code>/", views.check_in, name="check_in"),
    path("beheer/", views.manage, name="manage"),
    path("beheer/beheerders/", views.manager_action, name="manager_action"),
    path("beheer/nieuw/", views.location_create, name="location_create"),
    path("<int:pk>/", views.location_detail, name="location"),
    path("<int:pk>/beheer/", views.manage_location, name="manage_location"),
    path("<int:pk>/beheer/boekingen.csv", views.export_bookings, name="export"),
]
