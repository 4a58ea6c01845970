from django.urls import path

from tracker.notifications import views

app_name = "notifications"

urlpatterns = [
    path("digest/preview/", views.digest_preview, name="digest_preview"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
