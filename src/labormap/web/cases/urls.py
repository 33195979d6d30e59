from django.urls import path

from labormap.web.cases import views

app_name = "cases"
urlpatterns = [
    path("", views.case_list, name="list"),
    path("new/", views.case_new, name="new"),
    path("<int:pk>/", views.case_detail, name="detail"),
    path("<int:pk>/edit/", views.case_edit, name="edit"),
    path("<int:pk>/close/", views.case_close, name="close"),
    path("<int:pk>/reopen/", views.case_reopen, name="reopen"),
    path("<int:pk>/link/", views.case_link, name="link"),
    path("tasks/", views.task_list, name="tasks"),
    path("tasks/<int:pk>/done/", views.task_done, name="task_done"),
    path("tasks/escalate/", views.escalate, name="escalate"),
    path("measures/", views.measure_list, name="measures"),
    path("hearings/", views.hearing_list, name="hearings"),
    path("hearings/<int:pk>/", views.hearing_detail, name="hearing"),
    path("playbook/", views.playbook, name="playbook"),
    path("playbook/v<int:version>/", views.playbook_version, name="playbook_version"),
    path("reports/", views.reports, name="reports"),
]
