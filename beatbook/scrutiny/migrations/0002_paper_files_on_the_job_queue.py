"""A published paper's DOCX and PDF are made by a job on the queue: the paper records where they are."""

from django.db import migrations, models


def mark_existing(apps, schema_editor) -> None:  # noqa: ANN001
    Paper = apps.get_model("scrutiny", "Paper")
    published = Paper.objects.filter(status="published")
    published.filter(docx__isnull=False, pdf__isnull=False).update(files_status="ready")
    published.exclude(files_status="ready").update(
        files_status="failed",
        files_error="Published before the files were made on the job queue: press “Try again” to make them",
    )


class Migration(migrations.Migration):
    dependencies = [("scrutiny", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="paper",
            name="files_status",
            field=models.CharField(
                blank=True,
                choices=[("", "Not published"), ("queued", "Being prepared"), ("ready", "Ready"), ("failed", "Failed")],
                default="",
                max_length=10,
            ),
        ),
        migrations.AddField(
            model_name="paper",
            name="files_error",
            field=models.TextField(blank=True, help_text="Why the last job making the files failed"),
        ),
        migrations.AddField(
            model_name="paper",
            name="files_job",
            field=models.CharField(blank=True, help_text="The id of the last job queued to make them", max_length=64),
        ),
        migrations.RunPython(mark_existing, migrations.RunPython.noop),
    ]
