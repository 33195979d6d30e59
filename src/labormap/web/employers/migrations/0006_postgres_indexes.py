# ruff: noqa
from django.db import migrations

from labormap.web.employers.search import create_pg_indexes, drop_pg_indexes


class Migration(migrations.Migration):
    dependencies = [
        ("employers", "0005_region_score_bin_index"),
    ]

    operations = [
        migrations.RunPython(create_pg_indexes, drop_pg_indexes),
    ]
