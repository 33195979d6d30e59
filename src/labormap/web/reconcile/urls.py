from django.urls import path

from labormap.web.reconcile import views

app_name = "reconcile"
urlpatterns = [
    path("", views.index, name="index"),
    path("produce/", views.produce, name="produce"),
    path("acts/<int:pk>/", views.act_detail, name="act"),
    path("acts/<int:pk>/<str:lang>.<str:fmt>", views.download, name="download"),
]
