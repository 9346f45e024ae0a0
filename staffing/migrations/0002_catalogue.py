from django.db import migrations


def load(apps, schema_editor):
    from staffing.catalogue import CATEGORIES, PROFICIENCY, SKILLS

    SkillCategory = apps.get_model("staffing", "SkillCategory")
    Skill = apps.get_model("staffing", "Skill")
    ProficiencyLevel = apps.get_model("staffing", "ProficiencyLevel")
    categories = {}
    for position, c in enumerate(CATEGORIES, start=1):
        categories[c.code], _ = SkillCategory.objects.update_or_create(
            code=c.code, defaults={"name_de": c.name_de, "name_en": c.name_en, "position": position}
        )
    for position, s in enumerate(SKILLS, start=1):
        Skill.objects.update_or_create(
            code=s.code,
            defaults={
                "category": categories[s.category],
                "name_de": s.name_de,
                "name_en": s.name_en,
                "description_de": s.description_de,
                "description_en": s.description_en,
                "framework_code": s.framework_code,
                "position": position,
            },
        )
    for p in PROFICIENCY:
        ProficiencyLevel.objects.update_or_create(
            level=p.level,
            defaults={
                "name_de": p.name_de,
                "name_en": p.name_en,
                "descriptor_de": p.descriptor_de,
                "descriptor_en": p.descriptor_en,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("staffing", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
