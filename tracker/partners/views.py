"""Partner country pages: the list with its figures, and one partner with its records."""

from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone

from tracker.commitments.models import Commitment
from tracker.contacts.models import Contact
from tracker.core.pages import render_page
from tracker.followups.models import FollowUp
from tracker.partners.figures import PartnerFigures, partner_figures
from tracker.projects.models import Project
from tracker.reference.models import Organisation, PartnerCountry

# The partner page shows the latest few of each kind and links to the full, filtered lists.
PAGE_ROWS = 25
CONTACT_ROWS = 10


def partner_list(request: HttpRequest) -> HttpResponse:
    """Active partners (or every country with ?show=all) with their figures."""
    show_all = request.GET.get("show") == "all"
    countries = PartnerCountry.objects.all() if show_all else PartnerCountry.objects.active()
    figures = partner_figures(request.user, None if show_all else countries)
    rows = [(country, figures.get(country.id, PartnerFigures())) for country in countries]
    return render_page(request, "partners/list.html", {"rows": rows, "show_all": show_all})


def partner_detail(request: HttpRequest, code: str) -> HttpResponse:
    """One partner: embassy, figures, and the commitments, contacts and follow-ups the user may see."""
    country = PartnerCountry.objects.filter(code=code.upper()).first() if len(code) == 2 else None
    if country is None:
        raise Http404
    user = request.user
    scope = PartnerCountry.objects.filter(pk=country.pk)
    context = {
        "country": country,
        "figures": partner_figures(user, scope).get(country.id, PartnerFigures()),
        "commitments": Commitment.objects.visible_to(user)
        .filter(country=country)
        .select_related("country", "priority", "project")[:PAGE_ROWS],
        "contacts": Contact.objects.visible_to(user)
        .filter(country=country)
        .select_related("country")[:CONTACT_ROWS],
        "followups": FollowUp.objects.visible_to(user)
        .open()
        .filter(country=country)
        .select_related("owner")[:PAGE_ROWS],
        "joint_projects": joint_projects(user, country),
        "can_create_commitment": Commitment.may_create(user, country.id),
        "can_log_contact": Contact.may_log(user, country.id),
        "today": timezone.localdate(),
    }
    return render_page(request, "partners/detail.html", context)


def joint_projects(user, country: PartnerCountry) -> QuerySet:
    """Projects the user may see that companies of this country take part in, each with
    `companies_here`: those companies (two queries, however many projects and companies)."""
    companies = Organisation.objects.filter(kind=Organisation.Kind.PARTNER_COMPANY, country=country.code)
    links = Project.partner_companies.through.objects.filter(organisation__in=companies)
    return (
        Project.objects.visible_to(user)
        .filter(pk__in=links.values("project_id"))
        .select_related("enterprise")
        .prefetch_related(Prefetch("partner_companies", queryset=companies, to_attr="companies_here"))
    )[:PAGE_ROWS]
