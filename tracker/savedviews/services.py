"""Saving, sharing, choosing as default and deleting saved views."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tracker.savedviews.models import MAX_QUERY, DefaultView, SavedView


@transaction.atomic
def save_view(
    *, by, list_name: str, name: str, query: str, shared: bool = False, default: bool = False
) -> SavedView:
    """Save the list's query under a name (the same name again replaces that view's query);
    only coordinators share views."""
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Give the view a name.")})
    if len(query) > MAX_QUERY:
        raise ValidationError({"query": _("These filters are too long to save.")})
    if shared and not by.is_coordinator:
        raise PermissionDenied
    view, _created = SavedView.objects.update_or_create(
        owner=by, list_name=list_name, name=name, defaults={"query": query, "shared": shared}
    )
    if default:
        make_default(view, by=by)
    return view


def make_default(view: SavedView, *, by) -> None:
    """Open the view's list with it from now on (it must be one the user may see)."""
    if not SavedView.objects.visible_to(by).filter(pk=view.pk).exists():
        raise PermissionDenied
    DefaultView.objects.update_or_create(user=by, list_name=view.list_name, defaults={"view": view})


def clear_default(list_name: str, *, by) -> None:
    """Open the list without a view again."""
    DefaultView.objects.filter(user=by, list_name=list_name).delete()


def delete_view(view: SavedView, *, by) -> None:
    """Only its owner deletes a view; it stops being anyone's default."""
    if view.owner_id != by.pk:
        raise PermissionDenied
    view.delete()
