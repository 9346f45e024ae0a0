# Readable messages for unique constraints (issue 15): no more database column names in errors.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("portfolio", "0004_contribution_weight_decimal"),
    ]

    operations = [
        migrations.AlterConstraint(
            model_name="assessment",
            name="assessment_unique",
            constraint=models.UniqueConstraint(
                fields=("project", "criterion"),
                name="assessment_unique",
                violation_error_message="This project is already assessed on this criterion; change that assessment instead.",
            ),
        ),
        migrations.AlterConstraint(
            model_name="contribution",
            name="contribution_unique",
            constraint=models.UniqueConstraint(
                fields=("project", "goal"),
                name="contribution_unique",
                violation_error_message="This project already contributes to this goal; change that contribution instead.",
            ),
        ),
        migrations.AlterConstraint(
            model_name="criterion",
            name="criterion_unique_key",
            constraint=models.UniqueConstraint(
                fields=("model", "key"),
                name="criterion_unique_key",
                violation_error_message="This scoring model already has this criterion.",
            ),
        ),
        migrations.AlterConstraint(
            model_name="dependency",
            name="dependency_unique",
            constraint=models.UniqueConstraint(
                fields=("project", "requires"),
                name="dependency_unique",
                violation_error_message="This dependency is already recorded.",
            ),
        ),
        migrations.AlterConstraint(
            model_name="milestone",
            name="milestone_unique_title",
            constraint=models.UniqueConstraint(
                fields=("project", "title"),
                name="milestone_unique_title",
                violation_error_message="This project already has a milestone of this title.",
            ),
        ),
        migrations.AlterConstraint(
            model_name="pairwisecomparison",
            name="comparison_unique_pair",
            constraint=models.UniqueConstraint(
                fields=("model", "first", "second"),
                name="comparison_unique_pair",
                violation_error_message="These two criteria are already compared in this scoring model.",
            ),
        ),
        migrations.AlterConstraint(
            model_name="project",
            name="project_unique_title",
            constraint=models.UniqueConstraint(
                fields=("municipality", "title"),
                name="project_unique_title",
                violation_error_message="This municipality already has a project of this title.",
            ),
        ),
        migrations.AlterConstraint(
            model_name="projectcost",
            name="cost_one_row_per_year",
            constraint=models.UniqueConstraint(
                fields=("project", "year"),
                name="cost_one_row_per_year",
                violation_error_message="This project already has costs for this year; change that row instead.",
            ),
        ),
        migrations.AlterConstraint(
            model_name="scoringmodel",
            name="scoring_model_unique_name",
            constraint=models.UniqueConstraint(
                fields=("municipality", "name"),
                name="scoring_model_unique_name",
                violation_error_message="This municipality already has a scoring model of this name.",
            ),
        ),
        migrations.AlterConstraint(
            model_name="scoringmodel",
            name="scoring_model_one_active",
            constraint=models.UniqueConstraint(
                condition=models.Q(("active", True)),
                fields=("municipality",),
                name="scoring_model_one_active",
                violation_error_message="Only one scoring model can be active; deactivate the active one first.",
            ),
        ),
        migrations.AlterConstraint(
            model_name="service",
            name="service_unique_name",
            constraint=models.UniqueConstraint(
                fields=("municipality", "name"),
                name="service_unique_name",
                violation_error_message="This municipality already has a service of this name.",
            ),
        ),
        migrations.AlterConstraint(
            model_name="service",
            name="service_unique_leika",
            constraint=models.UniqueConstraint(
                condition=models.Q(("leika_key", ""), _negated=True),
                fields=("municipality", "leika_key"),
                name="service_unique_leika",
                violation_error_message="This municipality already has a service with this LeiKa key.",
            ),
        ),
        migrations.AlterConstraint(
            model_name="servicechange",
            name="change_one_per_service",
            constraint=models.UniqueConstraint(
                fields=("project", "service"),
                name="change_one_per_service",
                violation_error_message="This project already changes this service; edit that change instead.",
            ),
        ),
        migrations.AlterConstraint(
            model_name="statusreport",
            name="status_report_one_per_date",
            constraint=models.UniqueConstraint(
                fields=("project", "date"),
                name="status_report_one_per_date",
                violation_error_message="There is already a status report of this project for this date.",
            ),
        ),
    ]
