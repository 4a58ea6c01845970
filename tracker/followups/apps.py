from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowupsConfig(AppConfig):
    name = "tracker.followups"
    label = "followups"
    verbose_name = _("Follow-ups")

    def ready(self) -> None:
        """History records the changes of follow-ups, links them and shows them to whoever may see one."""
        from tracker.followups.models import FollowUp
        from tracker.history import subjects

        subjects.register(FollowUp, page="followups:detail", visible_to=FollowUp.objects.visible_to)
