# Readable messages for unique constraints (issue 15): no more database column names in errors.

import django.db.models.functions.text
import django.db.models.lookups
from decimal import Decimal
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("strategy", "0001_initial"),
    ]

    operations = [
        migrations.AddConstraint(
            model_name="indicator",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(
                        django.db.models.lookups.In(
                            django.db.models.functions.text.Lower(
                                django.db.models.functions.text.Trim("unit")
                            ),
                            ("%", "prozent", "percent", "per cent"),
                        ),
                        _negated=True,
                    ),
                    models.Q(
                        ("baseline_value__gte", Decimal("0")),
                        ("baseline_value__lte", Decimal("100")),
                        ("target_value__gte", Decimal("0")),
                        ("target_value__lte", Decimal("100")),
                    ),
                    _connector="OR",
                ),
                name="indicator_percent_range",
                violation_error_message="A percentage lies between 0 and 100.",
            ),
        ),
        migrations.AlterConstraint(
            model_name="councilresolution",
            name="resolution_unique_number",
            constraint=models.UniqueConstraint(
                fields=("municipality", "number"),
                name="resolution_unique_number",
                violation_error_message="A council resolution with this number is already recorded.",
            ),
        ),
        migrations.AlterConstraint(
            model_name="fieldofaction",
            name="field_unique_title",
            constraint=models.UniqueConstraint(
                fields=("strategy", "title"),
                name="field_unique_title",
                violation_error_message="This strategy already has a field of action of this title.",
            ),
        ),
        migrations.AlterConstraint(
            model_name="fieldofaction",
            name="field_unique_lineage",
            constraint=models.UniqueConstraint(
                fields=("strategy", "lineage"),
                name="field_unique_lineage",
                violation_error_message="This field of action is already part of this strategy version.",
            ),
        ),
        migrations.AlterConstraint(
            model_name="goal",
            name="goal_unique_title",
            constraint=models.UniqueConstraint(
                fields=("field", "title"),
                name="goal_unique_title",
                violation_error_message="This field of action already has a goal of this title.",
            ),
        ),
        migrations.AlterConstraint(
            model_name="measurement",
            name="measurement_one_per_date",
            constraint=models.UniqueConstraint(
                fields=("indicator", "date"),
                name="measurement_one_per_date",
                violation_error_message="There is already a measurement of this indicator for this date.",
            ),
        ),
    ]
