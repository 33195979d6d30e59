from django.urls import path

from labormap.web.accounts import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.login_view, name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("request/", views.request_access, name="request"),
    path("me/", views.me, name="me"),
    path("requests/", views.requests_list, name="requests"),
    path("requests/<int:pk>/", views.request_decide, name="request_decide"),
    path("users/", views.users_list, name="users"),
    path("users/<int:pk>/", views.user_edit, name="user_edit"),
    path("audit/", views.audit_log, name="audit"),
    path("audit/export.csv", views.audit_export, name="audit_export"),
]
