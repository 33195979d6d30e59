from django.urls import path

from labormap.web.hearings import views

app_name = "hearings"
urlpatterns = [
    path("", views.hearing_list, name="list"),
    path("<int:pk>/", views.hearing_detail, name="detail"),
]
