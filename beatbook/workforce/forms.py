"""Forms for keeping people and teams. Dates are ISO (the browser's date picker)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django import forms

from beatbook.web.forms import DateField
from beatbook.workforce.actions import EDITABLE
from beatbook.workforce.models import AbsenceKind, Ethnicity, LeaveReason, Officer, Rank, SkillType, Target


class PersonForm(forms.ModelForm):
    started_on = DateField(required=False, label="Start date", help_text="When they joined the force")
    posted_on = DateField(
        required=False,
        label="In this team or area from",
        help_text=(
            "The day they started in the team or area above. When they move: the day of the move (blank: today). "
            "Otherwise leave it blank, or give it to correct when their current posting began"
        ),
    )

    class Meta:
        model = Officer
        fields = EDITABLE
        labels = {
            "team": "Team or area",
            "rank": "Role (and rank for police officers)",
            "collar_number": "Collar number",
            "staff_number": "Staff number",
            "fte": "Full-time equivalent",
            "cadet_cohort": "Cadet cohort",
            "joint_cadet": "Joint police and fire cadet",
        }
        help_texts = {"fte": "1 for full time, for example 0.8 for four days a week; 0 for volunteers and cadets"}

    def __init__(self, *args, teams=None, **kwargs) -> None:  # noqa: ANN001, ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams
        self.fields["team"].empty_label = None
        self.fields["staff_number"].required = False

    def clean_staff_number(self) -> str | None:
        return self.cleaned_data["staff_number"] or None


class LeavingForm(forms.Form):
    left_on = DateField(label="Leaving date", help_text="Their first day no longer in service")
    leave_reason = forms.ChoiceField(choices=LeaveReason.choices, widget=forms.RadioSelect, label="Reason")


class AbsenceForm(forms.Form):
    kind = forms.ChoiceField(choices=AbsenceKind.choices, widget=forms.RadioSelect, label="Kind of absence")
    starts_on = DateField(label="From")
    ends_on = DateField(required=False, label="Until", help_text="Their last day away; leave blank while it continues")


class NamedOfficerForm(forms.Form):
    officer = forms.ModelChoiceField(queryset=Officer.objects.none(), label="Named officer", empty_label=None)

    def __init__(self, *args, officers=None, **kwargs) -> None:  # noqa: ANN001, ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = officers


class TeamContactForm(forms.Form):
    public_email = forms.EmailField(required=False, label="Public email")
    public_phone = forms.CharField(required=False, max_length=40, label="Public phone")
    facebook = forms.URLField(required=False, assume_scheme="https", label="Facebook page")
    twitter = forms.URLField(required=False, assume_scheme="https", label="X (Twitter)")
    instagram = forms.URLField(required=False, assume_scheme="https", label="Instagram")
    youtube = forms.URLField(required=False, assume_scheme="https", label="YouTube")
    meetings = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        label="Meeting places and times",
        help_text="One a line: the place, a vertical bar, then when. For example: "
        "Staveley library | First Tuesday of the month, 6pm to 7pm",
    )

    def clean_meetings(self) -> list[tuple[str, str]]:
        meetings = []
        for number, line in enumerate(self.cleaned_data["meetings"].splitlines(), start=1):
            if not line.strip():
                continue
            place, bar, times = line.partition("|")
            if not bar or not place.strip() or not times.strip():
                raise forms.ValidationError(f"Line {number}: write the place, a vertical bar (|), then when")
            if len(place.strip()) > 120 or len(times.strip()) > 200:
                raise forms.ValidationError(
                    f"Line {number}: keep the place under 120 and the times under 200 characters"
                )
            meetings.append((place.strip(), times.strip()))
        return meetings


class CertificationForm(forms.Form):
    skill = forms.ModelChoiceField(queryset=SkillType.objects.all(), label="Skill or module", empty_label=None)
    completed_on = DateField(label="Training completed on")


class DutyHoursForm(forms.Form):
    month = DateField(label="Month", help_text="Any day in the month")
    hours = forms.DecimalField(min_value=0, max_value=744, decimal_places=1, label="Duty hours in the month")


class EstablishmentForm(forms.Form):
    team = forms.ModelChoiceField(queryset=None, label="Team or area", empty_label=None)
    rank = forms.ChoiceField(choices=Rank.choices, label="Role or rank")
    posts = forms.IntegerField(min_value=0, max_value=100_000, label="Posts funded")
    starts_on = DateField(label="From", help_text="The posts apply from this date until a later change")

    def __init__(self, *args, teams=None, **kwargs) -> None:  # noqa: ANN001, ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams


class ConfigurationForm(forms.Form):
    """Census 2021 shares (percent) by ethnic group, then targets."""

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        for group in Ethnicity:
            self.fields[f"share_{group.value}"] = forms.DecimalField(
                min_value=0, max_value=100, decimal_places=2, label=f"{group.label}: % of the population (Census 2021)"
            )
        for target in Target:
            self.fields[f"target_{target.value}"] = forms.IntegerField(
                min_value=0, max_value=1_000_000, required=False, label=f"Target: {target.label}"
            )

    def shares(self) -> dict:
        return {g.value: self.cleaned_data[f"share_{g.value}"] for g in Ethnicity}

    def targets(self) -> dict:
        return {t.value: self.cleaned_data[f"target_{t.value}"] for t in Target}


class ForecastForm(forms.Form):
    lines = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 12}),
        label="Police officer joiners and leavers planned each month",
        help_text="One month a line: the month (YYYY-MM), joiners, leavers. For example: 2024-01, 33, 10.8",
    )

    def clean_lines(self) -> list[tuple[date, Decimal, Decimal]]:
        rows = []
        for number, line in enumerate(self.cleaned_data["lines"].splitlines(), start=1):
            if not line.strip():
                continue
            parts = [part.strip() for part in line.split(",")]
            try:
                month = date.fromisoformat(f"{parts[0]}-01")
                joiners, leavers = Decimal(parts[1]), Decimal(parts[2])
            except (ValueError, IndexError, ArithmeticError):
                raise forms.ValidationError(f"Line {number}: write the month (YYYY-MM), joiners, leavers") from None
            if len(parts) != 3 or not (0 <= joiners < 10_000 and 0 <= leavers < 10_000):
                raise forms.ValidationError(f"Line {number}: write three values, with joiners and leavers from 0")
            rows.append((month, joiners, leavers))
        return rows
