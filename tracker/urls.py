"""URL routes of the tracker."""

from django.contrib import admin
from django.urls import include, path

from tracker.accounts import views as account_views
from tracker.core import views as core_views
from tracker.dashboard import views as dashboard_views
from tracker.security import views as security_views

urlpatterns = [
    path("", dashboard_views.dashboard, name="home"),
    path("projects/", include("tracker.projects.urls")),
    path("commitments/", include("tracker.commitments.urls")),
    path("partners/", include("tracker.partners.urls")),
    path("contacts/", include("tracker.contacts.urls")),
    path("follow-ups/", include("tracker.followups.urls")),
    path("notifications/", include("tracker.notifications.urls")),
    path("search/", include("tracker.search.urls")),
    path("calendar/", include("tracker.calendar.urls")),
    path("exports/", include("tracker.exports.urls")),
    path("imports/", include("tracker.imports.urls")),
    path("charts/", include("tracker.charts.urls")),
    path("views/", include("tracker.savedviews.urls")),
    path("healthz", core_views.healthz, name="healthz"),
    path("favicon.ico", core_views.favicon, name="favicon"),
    path("csp-report/", security_views.csp_report, name="csp_report"),
    path("accounts/profile/", account_views.profile, name="profile"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("accounts/", include("tracker.security.urls")),
    # Anyone may switch language, also on the sign-in page.
    path("i18n/setlang/", account_views.set_language, name="set_language"),
    path("admin/", admin.site.urls),
]

# Django's own 400 page is a bare "Bad Request"; ours says what was wrong (too large).
handler400 = core_views.bad_request
handler403 = account_views.permission_denied
