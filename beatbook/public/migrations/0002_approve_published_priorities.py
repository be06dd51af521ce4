"""Priorities published before approved copies existed: their text as it stands is what the public saw,
so it becomes the approved copy, by whoever published it."""

from django.db import migrations


def approve_published(apps, schema_editor):  # noqa: ANN001, ANN201
    ContentType = apps.get_model("contenttypes", "ContentType")
    Priority = apps.get_model("neighbourhoods", "Priority")
    PublishedVersion = apps.get_model("public", "PublishedVersion")
    published = Priority.objects.filter(published_at__isnull=False, published_by__isnull=False)
    if not published.exists():
        return
    content_type, _ = ContentType.objects.get_or_create(app_label="neighbourhoods", model="priority")
    for p in published:
        fields = {
            "issue": p.issue,
            "planned_action": p.planned_action,
            "action_taken": p.action_taken,
            "set_on": p.set_on.isoformat(),
            "action_on": p.action_on.isoformat() if p.action_on else None,
        }
        PublishedVersion.objects.get_or_create(
            content_type=content_type,
            object_id=p.pk,
            defaults={"area_id": p.neighbourhood_id, "fields": fields, "approved_by_id": p.published_by_id,
                      "approved_at": p.published_at},
        )  # fmt: skip


class Migration(migrations.Migration):
    dependencies = [("public", "0001_initial"), ("neighbourhoods", "0002_record_versions_and_history")]
    operations = [migrations.RunPython(approve_published, migrations.RunPython.noop)]
