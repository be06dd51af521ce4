"""Recording community figures: validation, nothing half-written, audit rows."""

from __future__ import annotations

from datetime import date

import pytest

from beatbook.areas.models import Area
from beatbook.audit.models import AuditEvent
from beatbook.community.actions import RegisterEntry, do_record_message_counts, do_record_watch_register
from beatbook.community.models import MessageCount, WatchScheme, WatchSnapshot
from beatbook.community.reports import messages_by_category

pytestmark = pytest.mark.django_db


def test_message_counts_by_category_blank_where_none_recorded():
    area = Area.objects.get(code="chesterfield")
    do_record_message_counts(area=area, month=date(2022, 6, 1), counts={"Bogus callers": 4}, acting_user=None)
    rows = {r["category"]: r["messages"] for r in messages_by_category(area, date(2022, 1, 1), date(2022, 12, 31)).rows}
    assert rows["Bogus callers"] == 4 and rows["Witness appeals"] is None
    assert AuditEvent.objects.filter(event="community.message_counts.recorded").count() == 1
    with pytest.raises(ValueError, match="Unknown categories"):
        do_record_message_counts(area=area, month=date(2022, 7, 1), counts={"Cats": 1}, acting_user=None)
    assert MessageCount.objects.count() == 1


def test_a_bad_register_entry_writes_nothing():
    force = Area.objects.get(code="derbyshire")
    area = Area.objects.get(code="chesterfield")
    good = RegisterEntry(area, "Farm Watch", "Brimington Farm Watch", None, "active", 1, 20, 5)
    bad = RegisterEntry(area, "Cat Watch", "Whiskers", None, "active", 1, 2, 1)
    with pytest.raises(ValueError, match="unknown type 'Cat Watch'"):
        do_record_watch_register(force=force, on=date(2023, 3, 31), entries=[good, bad], acting_user=None)
    assert WatchScheme.objects.count() == 0 and WatchSnapshot.objects.count() == 0
    do_record_watch_register(force=force, on=date(2023, 3, 31), entries=[good], acting_user=None)
    do_record_watch_register(force=force, on=date(2023, 6, 30), entries=[good], acting_user=None)
    assert WatchScheme.objects.count() == 1 and WatchSnapshot.objects.count() == 2
