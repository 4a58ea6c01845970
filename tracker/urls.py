"""URL routes of the tracker."""

from django.contrib import admin
from django.urls import include, path

from tracker.core import views as core_views

urlpatterns = [
    path("", core_views.home, name="home"),
    path("projects/", include("tracker.projects.urls")),
    path("commitments/", include("tracker.commitments.urls")),
    path("partners/", include("tracker.partners.urls")),
    path("contacts/", include("tracker.contacts.urls")),
    path("follow-ups/", include("tracker.followups.urls")),
    path("search/", include("tracker.search.urls")),
    path("calendar/", include("tracker.calendar.urls")),
    path("exports/", include("tracker.exports.urls")),
    path("imports/", include("tracker.imports.urls")),
    path("charts/", include("tracker.charts.urls")),
    path("healthz", core_views.healthz, name="healthz"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
