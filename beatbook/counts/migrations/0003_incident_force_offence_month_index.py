"""An index on crime_incident (force_id, offence_code, month) for the crime page's offence-group tables (drug
offences by year, issue 16), which count a few Home Office offence codes over five years: with only the
(force, month, kind) index SQLite read every crime of the force in those years (about 4 s cold for the
force page at 1.5M incidents); with it, only the rows of those codes.

Plain SQL here, beside the other read index (0002), for the same reasons.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("counts", "0002_incident_lsoa_month_index"), ("crime", "0005_incident_offence_code")]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS crime_incident_force_offence_month "
            "ON crime_incident (force_id, offence_code, month)",
            "DROP INDEX IF EXISTS crime_incident_force_offence_month",
        )
    ]
