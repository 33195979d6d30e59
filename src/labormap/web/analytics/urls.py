from django.urls import path

from labormap.web.analytics import views

app_name = "analytics"
urlpatterns = [path("forecasts/", views.forecasts, name="forecasts")]
