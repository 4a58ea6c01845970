from django.urls import path, re_path

from tracker.imports import views

app_name = "imports"

urlpatterns = [
    path("", views.upload, name="upload"),
    path("<int:pk>/", views.preview, name="preview"),
    path("<int:pk>/apply/", views.apply, name="apply"),
    re_path(
        r"^template/(?P<kind>commitments|deliveries)\.(?P<fmt>csv|xlsx)$", views.template, name="template"
    ),
]
