from django.urls import path

from labormap.web.maps import views

app_name = "maps"
urlpatterns = [
    path("", views.map_page, name="index"),
    path("regions.json", views.regions_json, name="regions"),
    path("boundaries.geojson", views.boundaries, name="boundaries"),
    path("region/<str:region>/points.json", views.points_json, name="points"),
    path("region/<str:region>/outline.geojson", views.outline, name="outline"),
]
