"""The (lsoa_id, month) index on crime_incident (0002) becomes (lsoa_id, month, longitude, latitude): the
hotspot grid, the map's LSOA positions and the before/after counts read an area's points over a few months,
and with the coordinates in the index they read the index alone. Without them each incident was a read at
a random place in a table of gigabytes: an LPU's hotspot page spent nine tenths of its cold time waiting on
the disk (SQLite, 1.5M incidents). The rowid (PostgreSQL: the heap tuple) is in every index, so the place
names of the top cells are read afterwards for their incidents only.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("counts", "0003_lsoa_force_month_covering_index")]

    operations = [
        migrations.RunSQL(
            [
                "CREATE INDEX IF NOT EXISTS crime_incident_lsoa_month_point "
                "ON crime_incident (lsoa_id, month, longitude, latitude)",
                "DROP INDEX IF EXISTS crime_incident_lsoa_month",
            ],
            [
                "CREATE INDEX IF NOT EXISTS crime_incident_lsoa_month ON crime_incident (lsoa_id, month)",
                "DROP INDEX IF EXISTS crime_incident_lsoa_month_point",
            ],
        )
    ]
