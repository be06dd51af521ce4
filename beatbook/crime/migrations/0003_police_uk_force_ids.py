"""Forces that earlier imports created under a slug of their own making ("devon-cornwall" for "Devon &
Cornwall Police", "british-transport" for "British Transport Police") get police.uk's id. Where a force
with the right id exists too, the wrongly named one's crime data and LSOAs move to it and it is removed
(or, if anything else still refers to it, kept with its wrong code so nothing is lost)."""

from django.db import migrations, transaction
from django.db.models import ProtectedError

from beatbook.crime.forces import FORCE_NAMES, force_id_for_name

LEGACY_SLUGS = {"devon-cornwall": "devon-and-cornwall", "british-transport": "btp"}
MOVED = [
    ("crime", "Incident"),
    ("crime", "Outcome"),
    ("crime", "StopSearch"),
    ("crime", "ImportRun"),
    ("areas", "Lsoa"),
]


def correct_force_ids(apps, schema_editor) -> None:  # noqa: ANN001
    area_model = apps.get_model("areas", "Area")
    for force in area_model.objects.filter(level="force"):
        right = LEGACY_SLUGS.get(force.code) or force_id_for_name(force.name)
        if not right or right == force.code or force.code in FORCE_NAMES:
            continue
        target = area_model.objects.filter(code=right).first()
        if target is None:
            force.code = right
            force.save(update_fields=["code"])
            continue
        for app, model in MOVED:
            apps.get_model(app, model).objects.filter(force=force).update(force=target)
        try:
            with transaction.atomic():
                force.delete()
        except ProtectedError:
            pass


class Migration(migrations.Migration):
    dependencies = [("crime", "0002_import_run_report_fields"), ("areas", "0002_public_links")]

    operations = [migrations.RunPython(correct_force_ids, migrations.RunPython.noop)]
