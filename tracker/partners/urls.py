from django.urls import path

from tracker.partners import packages, views

app_name = "partners"

urlpatterns = [
    path("", views.partner_list, name="list"),
    # Before <code>/: "packages" is not a partner's code.
    path("packages/new/", packages.package_create, name="package_create"),
    path("packages/<int:pk>/", packages.package_detail, name="package"),
    path("packages/<int:pk>/edit/", packages.package_edit, name="package_edit"),
    path("<str:code>/", views.partner_detail, name="detail"),
]
