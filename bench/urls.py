"""URL routes of `make bench`: the tracker's, and the floor the pages are compared with."""

from django.urls import path

from bench.benchdata.views import floor
from tracker import urls as tracker_urls

urlpatterns = [*tracker_urls.urlpatterns, path("bench/floor", floor, name="bench-floor")]
handler400 = tracker_urls.handler400
