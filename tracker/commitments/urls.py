from django.urls import path

from tracker.commitments import views

app_name = "commitments"

urlpatterns = [
    path("", views.commitment_list, name="list"),
    path("new/", views.commitment_create, name="create"),
    path("<int:pk>/", views.commitment_detail, name="detail"),
    path("<int:pk>/edit/", views.commitment_edit, name="edit"),
    path("<int:pk>/deliveries/", views.record_delivery, name="delivery"),
    path("<int:pk>/amendments/", views.amend, name="amend"),
    path("<int:pk>/stage/", views.change_stage, name="stage"),
    path("<int:pk>/payments/", views.record_payment, name="payment"),
]
