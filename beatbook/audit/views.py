"""The audit log, for inspectors and above, limited to their areas. Reading it is itself audited."""

from __future__ import annotations

from datetime import datetime

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from beatbook.accounts import access
from beatbook.accounts.access import Capability
from beatbook.audit.models import Operation
from beatbook.audit.record import record_event
from beatbook.web.tables import Column, Table, page_of, render_with_twins

PAGE_SIZE = 50
TABLE_NAME = "audit-log"
# The columns the page shows, so a filter finds what the reader sees.
SEARCHED_FIELDS = ("actor_label", "event", "object_type", "object_id", "object_label", "area__name", "recipient")


@login_required
def index(request: HttpRequest) -> HttpResponse:
    access.require_anywhere(request.user, Capability.VIEW_AUDIT)
    events = access.audit_events_visible_to(request.user).select_related("area")
    operation = request.GET.get("operation", "")
    if operation in Operation.values:
        events = events.filter(operation=operation)
    # The table's filter box searches the whole log, in the database, before paging (Table.paged_total).
    page = page_of(request, events, TABLE_NAME, SEARCHED_FIELDS, PAGE_SIZE)
    record_event(
        actor=request.user,
        operation=Operation.CONSULTATION,
        event="audit.viewed",
        request=request,
        detail={"page": page.number, "operation": operation, "filter": request.GET.get(f"{TABLE_NAME}-q", "")[:100]},
    )
    table = Table(
        name=TABLE_NAME,
        caption="Audit log (times in UK local time)",
        columns=[
            Column("at", "When"),
            Column("actor", "Who"),
            Column("operation", "Operation"),
            Column("event", "Event"),
            Column("object", "Object"),
            Column("area", "Area"),
            Column("recipient", "Recipient"),
        ],
        rows=[
            {
                "at": _local(event.at),
                "actor": event.actor_label,
                "operation": event.get_operation_display(),
                "event": event.event,
                "object": f"{event.object_type} {event.object_id} {event.object_label}".strip(),
                "area": event.area.name if event.area else "",
                "recipient": event.recipient,
            }
            for event in page.object_list
        ],
        paged_total=page.paginator.count,
        page=page.number,
    )
    context = {"page_obj": page, "operations": Operation.choices, "operation": operation}
    return render_with_twins(request, "audit/index.html", context, table, snapshot=True)


def _local(moment: datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M:%S %Z")
