"""Phone-first forms for the neighbourhood records. Times are entered in UK local time and stored in UTC."""

from __future__ import annotations

from datetime import date, datetime, time

from django import forms
from django.core.exceptions import ValidationError

from beatbook.areas.models import Area
from beatbook.lib.dates import LocalTimeError, london_to_utc
from beatbook.neighbourhoods.models import (
    AbstractionReason,
    AuthoriserRank,
    CommunityGroup,
    EngagementMethod,
    Evidence,
)
from beatbook.web.forms import BoundedForm, DateField, PeriodQuery, TimeField, VersionField
from beatbook.workforce.models import Officer


def local_moment(day: date, moment: time, what: str) -> datetime:
    try:
        return london_to_utc(datetime.combine(day, moment))
    except LocalTimeError as error:
        raise ValidationError(f"The {what}: {error}") from None


class EngagementForm(BoundedForm):
    neighbourhood = forms.ModelChoiceField(queryset=Area.objects.none(), empty_label=None)
    date = DateField()
    start = TimeField(label="Start time", help_text="UK time, for example 14:30")
    duration_minutes = forms.IntegerField(min_value=1, max_value=720, label="How long (minutes)")
    location = forms.CharField(max_length=200, help_text="A place, not a home address: for example ‘Library’")
    method = forms.ChoiceField(choices=EngagementMethod.choices, widget=forms.RadioSelect)
    groups = forms.ModelMultipleChoiceField(
        queryset=CommunityGroup.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Community groups reached",
    )
    people_reached = forms.IntegerField(min_value=0, max_value=100_000, label="People reached")
    issues_raised = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        label="Issues raised",
        help_text="Seen by police roles only. Do not name members of the public unless you need to",
    )
    follow_up = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False, label="Follow-up")

    def __init__(self, *args, neighbourhoods=None, groups=None, **kwargs) -> None:  # noqa: ANN001, ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.fields["neighbourhood"].queryset = neighbourhoods
        self.fields["groups"].queryset = groups

    def clean(self) -> dict:
        data = super().clean()
        if not self.errors:
            data["started_at"] = local_moment(data["date"], data["start"], "start time")
        return data


class AbstractionForm(BoundedForm):
    officer = forms.ModelChoiceField(queryset=Officer.objects.none(), label="Officer abstracted")
    start_date = DateField(label="Start date")
    start = TimeField(label="Start time", help_text="UK time")
    end_date = DateField(label="End date")
    end = TimeField(label="End time", help_text="UK time")
    reason = forms.ChoiceField(choices=AbstractionReason.choices, widget=forms.RadioSelect)
    details = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), required=False, help_text="Needed when the reason is ‘Other’"
    )
    authorised_by = forms.CharField(max_length=120, label="Authorised by", help_text="Their name")
    authoriser_rank = forms.ChoiceField(choices=AuthoriserRank.choices, label="Their rank")
    emergency = forms.BooleanField(
        required=False,
        label="An emergency or life at risk",
        help_text="Without this, the policy needs a chief inspector or above to authorise it",
    )

    def __init__(self, *args, officers=None, **kwargs) -> None:  # noqa: ANN001, ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = officers

    def clean(self) -> dict:
        data = super().clean()
        if not self.errors:
            data["started_at"] = local_moment(data["start_date"], data["start"], "start time")
            data["ended_at"] = local_moment(data["end_date"], data["end"], "end time")
            if data["ended_at"] <= data["started_at"]:
                raise ValidationError("The end must be after the start: check the dates and times")
        return data


class PriorityForm(BoundedForm):
    neighbourhood = forms.ModelChoiceField(queryset=Area.objects.none(), empty_label=None)
    issue = forms.CharField(
        max_length=300, help_text="As the public would put it: for example ‘Speeding on Church Street’"
    )
    planned_action = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label="Action planned")
    evidence = forms.MultipleChoiceField(
        choices=Evidence.choices, widget=forms.CheckboxSelectMultiple, label="Where the priority came from"
    )

    def __init__(self, *args, neighbourhoods=None, **kwargs) -> None:  # noqa: ANN001, ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.fields["neighbourhood"].queryset = neighbourhoods


class PriorityActionForm(BoundedForm):
    action_taken = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), label="What was done", help_text="Published with the priority"
    )
    version = VersionField()


GAP_DAYS_DEFAULT = 28


class EngagementReportQuery(PeriodQuery):
    days = forms.IntegerField(required=False, min_value=1, max_value=365, initial=GAP_DAYS_DEFAULT)


class ChosenNeighbourhoodQuery(BoundedForm):
    neighbourhood = forms.SlugField(required=False, max_length=50)


class EngagementEditForm(EngagementForm):
    """Correcting one's own engagement: where and whom stay as recorded."""

    version = VersionField()

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, neighbourhoods=Area.objects.none(), groups=CommunityGroup.objects.none(), **kwargs)
        del self.fields["neighbourhood"], self.fields["groups"]


class AbstractionEditForm(AbstractionForm):
    """Correcting one's own abstraction: the officer stays as recorded."""

    version = VersionField()

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, officers=Officer.objects.none(), **kwargs)
        del self.fields["officer"]


class WithdrawForm(BoundedForm):
    version = VersionField()
