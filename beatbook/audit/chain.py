"""Checking the audit log's hash chain (see beatbook/audit/models.py)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from beatbook.audit.models import GENESIS_HASH, AuditEvent, canonical_row, chain_hash


@dataclass
class ChainReport:
    rows: int = 0
    head_id: int | None = None
    head_hash: str = GENESIS_HASH
    problems: list[str] = field(default_factory=list)

    @property
    def intact(self) -> bool:
        return not self.problems


def verify_chain(*, expect: dict[int, str] | None = None) -> ChainReport:
    """Walk every audit row in id order and report each break.

    - "rewritten": the row's contents no longer give its stored hash;
    - "broken link": its prev_hash is not the previous row's hash (a row before it was deleted or
      rewritten with its hash recomputed, or this row was inserted out of turn);
    - "back-dated": it is dated before the row before it (rows are dated under the chain lock, so
      times never run backwards on their own);
    - "missing anchor": a row noted earlier (`expect`, id → hash, e.g. yesterday's head) is gone or
      changed, which catches deleting rows at the end and recomputing the whole chain.
    """
    report = ChainReport()
    expect = dict(expect or {})
    prev_hash, prev_at = GENESIS_HASH, None
    for row in _rows():
        report.rows += 1
        if row.prev_hash != prev_hash:
            report.problems.append(f"#{row.pk}: broken link (a row before it was deleted or rewritten)")
        if chain_hash(row.prev_hash, canonical_row(row)) != row.row_hash:
            report.problems.append(f"#{row.pk}: rewritten (its contents do not give its hash)")
        if prev_at is not None and row.at < prev_at:
            report.problems.append(f"#{row.pk}: back-dated ({row.at.isoformat()} is before the row before it)")
        if row.pk in expect and expect.pop(row.pk) != row.row_hash:
            report.problems.append(f"#{row.pk}: does not match the hash noted for it")
        prev_hash, prev_at = row.row_hash, row.at
        report.head_id, report.head_hash = row.pk, row.row_hash
    report.problems += [f"#{row_id}: noted row is missing (deleted)" for row_id in sorted(expect)]
    return report


def _rows() -> Iterator[AuditEvent]:
    return AuditEvent.objects.order_by("id").iterator(chunk_size=5000)
