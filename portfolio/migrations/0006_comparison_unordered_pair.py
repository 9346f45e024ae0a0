"""A pair of criteria is judged once, in either order (issue 15): the API accepted the reverse of a stored
pair, which made the pairwise page fail. Where both orders are stored, the later row (the one the check now
refuses) is removed before the unique constraint on the unordered pair is added."""

import django.db.models.functions.comparison
from django.db import migrations, models


def drop_reversed_duplicates(apps, schema_editor):
    PairwiseComparison = apps.get_model("portfolio", "PairwiseComparison")
    seen = set()
    later = []
    for pk, model_id, first_id, second_id in PairwiseComparison.objects.order_by("pk").values_list(
        "pk", "model_id", "first_id", "second_id"
    ):
        key = (model_id, min(first_id, second_id), max(first_id, second_id))
        if key in seen:
            later.append(pk)
        seen.add(key)
    PairwiseComparison.objects.filter(pk__in=later).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("portfolio", "0005_readable_constraint_errors"),
    ]

    operations = [
        migrations.RunPython(drop_reversed_duplicates, migrations.RunPython.noop),
        migrations.RemoveConstraint(
            model_name="pairwisecomparison",
            name="comparison_unique_pair",
        ),
        migrations.AddConstraint(
            model_name="pairwisecomparison",
            constraint=models.UniqueConstraint(
                models.F("model"),
                django.db.models.functions.comparison.Least("first", "second"),
                django.db.models.functions.comparison.Greatest("first", "second"),
                name="comparison_unique_pair",
                violation_error_message="These two criteria are already compared in this scoring model.",
            ),
        ),
    ]
