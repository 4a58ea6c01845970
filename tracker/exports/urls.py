from django.urls import re_path

from tracker.exports import views

app_name = "exports"

urlpatterns = [
    re_path(
        r"^(?P<kind>projects|commitments|contacts|followups)\.(?P<fmt>csv|xlsx)$",
        views.export_list,
        name="list",
    ),
    re_path(r"^briefing/(?P<code>[A-Za-z0-9-]{2,40})/$", views.briefing, name="briefing"),
    re_path(r"^briefing/(?P<code>[A-Za-z0-9-]{2,40})\.xlsx$", views.briefing_xlsx, name="briefing_xlsx"),
]
