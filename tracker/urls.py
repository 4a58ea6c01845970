"""URL routes of the tracker."""

from django.conf import settings
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
    path("healthz", core_views.healthz, name="healthz"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

if settings.BENCHMARK_FLOOR:
    from tracker.benchdata.views import floor

    urlpatterns.append(path("bench/floor", floor, name="bench-floor"))
