from django.urls import path

from labormap.web.unions import commissions, public, views

app_name = "unions"
urlpatterns = [
    path("", views.home, name="home"),
    path("agreements/", views.agreement_list, name="agreements"),
    path("agreements/new/", views.agreement_new, name="agreement_new"),
    path("agreements/calendar/", views.calendar, name="calendar"),
    path("agreements/<int:pk>/", views.agreement_detail, name="agreement"),
    path("agreements/<int:pk>/edit/", views.agreement_edit, name="agreement_edit"),
    path("agreements/<int:pk>/comment/", views.agreement_comment, name="agreement_comment"),
    path("agreements/<int:pk>/accept/", views.agreement_accept, name="agreement_accept"),
    path("agreements/<int:pk>/register/", views.agreement_register, name="agreement_register"),
    path("complaints/new/", views.complaint_new, name="complaint_new"),
    path("complaint/<str:token>/", public.complaint, name="public_complaint"),  # public, no login
    path("propose/", views.propose, name="propose"),
    path("commissions/", commissions.sitting_list, name="sittings"),
    path("commissions/semiannual.docx", commissions.semiannual, name="semiannual"),
    path("commissions/<int:pk>/", commissions.sitting_detail, name="sitting"),
    path("commissions/<int:pk>/protocol-<str:lng>.docx", commissions.sitting_protocol, name="protocol"),
]
