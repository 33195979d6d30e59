from django.urls import path

from labormap.web.control import views

app_name = "control"
urlpatterns = [
    path("", views.findings, name="findings"),
    path("generate/", views.generate, name="generate"),
    path("notices/", views.notices, name="notices"),
    path("notices/zip/", views.notices_zip, name="notices_zip"),
    path("notices/<int:pk>/", views.notice_detail, name="notice"),
    path("notices/<int:pk>/docx/", views.notice_docx, name="notice_docx"),
    path("notices/<int:pk>/update/", views.notice_update, name="notice_update"),
    path("notices/<int:pk>/reply/", views.notice_reply, name="notice_reply"),
    path("arrears/", views.arrears, name="arrears"),
    path("selfcorrection/", views.selfcorrection, name="selfcorrection"),
    path("template/", views.template_edit, name="template"),
]
