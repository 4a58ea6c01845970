"""Building and sending the tracker's emails: one `.txt` and one `.html` template per email
under templates/emails/, rendered from the same context, and a delivery step that records
the outcome on the reminder or digest row it belongs to."""

import datetime
import email.policy
import enum
import logging
import smtplib
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, mailers
from django.template.loader import render_to_string
from django.utils import translation

from tracker.notifications.models import OutgoingEmail, Status

logger = logging.getLogger(__name__)

# What a mail server or the network raises when a message does not get through. These,
# and only these, are retried by the send tasks.
SEND_ERRORS = (smtplib.SMTPException, OSError)


class Outcome(enum.StrEnum):
    SENT = "sent"
    RETRY = "retry"  # a mail error; the task retries, the row stays pending
    FAILED = "failed"  # recorded as failed: last retry used up, or a permanent refusal
    SKIPPED = "skipped"  # nothing to do: already sent or failed, empty digest, opted out
    WITHDRAWN = "withdrawn"  # the reminder no longer applies (closed, re-dated)


class TrackerEmail(EmailMultiAlternatives):
    """A text and HTML email whose headers fold only at RFC 5322's 998-character limit.

    At Python's usual 78, a long List-Unsubscribe URL (one "word" without spaces) is turned
    into an RFC 2047 encoded word, which mail clients do not read as a URL.
    """

    def message(self, *, policy=email.policy.default):
        return super().message(policy=policy.clone(max_line_length=998))


def absolute_url(target) -> str:
    """The full address of an object's page (via get_absolute_url) or of a site path."""
    path = target if isinstance(target, str) else target.get_absolute_url()
    return settings.SITE_URL + path


def site_domain() -> str:
    """The host name of SITE_URL, used in Message-IDs."""
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def make_message(
    name: str,
    context: dict,
    *,
    to: list[str],
    cc: list[str] = (),
    headers: dict | None = None,
) -> TrackerEmail:
    """Render emails/NAME.txt and emails/NAME.html with one context into one message.

    The context carries the subject; render inside translation.override(language).
    """
    subject = " ".join(str(context["subject"]).split())  # one line, whatever a title held
    text = render_to_string(f"emails/{name}.txt", context)
    html = render_to_string(f"emails/{name}.html", context)
    message = TrackerEmail(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=list(to),
        cc=list(cc),
        headers={
            "Auto-Submitted": "auto-generated",
            # The language the message was rendered in (the recipient's); outside any
            # translation.override Django's default, never the text "None".
            "Content-Language": translation.get_language() or settings.LANGUAGE_CODE,
            **(headers or {}),
        },
    )
    message.attach_alternative(html, "text/html")
    return message


def is_permanent(exc: Exception) -> bool:
    """A 5xx answer means the server will refuse the same message again: no retry."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _ in exc.recipients.values()]
        return bool(codes) and all(code >= 500 for code in codes)
    return isinstance(exc, smtplib.SMTPResponseException) and exc.smtp_code >= 500


def send_recorded(
    row: OutgoingEmail, message: EmailMultiAlternatives, *, now: datetime.datetime, final: bool
) -> tuple[Outcome, Exception | None]:
    """Send a message for a locked pending row and record the result on the row.

    The row becomes "sent" only after the mail server accepted the message. A mail error
    leaves it pending and is handed back for the caller to raise once the row's
    transaction has committed (so the attempt is recorded); on the last attempt, or when
    the server refuses for good, the row becomes "failed" instead.
    """
    row.attempts += 1
    row.recipients = ", ".join([*message.to, *message.cc])[:2000]
    try:
        mailers.default.send_messages([message])
    except SEND_ERRORS as exc:
        row.last_error = f"{exc.__class__.__name__}: {exc}"[:1000]
        if final or is_permanent(exc):
            row.status = Status.FAILED
            row.save(update_fields=["attempts", "recipients", "last_error", "status", "updated_at"])
            logger.error("Email %s failed for good after %s attempts: %s", row, row.attempts, row.last_error)
            return Outcome.FAILED, None
        row.save(update_fields=["attempts", "recipients", "last_error", "updated_at"])
        logger.warning("Email %s attempt %s failed, will retry: %s", row, row.attempts, row.last_error)
        return Outcome.RETRY, exc
    row.status = Status.SENT
    row.sent_at = now
    row.save(update_fields=["attempts", "recipients", "status", "sent_at", "updated_at"])
    return Outcome.SENT, None


def mark_skipped(row: OutgoingEmail, note: str) -> Outcome:
    """Close a row without sending, saying why."""
    row.status = Status.SKIPPED
    row.note = note[:200]
    row.save(update_fields=["status", "note", "updated_at"])
    return Outcome.SKIPPED
