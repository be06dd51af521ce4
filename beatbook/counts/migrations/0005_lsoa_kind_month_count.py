"""Counts per LSOA, month and kind (beatbook.counts.models.LsoaKindMonthCount), filled from the existing
LSOA counts so a database upgraded in place reads the same figures before its next import."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("areas", "0003_report_name"),
        ("counts", "0004_incident_lsoa_month_point_index"),
    ]

    operations = [
        migrations.CreateModel(
            name="LsoaKindMonthCount",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("month", models.DateField(help_text="First day of the month")),
                ("kind", models.CharField(help_text="crime or asb, as Incident.kind", max_length=10)),
                ("n", models.PositiveIntegerField(help_text="Incidents in the group")),
                (
                    "force",
                    models.ForeignKey(
                        db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name="+", to="areas.area"
                    ),
                ),
                (
                    "lsoa",
                    models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="areas.lsoa",
                    ),
                ),
            ],
            options={
                "indexes": [
                    models.Index(fields=["force", "month", "lsoa", "kind", "n"], name="counts_lsoakind_force_cover"),
                    models.Index(fields=["lsoa", "month", "kind", "n"], name="counts_lsoakind_lsoa_cover"),
                ],
            },
        ),
        migrations.RunSQL(
            "INSERT INTO counts_lsoakindmonthcount (force_id, lsoa_id, month, kind, n) "
            "SELECT force_id, lsoa_id, month, kind, SUM(n) FROM counts_lsoamonthcount "
            "GROUP BY force_id, lsoa_id, month, kind",
            migrations.RunSQL.noop,
        ),
    ]
