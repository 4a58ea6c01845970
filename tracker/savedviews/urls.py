from django.urls import path

from tracker.savedviews import views

app_name = "savedviews"

urlpatterns = [
    path("", views.saved_views, name="list"),
    path("save/", views.save, name="save"),
    path("<int:pk>/default/", views.make_default, name="default"),
    path("<int:pk>/delete/", views.delete, name="delete"),
    path("default/<slug:list_name>/clear/", views.clear_default, name="clear_default"),
]
