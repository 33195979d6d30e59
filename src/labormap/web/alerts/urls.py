from django.urls import path

from labormap.web.alerts import views

app_name = "alerts"
urlpatterns = [
    path("", views.alert_list, name="list"),
    path("subscribe/", views.subscribe, name="subscribe"),
    path("subscriptions/<int:pk>/delete/", views.unsubscribe, name="unsubscribe"),
]
