"""Partner pages: the list with its figures, and one partner (a country or an organisation)
with its packages, commitments, contacts and follow-ups."""

from urllib.parse import urlencode

from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone

from tracker.commitments.models import Commitment, Package
from tracker.contacts.models import Contact
from tracker.core.pages import as_of, render_page
from tracker.figures.totals import Totals, total, totals
from tracker.followups.models import FollowUp
from tracker.partners.figures import PartnerFigures, partner_figures
from tracker.projects.models import Project
from tracker.reference.models import CapabilityCategory, Organisation, Partner, PartnerCountry

# The partner page shows the latest few of each kind and links to the full, filtered lists.
PAGE_ROWS = 25
CONTACT_ROWS = 10
PACKAGE_ROWS = 10


def partner_list(request: HttpRequest) -> HttpResponse:
    """Active partners, countries and organisations (?show=all: every partner), with figures."""
    show_all = request.GET.get("show") == "all"
    partners = Partner.objects.select_related("country")
    partners = partners.order_by("kind", "name") if show_all else partners.active().order_by("kind", "name")
    day = as_of(request)
    figures = partner_figures(request.user, None if show_all else partners, day)
    rows = [(partner, figures.get(partner.pk, PartnerFigures())) for partner in partners]
    context = {"rows": rows, "show_all": show_all, "capabilities": capability_names(), "as_of": day}
    return render_page(request, "partners/list.html", context)


def partner_detail(request: HttpRequest, code: str) -> HttpResponse:
    """One partner: embassy or members, figures, packages, and the commitments, contacts and
    follow-ups the user may see (contacts and follow-ups are a country's)."""
    partner = get_object_or_404(Partner.objects.coded(code).select_related("country", "lead_country"))
    user, day = request.user, as_of(request)
    visible = Commitment.objects.visible_to(user)
    packages = list(
        Package.objects.visible_to(user).filter(partner=partner).select_related("partner")[:PACKAGE_ROWS]
    )
    package_totals = totals(visible.filter(package__in=packages), group_by="package_id", as_of=day)
    for package in packages:
        package.totals = package_totals.get(package.pk, Totals())
        package.rows_url = rows_url(package=package.pk)
    country = partner.country_id
    context = {
        "partner": partner,
        "figures": partner_figures(user, Partner.objects.filter(pk=partner.pk), day).get(
            partner.pk, PartnerFigures()
        ),
        "as_of": day,
        "capabilities": capability_names(),
        "rows_url": rows_url(partner=partner.code),
        "contributions_url": rows_url(channel=partner.code),
        "packages": packages,
        "members": partner.members.all() if partner.kind == Partner.Kind.INITIATIVE else [],
        "initiatives": Partner.objects.filter(members=country) if country else [],
        # An initiative's or fund's money comes from its members' contributions.
        "contributions": total(visible.filter(channel=partner), day) if not partner.is_country else None,
        "commitments": visible.filter(partner=partner).select_related("partner", "priority", "project")[
            :PAGE_ROWS
        ],
        "contacts": Contact.objects.visible_to(user)
        .filter(country=country)
        .select_related("country")[:CONTACT_ROWS]
        if country
        else [],
        "followups": FollowUp.objects.visible_to(user)
        .open()
        .filter(country=country)
        .select_related("owner")[:PAGE_ROWS]
        if country
        else [],
        "joint_projects": joint_projects(user, partner.country) if country else [],
        "can_create_commitment": Commitment.may_create(user, partner),
        "can_log_contact": bool(country) and Contact.may_log(user, country),
        "today": timezone.localdate(),
    }
    return render_page(request, "partners/detail.html", context)


def rows_url(**filters) -> str:
    """The commitments list showing exactly the rows a total counts."""
    return f"{reverse('commitments:list')}?{urlencode(filters)}"


def capability_names() -> dict[int, str]:
    """Capability names in the reader's language, by id, for the goods lines of totals."""
    return {capability.pk: capability.display_name for capability in CapabilityCategory.objects.all()}


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
