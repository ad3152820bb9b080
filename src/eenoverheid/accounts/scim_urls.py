from django.urls import path, re_path

from eenoverheid.accounts import scim

urlpatterns = [
    path("ServiceProviderConfig", scim.service_provider_config),
    path("ResourceTypes", scim.resource_types),
    path("ResourceTypes/<str:item_id>", scim.resource_type),
    path("Schemas", scim.schemas),
    path("Schemas/<str:item_id>", scim.schema),
    path(".search", scim.root_search),
    path("Users", scim.users),
    path("Users/.search", scim.users_search),
    path("Users/<str:resource_id>", scim.user),
    path("Groups", scim.groups),
    path("Groups/.search", scim.groups_search),
    path("Groups/<str:resource_id>", scim.group),
    re_path(r"^(?P<rest>.*)$", scim.unknown),
]
