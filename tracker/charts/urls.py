from django.urls import path

from tracker.charts import views

app_name = "charts"

urlpatterns = [
    path("", views.charts, name="charts"),
]
