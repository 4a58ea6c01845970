from django.urls import path

from tracker.followups import views

app_name = "followups"

urlpatterns = [
    path("", views.my_followups, name="mine"),
    path("bulk/", views.followup_bulk, name="bulk"),
    path("<int:pk>/", views.followup_detail, name="detail"),
    path("<int:pk>/done/", views.mark_done, name="done"),
    path("<int:pk>/reschedule/", views.reschedule, name="reschedule"),
]
