"""Geography changes move LSOAs between areas: cached area pages must not outlive them."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from beatbook.areas.models import Area, Lsoa
from beatbook.counts.refresh import bump_data_version


@receiver([post_save, post_delete], sender=Area)
@receiver([post_save, post_delete], sender=Lsoa)
def geography_changed(**kwargs: object) -> None:
    if kwargs.get("raw"):  # loading fixtures
        return
    bump_data_version()
