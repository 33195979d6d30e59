from django.urls import path

from labormap.web.playbooks import views

app_name = "playbooks"
urlpatterns = [
    path("", views.playbook, name="current"),
    path("v<int:version>/", views.playbook_version, name="version"),
]
