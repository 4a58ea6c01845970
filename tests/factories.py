"""factory_boy factories for every model; reference rows come from the real seed data."""

import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from tracker.accounts.models import Role, User
from tracker.commitments.models import Commitment, Kind, Marking, Stage
from tracker.contacts.models import Channel, Contact
from tracker.followups.models import FollowUp
from tracker.projects.models import AssistanceKind, Project
from tracker.reference.models import CapabilityCategory, Organisation, Partner, PartnerCountry, Priority

PASSWORD = "correct-horse-battery-staple"


class PriorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Priority
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"priority-{n}")
    number = factory.Sequence(lambda n: 100 + n)
    name = factory.Sequence(lambda n: f"Priority {n}")


class CapabilityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CapabilityCategory
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"capability-{n}")
    name = factory.Sequence(lambda n: f"Capability {n}")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"enterprise-{n}")
    name = factory.Sequence(lambda n: f"Enterprise {n}")
    kind = Organisation.Kind.ENTERPRISE


class CountryFactory(factory.django.DjangoModelFactory):
    """Countries are unique by ISO code; pass code="PL" etc. Defaults cycle through real codes."""

    class Meta:
        model = PartnerCountry
        django_get_or_create = ["code"]

    code = factory.Iterator(["PL", "DE", "FR", "GB", "US", "CZ", "NL", "NO", "DK", "SE", "LT", "CA"])
    is_active_partner = True


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    first_name = factory.Sequence(lambda n: f"First{n}")
    last_name = "Tester"
    role = Role.VIEWER
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def countries(self, create, extracted, **kwargs):
        if create and extracted:
            self.countries.set(extracted)
        if create:
            self.save()


def coordinator(**kwargs) -> User:
    return UserFactory(role=Role.COORDINATOR, **kwargs)


def viewer(**kwargs) -> User:
    return UserFactory(role=Role.VIEWER, **kwargs)


def embassy(*countries: PartnerCountry, **kwargs) -> User:
    return UserFactory(role=Role.EMBASSY, countries=list(countries), **kwargs)


def industry(organisation: Organisation | None = None, **kwargs) -> User:
    return UserFactory(role=Role.INDUSTRY, organisation=organisation or OrganisationFactory(), **kwargs)


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    reference = factory.Sequence(lambda n: f"UOP-T-{n:04d}")
    title = factory.Sequence(lambda n: f"Test project {n}")
    description = "A project used in tests."
    enterprise = factory.SubFactory(OrganisationFactory)
    priority = factory.SubFactory(PriorityFactory)
    capability = factory.SubFactory(CapabilityFactory)
    assistance = AssistanceKind.FINANCING
    estimated_value = Decimal("1000000.00")
    currency = "EUR"
    target_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=90))


class PartnerFactory(factory.django.DjangoModelFactory):
    """An organisation that is a partner (countries get theirs with CountryFactory)."""

    class Meta:
        model = Partner
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"organisation-{n}")
    kind = Partner.Kind.INITIATIVE
    name = factory.Sequence(lambda n: f"Initiative {n}")


class CommitmentFactory(factory.django.DjangoModelFactory):
    """A commitment; `country=` names a country partner (the default), `partner=` any partner."""

    class Meta:
        model = Commitment

    class Params:
        country = factory.SubFactory(CountryFactory)

    partner = factory.LazyAttribute(lambda c: c.country.partner)
    priority = factory.SubFactory(PriorityFactory)
    kind = Kind.SUPPLY
    capability = factory.SubFactory(CapabilityFactory)
    item = factory.Sequence(lambda n: f"Item {n}")
    quantity = 100
    unit = "pieces"
    stage = Stage.COMMITTED
    marking = Marking.OFFICIAL
    announced_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=30))


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    country = factory.SubFactory(CountryFactory)
    held_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=3))
    channel = Channel.MEETING
    counterpart_organisation = factory.Sequence(lambda n: f"Partner ministry {n}")
    summary = factory.Sequence(lambda n: f"Discussed topic number {n}.")


class FollowUpFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FollowUp

    title = factory.Sequence(lambda n: f"Follow-up {n}")
    owner = factory.SubFactory(UserFactory)
    due_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=5))
    project = factory.SubFactory(ProjectFactory)
