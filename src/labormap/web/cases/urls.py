from django.urls import path

from labormap.web.cases import views

# hearings, the playbook and report downloads keep their paths under /cases/ from their own apps
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
]
