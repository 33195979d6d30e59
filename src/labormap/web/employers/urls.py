from django.urls import path

from labormap.web.employers import views

app_name = "employers"
urlpatterns = [
    path("", views.employer_list, name="list"),
    path("export.csv", views.employer_export, {"fmt": "csv"}, name="export_csv"),
    path("export.xlsx", views.employer_export, {"fmt": "xlsx"}, name="export_xlsx"),
    path("<str:bin>/", views.employer_card, name="card"),
]
