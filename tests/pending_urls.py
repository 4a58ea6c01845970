"""The project's URLs plus stand-ins for list and detail pages that other branches build.

Search results, exports and the calendar feed link to pages (projects:detail,
contacts:list, ...) that are written on other branches. Tests of those features use this
urlconf (`pytest.mark.urls("tests.pending_urls")`): it adds a stand-in route only for a
name that tracker.urls lacks, so once the real pages are merged it is tracker.urls itself
and can be deleted along with the markers.
"""

from django.http import HttpResponse
from django.urls import URLResolver, include, path

from tracker.urls import urlpatterns as project_urlpatterns

PENDING = {
    "projects": [("list", ""), ("detail", "<int:pk>/")],
    "commitments": [("list", ""), ("detail", "<int:pk>/")],
    "contacts": [("list", ""), ("detail", "<int:pk>/")],
    "partners": [("list", ""), ("detail", "<str:code>/")],
    "followups": [("mine", ""), ("detail", "<int:pk>/")],
}


def stand_in(request, **kwargs):
    return HttpResponse("stand-in page")


def _with_stand_ins(pattern):
    if not isinstance(pattern, URLResolver) or pattern.namespace not in PENDING:
        return pattern
    missing = [
        path(route, stand_in, name=name)
        for name, route in PENDING[pattern.namespace]
        if not pattern.reverse_dict.getlist(name)
    ]
    if not missing:
        return pattern
    patterns = list(pattern.url_patterns) + missing
    return path(str(pattern.pattern), include((patterns, pattern.app_name), namespace=pattern.namespace))


urlpatterns = [_with_stand_ins(pattern) for pattern in project_urlpatterns]
