"""Content Security Policy: the header every page carries, the nonce on htmx's script tag,
templates free of inline scripts and styles, and the endpoint that logs violation reports."""

import json
import logging
import re
from pathlib import Path

import pytest
from django.test import Client

from tests import factories

pytestmark = pytest.mark.django_db

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split("; ")}


def test_sign_in_page_carries_a_strict_policy(client):
    policy = directives(client.get("/accounts/login/"))
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["script-src"][0] == "'self'"
    assert re.fullmatch(r"'nonce-[\w-]{16,}'", policy["script-src"][1])
    joined = " ".join(value for values in policy.values() for value in values)
    assert "unsafe-inline" not in joined
    assert "unsafe-eval" not in joined
    assert policy["report-uri"] == ["/csp-report/"]


def test_htmx_script_carries_the_nonce_of_its_response(client):
    first, second = client.get("/accounts/login/"), client.get("/accounts/login/")
    for response in (first, second):
        nonce = directives(response)["script-src"][1][len("'nonce-") : -1]
        assert f'nonce="{nonce}"' in response.text
        assert re.search(rf'<script [^>]*src="[^"]*htmx[^"]*"[^>]*nonce="{nonce}"', response.text)
    assert directives(first)["script-src"] != directives(second)["script-src"]  # fresh per response


def test_htmx_is_configured_for_the_policy(client):
    text = client.get("/accounts/login/").text
    config = json.loads(re.search(r"<meta name=\"htmx-config\" content='([^']*)'>", text).group(1))
    assert config["allowEval"] is False
    assert config["includeIndicatorStyles"] is False
    assert config["allowScriptTags"] is False


def test_signed_in_pages_carry_the_policy(client):
    client.force_login(factories.coordinator(is_staff=True, is_superuser=True))
    for url in ["/", "/admin/", "/accounts/two-factor/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "'nonce-" in response["Content-Security-Policy"], url


@pytest.mark.parametrize(
    "path", sorted(TEMPLATES.rglob("*.html")), ids=lambda p: str(p.relative_to(TEMPLATES))
)
def test_templates_have_no_inline_script_style_or_event_handler(path):
    """Covers templates added later too: the policy would block these in the browser."""
    text = path.read_text()
    assert not re.search(r"<script(?![^>]*\ssrc=)[^>]*>", text), "inline <script>: move it to static/js/"
    assert "<style" not in text, "inline <style>: move it to static/css/app.css"
    assert not re.search(r"\sstyle=", text), "style attribute: use a class in static/css/app.css"
    assert not re.search(r"\son[a-z]+=", text), "inline event handler: use static/js/app.js"
    assert not re.search(r"\shx-on", text), "hx-on needs eval, which the policy forbids"
    assert "javascript:" not in text


def test_a_violation_report_is_logged_without_signing_in(client, caplog):
    report = {
        "csp-report": {
            "document-uri": "https://tracker.example.org/",
            "violated-directive": "script-src-elem",
            "blocked-uri": "inline",
            "source-file": "https://tracker.example.org/",
            "line-number": 7,
        }
    }
    with caplog.at_level(logging.WARNING, logger="tracker.security.views"):
        response = client.post("/csp-report/", json.dumps(report), content_type="application/csp-report")
    assert response.status_code == 204
    assert "script-src-elem" in caplog.text
    assert "inline" in caplog.text


def test_report_endpoint_needs_no_csrf_token(db):
    report = json.dumps({"csp-report": {"violated-directive": "style-src-attr"}})
    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/csp-report/", report, content_type="application/csp-report")
    assert response.status_code == 204


@pytest.mark.parametrize(
    ("body", "status"),
    [
        (json.dumps({"csp-report": {"blocked-uri": "x" * 20_000}}), 413),
        (b"\xff\xfe{", 400),
        ("[1, 2]", 400),
        ('{"csp-report": 1}', 400),
    ],
    ids=["oversized", "not-utf8", "not-an-object", "not-a-report"],
)
def test_report_endpoint_refuses_oversized_or_malformed_reports(client, body, status):
    assert client.post("/csp-report/", body, content_type="application/csp-report").status_code == status


def test_report_endpoint_answers_only_post(client):
    assert client.get("/csp-report/").status_code == 405
