"""Search keys drop apostrophes (`beatbook.public.places._key`): "St Helens" finds "St. Helen's". The stored
keys are re-keyed in place (the rest of each key is unchanged), so the search works before the next
`beatbook refresh_public_places`."""

from django.db import migrations


def drop_apostrophes(apps, schema_editor) -> None:  # noqa: ANN001 - Django's migration arguments
    PlaceName = apps.get_model("public", "PlaceName")
    changed = []
    for row in PlaceName.objects.filter(key__contains="'").iterator():
        row.key = " ".join(row.key.replace("'", "").split())
        changed.append(row)
    PlaceName.objects.bulk_update(changed, ["key"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [("public", "0003_place_names")]

    operations = [migrations.RunPython(drop_apostrophes, migrations.RunPython.noop)]
