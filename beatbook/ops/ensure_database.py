"""`python -m beatbook.ops.ensure_database`: create $DATABASE_URL's PostgreSQL database if it is missing
(used by `make serve-production`). Connects to the server's `postgres` database to do it."""

from __future__ import annotations

import os
import sys

import dj_database_url


def main() -> None:
    database = dj_database_url.parse(os.environ["DATABASE_URL"])
    if "postgresql" not in database["ENGINE"]:
        sys.exit("DATABASE_URL must name a PostgreSQL database")
    import psycopg
    from psycopg import sql

    params = {"user": database["USER"], "host": database["HOST"], "port": database["PORT"] or 5432}
    params |= {"password": database["PASSWORD"]} if database["PASSWORD"] else {}
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as server:
        if server.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database["NAME"]]).fetchone():
            return
        server.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database["NAME"])))
        print(f"Created the database {database['NAME']}")


if __name__ == "__main__":
    main()
