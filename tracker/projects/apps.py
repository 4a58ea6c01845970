from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "tracker.projects"
    label = "projects"
    verbose_name = _("Projects")

    def ready(self) -> None:
        """History records the changes of projects, links them and shows them to whoever may see one."""
        from tracker.history import subjects
        from tracker.projects.models import Project, milestone_history_field

        subjects.register(
            Project,
            page="projects:detail",
            visible_to=Project.objects.visible_to,
            extra_field=milestone_history_field,
        )
