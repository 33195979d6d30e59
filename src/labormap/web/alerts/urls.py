from django.urls import path

from labormap.web.alerts import views

app_name = "alerts"
urlpatterns = [
    path("", views.alert_list, name="list"),
    path("<int:pk>/", views.alert_detail, name="detail"),
    path("<int:pk>/act/", views.alert_act, name="act"),
    path("subscribe/", views.subscribe, name="subscribe"),
    path("subscriptions/<int:pk>/delete/", views.unsubscribe, name="unsubscribe"),
]
