"""The skill types and their validity rules (beatbook.workforce.skills.SKILL_TYPES), so every force has them."""

from django.db import migrations


def add_skill_types(apps, schema_editor):  # noqa: ANN001, ANN201
    from beatbook.workforce.skills import SKILL_TYPES

    SkillType = apps.get_model("workforce", "SkillType")
    for code, spec in SKILL_TYPES.items():
        SkillType.objects.get_or_create(code=code, defaults=spec)


class Migration(migrations.Migration):
    dependencies = [("workforce", "0003_hr_imports")]

    operations = [migrations.RunPython(add_skill_types, migrations.RunPython.noop)]
