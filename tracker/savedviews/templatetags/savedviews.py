"""The saved-views bar of a list: its views, the one in use, and the form saving the current one."""

from django import template

from tracker.savedviews.forms import SaveViewForm
from tracker.savedviews.models import SavedView, saved_query

register = template.Library()


@register.inclusion_tag("savedviews/_bar.html", takes_context=True)
def saved_views_bar(context, list_name: str) -> dict:
    """The bar for the list `list_name` (one query)."""
    request = context["request"]
    user = request.user
    current = saved_query(request.GET)
    views = list(SavedView.objects.visible_to(user).filter(list_name=list_name).with_default(user))
    for view in views:
        view.is_current = view.query == current and (bool(current) or request.GET.get("view") == "none")
    form = SaveViewForm(initial={"list_name": list_name, "query": current})
    return {
        "request": request,
        "user": user,
        "views": views,
        "list_name": list_name,
        "form": form,
        "has_default": any(view.is_default for view in views),
        "csrf_token": context.get("csrf_token"),
    }
