# Readable messages for unique constraints (issue 15): no more database column names in errors.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("staffing", "0002_catalogue"),
    ]

    operations = [
        migrations.AlterConstraint(
            model_name="roleprofile",
            name="role_profile_unique",
            constraint=models.UniqueConstraint(
                fields=("municipality", "name"),
                name="role_profile_unique",
                violation_error_message="This municipality already has a role profile of this name.",
            ),
        ),
        migrations.AlterConstraint(
            model_name="roleprofileskill",
            name="role_profile_skill_unique",
            constraint=models.UniqueConstraint(
                fields=("profile", "skill"),
                name="role_profile_skill_unique",
                violation_error_message="This role profile already lists this skill.",
            ),
        ),
        migrations.AlterConstraint(
            model_name="skilldemand",
            name="skill_demand_unique",
            constraint=models.UniqueConstraint(
                fields=("project", "skill", "level"),
                name="skill_demand_unique",
                violation_error_message="This project already needs this skill at this level; change that demand instead.",
            ),
        ),
        migrations.AlterConstraint(
            model_name="staffmember",
            name="staff_unique_personnel_number",
            constraint=models.UniqueConstraint(
                fields=("municipality", "personnel_number"),
                name="staff_unique_personnel_number",
                violation_error_message="A staff member with this personnel number is already recorded.",
            ),
        ),
        migrations.AlterConstraint(
            model_name="staffskill",
            name="staff_skill_unique",
            constraint=models.UniqueConstraint(
                fields=("staff", "skill"),
                name="staff_skill_unique",
                violation_error_message="This skill is already recorded for this staff member; change the entry there.",
            ),
        ),
    ]
