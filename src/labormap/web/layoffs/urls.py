from django.urls import path

from labormap.web.layoffs import views

app_name = "layoffs"
urlpatterns = [
    path("", views.expected, name="expected"),
    path("group/", views.group, name="group"),
    path("group/<str:bin>/", views.group, name="group_of"),
    path("terms/", views.terms, name="terms"),
    path("lowpay/", views.lowpay, name="lowpay"),
    path("plans/", views.plans, name="plans"),
    path("plans/new/", views.plan_edit, name="plan_new"),
    path("plans/<int:pk>/", views.plan_edit, name="plan_edit"),
    path("note/", views.note, name="note"),
]
