"""The project's URLs, plus stand-ins for the page routes emails link to while those pages
are built on other branches.

A stand-in is added only for a route name that does not resolve in tracker.urls, so once
the real pages are merged this file adds nothing and the tests use the real routes. Stand-
ins come first because Django resolves a namespace to its first definition. Delete this
file (and the `page_urls` fixture) once every name below resolves.
"""

from django.http import HttpResponse
from django.urls import NoReverseMatch, include, path, reverse

from tracker.urls import urlpatterns as project_urlpatterns

NEEDED = {
    # namespace: [(route name, path, sample argument)]
    "projects": [("detail", "projects/<int:pk>/", 1)],
    "commitments": [("detail", "commitments/<int:pk>/", 1)],
    "contacts": [("detail", "contacts/<int:pk>/", 1)],
    "followups": [("detail", "follow-ups/<int:pk>/", 1), ("mine", "follow-ups/mine/", None)],
    "partners": [("detail", "partners/<str:code>/", "PL")],
}


def stand_in(request, **kwargs):
    return HttpResponse("stand-in page")


def _missing(namespace: str) -> bool:
    for name, _route, arg in NEEDED[namespace]:
        try:
            reverse(f"{namespace}:{name}", args=[arg] if arg is not None else [], urlconf="tracker.urls")
        except NoReverseMatch:
            return True
    return False


urlpatterns = [
    path(
        "",
        include(
            ([path(route, stand_in, name=name) for name, route, _arg in routes], namespace),
            namespace=namespace,
        ),
    )
    for namespace, routes in NEEDED.items()
    if _missing(namespace)
] + project_urlpatterns
