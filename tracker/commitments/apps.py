from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommitmentsConfig(AppConfig):
    name = "tracker.commitments"
    label = "commitments"
    verbose_name = _("Commitments")

    def ready(self) -> None:
        """History records the changes of commitments and packages, links them and shows them
        to whoever may see one."""
        from tracker.commitments.models import Commitment, Package
        from tracker.history import subjects

        subjects.register(Commitment, page="commitments:detail", visible_to=Commitment.objects.visible_to)
        subjects.register(Package, page="partners:package", visible_to=Package.objects.visible_to)
