"""Mounted at the site root (``url_prefix = ""``): the pages under ``agreements/`` need a login; the
catalogue under ``public/agreements/`` is the only public part and holds no employer data."""

from django.urls import path

from labormap.web.agreements import feeds, views

app_name = "agreements"
urlpatterns = [
    path("agreements/", views.findings, name="findings"),
    path("agreements/findings/<int:pk>/case/", views.finding_case, name="finding_case"),
    path("agreements/coverage/", views.coverage, name="coverage"),
    path("agreements/coverage/regions.json", views.coverage_regions_json, name="coverage_regions"),
    path("agreements/completeness/", views.completeness, name="completeness"),
    path("agreements/note/", views.note, name="note"),
    path("public/agreements/", views.public_list, name="public"),
    path("public/agreements/export.<str:fmt>", views.public_export, name="public_export"),
    path("public/agreements/feed/", feeds.NewAgreementsFeed(), name="public_feed"),
]
