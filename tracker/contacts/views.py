"""Contact pages: the searchable log, one contact, logging one with its follow-ups, editing."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from tracker.commitments.models import Commitment
from tracker.contacts.forms import ContactEditForm, ContactFilterForm, ContactForm, FollowUpFormSet
from tracker.contacts.models import Contact
from tracker.contacts.services import log_contact, update_contact
from tracker.core.forms import apply_edit
from tracker.core.pages import paginate, render_page
from tracker.followups.models import FollowUp
from tracker.history.lines import timeline
from tracker.projects.models import Project
from tracker.reference.models import PartnerCountry
from tracker.savedviews.defaults import default_view_redirect
from tracker.savedviews.models import ListName


def _visible(request: HttpRequest):
    return Contact.objects.visible_to(request.user).select_related("country", "author")


def contact_list(request: HttpRequest) -> HttpResponse:
    """Contacts the user may see: search, filters, pages."""
    if opened := default_view_redirect(request, ListName.CONTACTS):
        return opened
    form = ContactFilterForm(request.GET, user=request.user)
    contacts = form.sorting.order(
        form.filter(Contact.objects.visible_to(request.user).select_related("country"))
    )
    context = {
        "form": form,
        "page": paginate(request, contacts),
        "columns": form.sorting.headers(),
        "can_log": Contact.may_log(request.user),
    }
    return render_page(request, "contacts/list.html", context, partial="results")


def contact_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One contact with what it discussed, its follow-ups and its history."""
    user = request.user
    contact = get_object_or_404(_visible(request), pk=pk)
    context = {
        "contact": contact,
        "projects": contact.projects.filter(pk__in=Project.objects.visible_to(user).values("pk")),
        "commitments": contact.commitments.filter(
            pk__in=Commitment.objects.visible_to(user).values("pk")
        ).select_related("partner"),
        "followups": contact.followups.filter(pk__in=FollowUp.objects.visible_to(user).values("pk"))
        .select_related("owner")
        .order_by("state", "due_on"),
        "changes": timeline(contact, request.user),
        "can_edit": contact.can_edit(user),
        "today": timezone.localdate(),
    }
    return render_page(request, "contacts/detail.html", context)


def _create_initial(request: HttpRequest) -> dict:
    """Prefill from ?country=<ISO code>, ?project=<id>, ?commitment=<id>; bad values are ignored.
    Without ?country=, the country of the user's last logged contact (if they still cover it),
    else their only country."""
    user, initial = request.user, {"held_on": timezone.localdate()}
    code = request.GET.get("country", "").upper()[:2]
    if code and (country := PartnerCountry.objects.filter(code=code).first()):
        initial["country"] = country
    elif last := Contact.last_country_of(user):
        initial["country"] = last
    elif len(user.scope.country_ids()) == 1:
        initial["country"] = next(iter(user.scope.country_ids()))
    for name, queryset in (
        ("projects", Project.objects.visible_to(user)),
        ("commitments", Commitment.objects.visible_to(user)),
    ):
        value = request.GET.get(name[:-1], "")
        if value.isdigit() and queryset.filter(pk=value).exists():
            initial[name] = [int(value)]
    return initial


def contact_create(request: HttpRequest) -> HttpResponse:
    """Log a contact and the follow-ups it creates, all saved together or not at all."""
    user = request.user
    if not Contact.may_log(user):
        raise PermissionDenied
    data = request.POST if request.method == "POST" else None
    form = ContactForm(data, user=user, initial=_create_initial(request))
    followups = FollowUpFormSet(data, prefix="followups", form_kwargs={"initial": {"owner": user.pk}})
    if data is not None and form.is_valid() and followups.is_valid():
        contact = log_contact(
            form.save(commit=False),
            by=user,
            projects=form.cleaned_data["projects"],
            commitments=form.cleaned_data["commitments"],
            followups=[row.save(commit=False) for row in followups if row.has_changed()],
        )
        messages.success(request, _("Contact logged."))
        return redirect(contact)
    return render_page(request, "contacts/form.html", {"form": form, "followups": followups})


def contact_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit a contact; a newer saved version is shown instead of overwritten."""
    contact = get_object_or_404(_visible(request), pk=pk)
    if not contact.can_edit(request.user):
        raise PermissionDenied
    data = request.POST if request.method == "POST" else None
    form = ContactEditForm(data, instance=contact, user=request.user)

    def save(data: dict) -> None:
        values = {name: data[name] for name in ContactEditForm.Meta.fields}
        values["projects"] = form.link_values("projects")
        values["commitments"] = form.link_values("commitments")
        update_contact(contact, values, by=request.user, expected_version=data["version"])

    saved, conflict = apply_edit(form, save) if data is not None else (False, None)
    if saved:
        messages.success(request, _("Contact saved."))
        return redirect(contact)
    return render_page(
        request, "contacts/form.html", {"form": form, "contact": contact, "conflict": conflict}
    )
