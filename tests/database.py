"""What the database itself says, forms and services bypassed."""

from collections.abc import Callable

from django.db import IntegrityError, transaction


def refused(make: Callable[[], object]) -> bool:
    """Whether the database refuses what `make()` writes (an IntegrityError, rolled back)."""
    try:
        with transaction.atomic():
            make()
    except IntegrityError:
        return True
    return False
