"""reverse_fast and the {% url %} builtin: the same URLs as reverse(), whatever the arguments."""

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import NoReverseMatch, reverse, set_script_prefix

from tracker.core.links import reverse_fast


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("home", []),
        ("projects:detail", [1]),
        ("projects:detail", [123456789]),
        ("followups:done", [7]),
        ("commitments:detail", [0]),
        ("partners:detail", ["US"]),
        ("admin:projects_project_change", [5]),
    ],
)
def test_reverse_fast_writes_what_reverse_writes(name, args):
    assert reverse_fast(name, args) == reverse(name, args=args)


def test_reverse_fast_follows_the_script_prefix():
    try:
        set_script_prefix("/tracker/")
        assert reverse_fast("projects:detail", [3]) == "/tracker/projects/3/"
    finally:
        set_script_prefix("/")
    assert reverse_fast("projects:detail", [3]) == "/projects/3/"


def test_reverse_fast_refuses_what_reverse_refuses():
    with pytest.raises(NoReverseMatch):
        reverse_fast("projects:detail", [-1])
    with pytest.raises(NoReverseMatch):
        reverse_fast("projects:detail", [True])
    with pytest.raises(NoReverseMatch):
        reverse_fast("no-such-page", [1])


def test_url_tag_writes_what_django_writes():
    template = Template(
        "{% url 'projects:detail' pk %}|{% url 'partners:detail' code %}|{% url 'home' %}|"
        "{% url 'projects:detail' pk as link %}[{{ link }}]|{% url 'nope' 1 as missing %}[{{ missing }}]|"
        "{% url 'projects:list' %}?a=1"
    )
    request = RequestFactory().get("/")
    text = template.render(Context({"pk": 42, "code": "US", "request": request}))

    assert text == (
        f"{reverse('projects:detail', args=[42])}|{reverse('partners:detail', args=['US'])}|"
        f"{reverse('home')}|"
        f"[{reverse('projects:detail', args=[42])}]|[]|{reverse('projects:list')}?a=1"
    )


def test_url_tag_without_as_raises_for_an_unknown_name():
    with pytest.raises(NoReverseMatch):
        Template("{% url 'nope' 1 %}").render(Context({}))
