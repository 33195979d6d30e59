from django.urls import path

from labormap.web.operations import views

app_name = "operations"
urlpatterns = [
    path("", views.runs, name="runs"),
    path("note/", views.note, name="note"),
]
