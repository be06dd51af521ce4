"""Publishing a record to the public, and taking it down: the only writes to `PublishedVersion`.

Approval snapshots the record's `public_fields()`; later edits wait in the working copy until the next
approval. Each approval is audited as a disclosure to the public (DPA 2018 s.62 logs disclosures and
their recipients). Twenty simultaneous approvals of one record make one publication: the unique
constraint lets one insert win, and a replacement only applies to the version it was read from."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from beatbook.accounts import access
from beatbook.accounts.access import Capability
from beatbook.accounts.models import User
from beatbook.audit.models import Operation
from beatbook.audit.record import record_event
from beatbook.public.models import PublishedVersion


def _require_publisher(record: models.Model, acting_user: User) -> None:
    if not access.can(acting_user, Capability(record.PUBLISH_CAPABILITY), record.publication_area):
        raise PermissionDenied("Only an inspector for the area can publish this")


def do_approve_publication(*, record: models.Model, acting_user: User) -> PublishedVersion | None:
    """Make the record's current public text the one the public sees. Returns the new approved copy, or
    None when nothing changed (already published as it stands, perhaps by a simultaneous approval)."""
    _require_publisher(record, acting_user)
    content_type = ContentType.objects.get_for_model(record)
    fields = record.public_fields()
    now = timezone.now()
    with transaction.atomic():
        current = PublishedVersion.objects.filter(content_type=content_type, object_id=record.pk).first()
        if current is not None and current.fields == fields:
            return None
        if current is None:
            try:
                with transaction.atomic():  # a savepoint: losing the race must not spoil the outer transaction
                    version = PublishedVersion.objects.create(
                        content_type=content_type, object_id=record.pk, area=record.publication_area,
                        fields=fields, approved_by=acting_user, approved_at=now,
                    )  # fmt: skip
            except IntegrityError:
                return None  # another approval inserted it first
        else:
            changed = PublishedVersion.objects.filter(pk=current.pk, version=current.version).update(
                fields=fields, version=current.version + 1, approved_by=acting_user, approved_at=now
            )
            if not changed:
                return None  # another approval replaced it first
            version = PublishedVersion.objects.get(pk=current.pk)
        record_event(
            actor=acting_user,
            operation=Operation.DISCLOSURE,
            event=f"{content_type.model}.published",
            obj=record,
            area=record.publication_area,
            recipient="the public",
            detail={"version": version.version, "fields": sorted(fields)},
        )
    return version


def do_withdraw_publication(*, record: models.Model, acting_user: User) -> bool:
    """Take the record off the public pages and feed. False if it was not published."""
    _require_publisher(record, acting_user)
    content_type = ContentType.objects.get_for_model(record)
    with transaction.atomic():
        deleted, _ = PublishedVersion.objects.filter(content_type=content_type, object_id=record.pk).delete()
        if deleted:
            record_event(
                actor=acting_user,
                operation=Operation.ALTERATION,
                event=f"{content_type.model}.unpublished",
                obj=record,
                area=record.publication_area,
            )
    return bool(deleted)
