from django.urls import path

from eenoverheid.communities import views
from eenoverheid.communities.feeds import CommunityPostsFeed

app_name = "communities"

urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("nieuw/", views.create, name="create"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/feed.atom", CommunityPostsFeed(), name="feed"),
    path("<slug:slug>/lid-worden/", views.join, name="join"),
    path("<slug:slug>/verlaten/", views.leave, name="leave"),
    path("<slug:slug>/volgen/", views.follow, name="follow"),
    path("<slug:slug>/melden/", views.report, name="report"),
    path("<slug:slug>/moderatie/", views.moderation, name="moderation"),
    path("<slug:slug>/instellingen/", views.settings_page, name="settings"),
    path("<slug:slug>/leden/", views.members, name="members"),
    path("<slug:slug>/discussies/", views.threads, name="threads"),
    path("<slug:slug>/discussies/<int:pk>/", views.thread, name="thread"),
    path("<slug:slug>/discussies/<int:pk>/actie/", views.thread_action, name="thread_action"),
    path("<slug:slug>/berichten/<int:pk>/bewerken/", views.post_edit, name="post_edit"),
    path("<slug:slug>/kennisbank/", views.articles, name="articles"),
    path("<slug:slug>/kennisbank/<slug:article_slug>/", views.article, name="article"),
    path(
        "<slug:slug>/kennisbank/<slug:article_slug>/bewerken/",
        views.article_edit,
        name="article_edit",
    ),
    path(
        "<slug:slug>/kennisbank/<slug:article_slug>/geschiedenis/",
        views.article_history,
        name="article_history",
    ),
    path(
        "<slug:slug>/kennisbank/<slug:article_slug>/verschil/<int:old>/<int:new>/",
        views.article_diff,
        name="article_diff",
    ),
    path(
        "<slug:slug>/kennisbank/<slug:article_slug>/actie/",
        views.article_action,
        name="article_action",
    ),
    path("<slug:slug>/evenementen/", views.events, name="events"),
    path("<slug:slug>/evenementen.ics", views.events_ics, name="events_ics"),
    path("<slug:slug>/evenementen/<int:pk>/", views.event, name="event"),
    path("<slug:slug>/evenementen/<int:pk>.ics", views.event_ics, name="event_ics"),
    path("<slug:slug>/bestanden/", views.documents, name="documents"),
    path("<slug:slug>/bestanden/<int:pk>/", views.document, name="document"),
    path("<slug:slug>/bestanden/<int:pk>/download/<int:number>/", views.download, name="download"),
]
