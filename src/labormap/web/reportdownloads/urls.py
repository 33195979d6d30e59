from django.urls import path

from labormap.web.reportdownloads import views

app_name = "reportdownloads"
urlpatterns = [path("", views.reports, name="form")]
