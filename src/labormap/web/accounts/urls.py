from django.urls import path

from labormap.web.accounts import grants, passwords, views

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
    path("users/<int:pk>/grants/", grants.grant_add, name="grant_add"),
    path("users/<int:pk>/grants/<int:grant_id>/delete/", grants.grant_delete, name="grant_delete"),
    path("audit/", views.audit_log, name="audit"),
    path("audit/export.csv", views.audit_export, name="audit_export"),
    path("password/", passwords.password_set, name="password_set"),
    path("password/reset/", passwords.ResetView.as_view(), name="password_reset"),
    path("password/reset/sent/", passwords.ResetDoneView.as_view(), name="password_reset_done"),
    path(
        "password/reset/<uidb64>/<token>/",
        passwords.ResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("password/reset/done/", passwords.ResetCompleteView.as_view(), name="password_reset_complete"),
]
