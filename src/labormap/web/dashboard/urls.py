from django.urls import path

from labormap.web.dashboard import views

app_name = "dashboard"
urlpatterns = [path("", views.index, name="index")]
