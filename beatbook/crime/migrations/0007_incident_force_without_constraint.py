"""Incident.force without a database constraint (as Incident.lsoa since 0004): PostgreSQL checks a deferred
foreign key once per inserted row at commit, about 2 s of a 220,000-row import (bench/bench_import.py).

Only PostgreSQL's constraint is dropped. On SQLite, altering the field rebuilds the whole table, which would
take minutes at force scale and lose the index counts/0004 creates in raw SQL; SQLite's check is a cheap
lookup, so its tables keep the constraint until some later change rebuilds them anyway.
"""

import django.db.models.deletion
from django.db import migrations, models

TABLE = "crime_incident"


def _force_constraints(schema_editor) -> list[str]:  # noqa: ANN001 - Django's schema editor
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, TABLE)
    return [
        name
        for name, info in constraints.items()
        if info["foreign_key"] == ("areas_area", "id") and info["columns"] == ["force_id"]
    ]


def drop_constraint(apps, schema_editor) -> None:  # noqa: ANN001, ARG001 - RunPython's signature
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in _force_constraints(schema_editor):
        schema_editor.execute(f"ALTER TABLE {TABLE} DROP CONSTRAINT {schema_editor.quote_name(name)}")


def add_constraint(apps, schema_editor) -> None:  # noqa: ANN001, ARG001 - RunPython's signature
    if schema_editor.connection.vendor != "postgresql" or _force_constraints(schema_editor):
        return
    schema_editor.execute(
        f"ALTER TABLE {TABLE} ADD CONSTRAINT crime_incident_force_id_fk_areas_area_id "
        "FOREIGN KEY (force_id) REFERENCES areas_area (id) DEFERRABLE INITIALLY DEFERRED"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("areas", "0003_report_name"),
        ("crime", "0006_incident_offence_month_index"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="incident",
                    name="force",
                    field=models.ForeignKey(
                        db_constraint=False,
                        db_index=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="areas.area",
                    ),
                ),
            ],
            database_operations=[migrations.RunPython(drop_constraint, add_constraint)],
        ),
    ]
