from django.db import migrations


def load(apps, schema_editor):
    from portfolio.subject_areas import SUBJECT_AREAS

    SubjectArea = apps.get_model("portfolio", "SubjectArea")
    for position, (code, name_de, name_en) in enumerate(SUBJECT_AREAS, start=1):
        SubjectArea.objects.update_or_create(
            code=code, defaults={"name_de": name_de, "name_en": name_en, "position": position}
        )


class Migration(migrations.Migration):
    dependencies = [("portfolio", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
