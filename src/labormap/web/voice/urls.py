"""``/voice/``: staff pages (login) and the public worker pages under ``/voice/p/``, ``/voice/s/``,
``/voice/a/`` and ``/voice/q/`` (no login; see views.py)."""

from django.urls import path

from labormap.web.voice import views

app_name = "voice"
urlpatterns = [
    path("", views.index, name="index"),
    path("index.csv", views.index_csv, name="index_csv"),
    path("map/regions.json", views.regions_json, name="regions_json"),
    path("employer/<str:bin>/", views.employer, name="employer"),
    path("batch/<int:pk>/poster.pdf", views.poster, name="poster"),
    path("batch/<int:pk>/links.csv", views.tokens_csv, name="tokens_csv"),
    path("appeals/", views.appeals, name="appeals"),
    path("appeals/import/", views.appeals_import, name="appeals_import"),
    path("appeals/<int:pk>/", views.appeal, name="appeal"),
    path("consultations/", views.consultations, name="consultations"),
    path("consultations/<int:pk>/answer/", views.answer_question, name="answer_question"),
    # public, no login
    path("p/<str:code>/", views.poster_landing, name="poster_landing"),
    path("p/<str:code>/appeal/", views.appeal_form, name="appeal_form"),
    path("s/<str:token>/", views.survey, name="survey"),
    path("a/", views.receipt, name="receipt"),
    path("q/", views.public_questions, name="public_questions"),
]
