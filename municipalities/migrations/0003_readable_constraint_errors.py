# Readable messages for unique constraints (issue 15): no more database column names in errors.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("municipalities", "0002_country_and_official_keys"),
    ]

    operations = [
        migrations.AlterConstraint(
            model_name="membership",
            name="membership_unique_role",
            constraint=models.UniqueConstraint(
                fields=("user", "municipality", "role"),
                name="membership_unique_role",
                violation_error_message="This person already has this role in this municipality.",
            ),
        ),
        migrations.AlterConstraint(
            model_name="orgunit",
            name="orgunit_unique_name",
            constraint=models.UniqueConstraint(
                fields=("municipality", "name"),
                name="orgunit_unique_name",
                violation_error_message="This municipality already has an organisational unit of this name.",
            ),
        ),
    ]
