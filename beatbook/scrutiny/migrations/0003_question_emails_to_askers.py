"""Askers may give an email address (now optional) and get their reference, then a link to the answer;
the address is erased a configurable time after the answer is published (scrutiny/askers.py)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("scrutiny", "0002_paper_files_on_the_job_queue")]

    operations = [
        migrations.AlterField(
            model_name="question",
            name="asker_email",
            field=models.EmailField(
                blank=True,
                help_text="Optional; erased SCRUTINY_ASKER_EMAIL_RETENTION_DAYS after publication (askers.py)",
                max_length=254,
            ),
        ),
        migrations.AddField(
            model_name="question", name="asker_email_erased_at", field=models.DateTimeField(blank=True, null=True)
        ),
        migrations.AddField(
            model_name="question", name="received_email_sent_at", field=models.DateTimeField(blank=True, null=True)
        ),
        migrations.AddField(
            model_name="question", name="published_email_sent_at", field=models.DateTimeField(blank=True, null=True)
        ),
        migrations.AddField(
            model_name="question",
            name="email_error",
            field=models.TextField(blank=True, help_text="Why the last email to the asker could not be sent"),
        ),
    ]
