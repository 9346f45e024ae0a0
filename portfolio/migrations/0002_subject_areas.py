from django.db import migrations


def load(apps, schema_editor):
    from portfolio.subject_areas import install

    install(apps.get_model("portfolio", "SubjectArea"))


class Migration(migrations.Migration):
    dependencies = [("portfolio", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
