from django.urls import path, re_path

from tracker.calendar import views

app_name = "calendar"

urlpatterns = [
    path("", views.subscription, name="subscription"),
    re_path(r"^(?P<token>[A-Za-z0-9_-]{20,100})\.ics$", views.feed, name="feed"),
]
