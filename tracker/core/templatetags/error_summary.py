"""The error summary at the top of a form (the GOV.UK pattern): every problem of the form and
its formsets, each linking to its field, so a long form says at once what to fix and where."""

from django import forms, template

register = template.Library()


def _problems(form) -> list[tuple[str, str]]:
    """(message, id of the field to jump to, or "") for each error of a form or formset."""
    if isinstance(form, forms.BaseFormSet):
        found = [(str(message), "") for message in form.non_form_errors()]
        for row in form.forms:
            found += _problems(row)
        return found
    if not isinstance(form, forms.BaseForm) or not form.is_bound:
        return []
    found = [(str(message), "") for message in form.non_field_errors()]
    for field in form:
        for message in field.errors:
            target = "" if field.is_hidden else field.id_for_label or ""
            label = f"{field.label}: " if field.label and not field.is_hidden else ""
            found.append((f"{label}{message}", target))
    return found


@register.inclusion_tag("core/_error_summary.html")
def error_summary(*forms_and_formsets) -> dict:
    """The summary of every error of the given forms and formsets (nothing when there is none)."""
    problems = []
    for form in forms_and_formsets:
        problems += _problems(form)
    # After an htmx swap the focus goes to the first invalid field (static/js/app.js); the
    # summary takes it only when no field is to blame.
    return {"problems": problems, "focus_here": not any(target for _message, target in problems)}
