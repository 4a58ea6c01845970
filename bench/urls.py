"""URL routes of `make bench`: the tracker's, and the references the pages are compared with."""

from django.urls import path

from bench.benchdata.views import bare_list, floor
from tracker import urls as tracker_urls

urlpatterns = [
    *tracker_urls.urlpatterns,
    path("bench/floor", floor, name="bench-floor"),
    path("bench/bare-list", bare_list, name="bench-bare-list"),
]
handler400 = tracker_urls.handler400
