from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContactsConfig(AppConfig):
    name = "tracker.contacts"
    label = "contacts"
    verbose_name = _("Contacts")

    def ready(self) -> None:
        """History records the changes of contacts, links them and shows them to whoever may see one."""
        from tracker.contacts.models import Contact
        from tracker.history import subjects

        subjects.register(Contact, page="contacts:detail", visible_to=Contact.objects.visible_to)
