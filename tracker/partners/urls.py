from django.urls import path

from tracker.partners import views

app_name = "partners"

urlpatterns = [
    path("", views.partner_list, name="list"),
    path("<str:code>/", views.partner_detail, name="detail"),
]
