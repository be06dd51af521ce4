"""`beatbook verify_audit`: check the audit log's hash chain; exit 1 if anything was tampered with."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser

from beatbook.audit.chain import verify_chain


class Command(BaseCommand):
    help = (
        "Check that no audit row was rewritten, deleted or back-dated. Prints the chain's head "
        "(id:hash): note it somewhere the database's owner cannot reach and pass it back with --expect."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--expect",
            action="append",
            default=[],
            metavar="ID:HASH",
            help="a head noted earlier, which must still be in the chain unchanged (repeatable)",
        )

    def handle(self, *args: object, **options: object) -> None:
        expect = {}
        for item in options["expect"]:
            row_id, _, row_hash = item.partition(":")
            if not row_id.isdigit() or len(row_hash) != 64:
                raise CommandError(f"--expect takes ID:HASH as verify_audit prints it, not {item!r}")
            expect[int(row_id)] = row_hash
        report = verify_chain(expect=expect)
        for problem in report.problems[:100]:
            self.stderr.write(problem)
        if len(report.problems) > 100:
            self.stderr.write(f"… and {len(report.problems) - 100} more")
        head = f"{report.head_id}:{report.head_hash}" if report.head_id else "(empty)"
        if not report.intact:
            raise CommandError(f"Audit chain BROKEN: {len(report.problems)} problem(s) in {report.rows:,} rows.")
        self.stdout.write(f"Audit chain intact: {report.rows:,} rows. Head {head}")
