from __future__ import annotations

from datetime import datetime

from django import forms
from django.core.exceptions import ValidationError

from beatbook.hotspots.models import AsbPower
from beatbook.lib.dates import LocalTimeError, elapsed, london_to_utc
from beatbook.web.forms import DateField, TimeField

# The most one visit can record (the form and the API refuse more): arrests, searches and intelligence
# submissions, and people engaged with.
MAX_VISIT_COUNT = 50
MAX_VISIT_ENGAGEMENTS = 500


class PatrolVisitForm(forms.Form):
    """A patrol visit as an officer reports it on a phone: the date, start and end times in UK time."""

    date = DateField(help_text="The day the visit started")
    start = TimeField(label="Start time", help_text="UK time, for example 18:30")
    end = TimeField(
        label="End time",
        help_text="If the visit went past midnight, the time on the next day",
    )
    arrests = forms.IntegerField(min_value=0, max_value=MAX_VISIT_COUNT, initial=0)
    stop_searches = forms.IntegerField(min_value=0, max_value=MAX_VISIT_COUNT, initial=0, label="Stop and searches")
    intelligence_submissions = forms.IntegerField(
        min_value=0, max_value=MAX_VISIT_COUNT, initial=0, label="Intelligence submissions"
    )
    engagements = forms.IntegerField(
        min_value=0, max_value=MAX_VISIT_ENGAGEMENTS, initial=0, label="People engaged with"
    )
    asb_powers = forms.MultipleChoiceField(
        choices=AsbPower.choices, required=False, label="ASB powers used", widget=forms.CheckboxSelectMultiple
    )

    def clean(self) -> dict:
        data = super().clean()
        if self.errors:
            return data
        try:
            started = london_to_utc(datetime.combine(data["date"], data["start"]))
            end_day = (
                data["date"] if data["end"] > data["start"] else data["date"].fromordinal(data["date"].toordinal() + 1)
            )
            ended = london_to_utc(datetime.combine(end_day, data["end"]))
        except LocalTimeError as error:
            raise ValidationError(f"{error}: check the times") from None
        if data["end"] == data["start"] or elapsed(started, ended).total_seconds() > 12 * 3600:
            raise ValidationError("The visit must last between a minute and 12 hours: check the start and end times")
        data["started_at"], data["ended_at"] = started, ended
        return data


def parse_outline(text: str) -> list[tuple[float, float]]:
    """An outline typed or drawn as one ‘latitude, longitude’ point per line (as maps show them), returned as
    (longitude, latitude) pairs. Raises ValidationError naming the line to fix."""
    points = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        parts = [part.strip() for part in line.replace(";", ",").split(",")]
        try:
            latitude, longitude = (float(part) for part in parts)
        except ValueError:
            raise ValidationError(
                f"Line {number} of the outline is not ‘latitude, longitude’, for example 53.2505, -1.4230"
            ) from None
        points.append((longitude, latitude))
    return points


class DesignateForm(forms.Form):
    """An inspector designates a hotspot from the area's top cells, or by drawing (or typing) its outline."""

    name = forms.CharField(max_length=120, help_text="A name officers will recognise, for example ‘Market Place’")
    cells = forms.MultipleChoiceField(
        widget=forms.CheckboxSelectMultiple,
        label="Cells",
        required=False,
        help_text="The 250 m cells it covers, from the top cells of the period shown",
    )
    outline = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5, "spellcheck": "false"}),
        required=False,
        label="Or its outline",
        help_text="Instead of cells: the corners of the area, one ‘latitude, longitude’ per line, at least 3 "
        "(click the map to add them). Only incidents inside the outline count as the hotspot's.",
    )
    starts_on = DateField(label="Patrols start on")
    weekly_target_minutes = forms.IntegerField(
        min_value=10,
        max_value=40 * 60,
        label="Weekly patrol target (minutes)",
        help_text="For example 90 for an hour and a half a week",
    )

    def __init__(self, *args, cell_choices: list[tuple[str, str]] | None = None, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.fields["cells"].choices = cell_choices or []

    def clean_cells(self) -> list[tuple[int, int]]:
        return [tuple(int(part) for part in value.split(",")) for value in self.cleaned_data["cells"]]

    def clean_outline(self) -> list[tuple[float, float]]:
        return parse_outline(self.cleaned_data["outline"])

    def clean(self) -> dict:
        data = super().clean()
        if self.errors:
            return data
        if not data.get("cells") and not data.get("outline"):
            raise ValidationError("Choose the hotspot's cells or give its outline")
        if data.get("cells") and data.get("outline"):
            raise ValidationError("Choose the hotspot's cells or give its outline, not both")
        return data
