# ruff: noqa
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_grant")]

    operations = [
        migrations.AddField(
            model_name="profile",
            name="must_change_password",
            field=models.BooleanField(default=False),
        ),
    ]
