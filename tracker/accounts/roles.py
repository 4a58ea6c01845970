"""What each role may do, in words: said where a page refuses or is read-only, so people
learn what they can do instead of only what they cannot."""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext as _

from tracker.accounts.models import Role


@dataclass
class Alternatives:
    """One sentence on what the role does, and links to where it does it."""

    text: str
    links: list[tuple[str, str]] = field(default_factory=list)


def what_you_may_do(user) -> Alternatives:
    """After a refusal: what `user`'s role may do instead (in the active language)."""
    if not getattr(user, "is_authenticated", False):
        return Alternatives(
            _("Sign in with an account that may open this page."), [(_("Sign in"), reverse("login"))]
        )
    role = user.role
    if role == Role.INDUSTRY:
        return Alternatives(
            _(
                "As industry staff you change your enterprise's projects and their follow-ups; "
                "commitments are recorded by the ministry and the embassies."
            ),
            [(_("Projects"), reverse("projects:list")), (_("My follow-ups"), reverse("followups:mine"))],
        )
    if role == Role.EMBASSY:
        return Alternatives(
            _("As embassy staff you record the commitments and contacts of your own countries."),
            [(_("Commitments"), reverse("commitments:list")), (_("Contacts"), reverse("contacts:list"))],
        )
    if role == Role.VIEWER:
        return Alternatives(
            _(
                "Your role reads the tracker without changing it; "
                "ask a ministry coordinator to make a change."
            ),
            [(_("Dashboard"), reverse("home")), (_("Search"), reverse("search:results"))],
        )
    return Alternatives(
        _("This page needs an administrator's rights; ask an administrator if you need it."),
        [(_("Dashboard"), reverse("home"))],
    )


def commitments_read_only_reason(user) -> str:
    """One line telling a reader why commitments are read-only for them; "" when they may
    record some."""
    if getattr(user, "role", None) == Role.INDUSTRY:
        return _(
            "Commitments are read-only for industry staff: the ministry and the embassies record them. "
            "You follow them up through your projects."
        )
    if getattr(user, "role", None) == Role.VIEWER:
        return _("Commitments are read-only for your role: the ministry and the embassies record them.")
    return ""
