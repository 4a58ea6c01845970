"""A visitor of the running app over plain HTTP: cookies, sign-in, and forms read from the
page (CSRF token and current values included) the way a browser without JavaScript submits
them. Standard library only: the smoke suite talks to the server as any client would."""

import http.cookiejar
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Form:
    """One <form>: where it posts, and the values a browser would send unchanged."""

    action: str
    values: dict[str, list[str]] = field(default_factory=dict)
    options: dict[str, list[str]] = field(default_factory=dict)  # each <select>'s option values


class FormReader(HTMLParser):
    """Collects every form of a page with its inputs, selects and textareas."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self.select: str | None = None
        self.multiple = False
        self.textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {name: value or "" for name, value in attrs}
        if tag == "form":
            self.forms.append(Form(action=a.get("action", "")))
            return
        if not self.forms:
            return
        form = self.forms[-1]
        if tag == "option" and self.select:
            form.options[self.select].append(a.get("value", ""))
            if "selected" in a:
                form.values[self.select].append(a.get("value", ""))
        elif "name" not in a:
            return
        elif tag == "input" and a.get("type") not in ("submit", "button"):
            if a.get("type") not in ("checkbox", "radio") or "checked" in a:
                form.values.setdefault(a["name"], []).append(a.get("value", ""))
        elif tag == "select":
            self.select, self.multiple = a["name"], "multiple" in a
            form.options[self.select] = []
            form.values.setdefault(self.select, [])
        elif tag == "textarea":
            self.textarea = a["name"]
            form.values[self.textarea] = [""]

    def handle_endtag(self, tag: str) -> None:
        if tag == "select" and self.select:
            form = self.forms[-1]
            if not form.values[self.select] and form.options[self.select] and not self.multiple:
                form.values[self.select] = form.options[self.select][:1]  # what a browser sends
            self.select = None
        elif tag == "textarea":
            self.textarea = None

    def handle_data(self, data: str) -> None:
        if self.textarea:
            self.forms[-1].values[self.textarea][0] += data.removeprefix("\n")


@dataclass
class Page:
    status: int
    url: str
    text: str

    def form(self, action: str) -> Form:
        """The form of this page that posts to `action` (a form without one posts to the page)."""
        reader = FormReader()
        reader.feed(self.text)
        for form in reader.forms:
            form.action = form.action or urllib.parse.urlsplit(self.url).path
        matches = [form for form in reader.forms if form.action == action]
        assert matches, f"{self.url}: no form posting to {action}"
        return matches[0]


class Visitor:
    """One browser's cookies against the server at `base_url`; redirects are followed."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def get(self, path: str) -> Page:
        return self._open(urllib.request.Request(self.base_url + path))  # noqa: S310 (http://127.0.0.1)

    def submit(self, form: Form, **changes: str | list[str]) -> Page:
        """POST the form with its current values, some of them changed."""
        values = form.values | {name: [v] if isinstance(v, str) else v for name, v in changes.items()}
        body = urllib.parse.urlencode([(name, v) for name, vs in values.items() for v in vs]).encode()
        return self._open(urllib.request.Request(self.base_url + form.action, data=body))  # noqa: S310

    def sign_in(self, username: str, password: str) -> Page:
        login = self.get("/accounts/login/")
        page = self.submit(login.form("/accounts/login/"), username=username, password=password)
        assert page.status == 200 and "/accounts/login/" not in page.url, f"{username} could not sign in"
        return page

    def _open(self, request: urllib.request.Request) -> Page:
        try:
            with self.opener.open(request, timeout=60) as response:
                return Page(response.status, response.url, response.read().decode())
        except urllib.error.HTTPError as error:
            return Page(error.code, error.url, error.read().decode(errors="replace"))
