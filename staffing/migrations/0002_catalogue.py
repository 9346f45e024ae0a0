from django.db import migrations


def load(apps, schema_editor):
    from staffing.catalogue import install

    install(
        SkillCategory=apps.get_model("staffing", "SkillCategory"),
        Skill=apps.get_model("staffing", "Skill"),
        ProficiencyLevel=apps.get_model("staffing", "ProficiencyLevel"),
    )


class Migration(migrations.Migration):
    dependencies = [("staffing", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
