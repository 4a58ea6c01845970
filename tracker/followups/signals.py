"""What follow-ups tell the apps above them, which this app does not import: notifications
withdraws the reminders that no longer fit (connected in NotificationsConfig.ready)."""

from django.dispatch import Signal

# Sent with `followup` inside the transaction that closed, reopened, re-dated or edited it,
# after the save: a receiver's error rolls the change back.
followup_changed = Signal()
