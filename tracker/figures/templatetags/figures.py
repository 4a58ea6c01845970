"""Template tags that lay out figures; they never add numbers themselves.

The feature pages (a project's page, the projects list) sit below the figures module and
show its figures through these tags, so the rules stay in tracker/figures."""

from django import template

from tracker.commitments.models import Commitment
from tracker.figures.projects import Funding, funding
from tracker.figures.totals import Measure, Totals, total
from tracker.reference.models import CapabilityCategory

register = template.Library()


@register.filter
def goods_rows(totals: Totals, capabilities: dict[int, str]) -> list[tuple[str, str, Measure]]:
    """(capability, unit, measure) rows of a total's goods, named in the reader's language."""
    return totals.goods_rows(capabilities)


@register.simple_tag(takes_context=True)
def project_funding(context, projects) -> dict[int, Funding]:
    """The funding gap of each of `projects` (one project or a page of them) from the
    commitments the reader may see, as of the page's date: two queries for all."""
    projects = list(projects) if hasattr(projects, "__iter__") else [projects]
    visible = Commitment.objects.visible_to(context["request"].user)
    return funding(projects, visible, context.get("as_of"))


@register.filter
def funding_of(fundings: dict[int, Funding], project) -> Funding:
    return fundings.get(project.pk, Funding())


@register.simple_tag(takes_context=True)
def project_totals(context, project) -> Totals:
    """Promised, arrived and paid over the project's commitments the reader may see, as of
    the page's date (one query)."""
    visible = Commitment.objects.visible_to(context["request"].user).filter(project=project)
    return total(visible, context.get("as_of"))


@register.simple_tag
def capability_names() -> dict[int, str]:
    """Capability names in the reader's language, by id, for the goods lines of totals."""
    return {capability.pk: capability.display_name for capability in CapabilityCategory.objects.all()}
