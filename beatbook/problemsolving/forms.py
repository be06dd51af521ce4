"""Phone-first forms for problem-solving plans."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from beatbook.areas.models import Area
from beatbook.crime.categories import Category
from beatbook.problemsolving.models import ClosureCode, ForceUnit, PersonRole, ProblemType, ResponseStatus
from beatbook.web.forms import DateField


class PlanForm(forms.Form):
    title = forms.CharField(max_length=200, help_text="What and where, e.g. ‘Nuisance motorcycles in Heanor’")
    problem_type = forms.ChoiceField(choices=ProblemType.choices, widget=forms.RadioSelect, label="Type of problem")
    owner = forms.ChoiceField(label="Owned by", help_text="A team, or a force-wide unit such as a Rural Crime Team")
    places = forms.ModelMultipleChoiceField(
        queryset=Area.objects.none(), label="Neighbourhoods", help_text="Hold Ctrl or Cmd to choose more than one"
    )
    categories = forms.MultipleChoiceField(
        choices=Category.choices, required=False, label="Categories scanned", help_text="None chosen means all"
    )
    scan_from = DateField(label="Scan from")
    scan_to = DateField(label="Scan to")
    asb_only = forms.BooleanField(required=False, label="Assess ASB incidents only")
    partners = forms.CharField(max_length=300, required=False, help_text="Partner agencies involved")
    manual_references = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), required=False, label="Other references", help_text="One a line"
    )
    victim = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False, label="Victim or target")
    offender = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False, label="Offender")
    location = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False, label="Location")

    def __init__(self, *args, owners=None, places=None, **kwargs) -> None:  # noqa: ANN001, ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.owners = owners or {}
        self.fields["owner"].choices = [(key, label) for key, (label, _) in self.owners.items()]
        self.fields["places"].queryset = places

    def clean(self) -> dict:
        data = super().clean()
        if data.get("scan_from") and data.get("scan_to") and data["scan_to"] < data["scan_from"]:
            raise ValidationError("Scan to must be on or after scan from")
        if "owner" in data:
            owner = self.owners[data["owner"]][1]
            data["owner_area"] = owner if isinstance(owner, Area) else None
            data["owner_unit"] = owner if isinstance(owner, ForceUnit) else None
        return data


class ApproveForm(forms.Form):
    approved_on = DateField(label="Approved on")


class CloseForm(forms.Form):
    closure_code = forms.ModelChoiceField(queryset=ClosureCode.objects.none(), widget=forms.RadioSelect)
    closed_on = DateField(label="Closed on")
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, force=None, **kwargs) -> None:  # noqa: ANN001, ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.fields["closure_code"].queryset = ClosureCode.objects.filter(force=force, active=True)


class ReviewForm(forms.Form):
    reviewed_on = DateField(label="Reviewed on")
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label="What the review found")


class ResponseForm(forms.Form):
    action = forms.CharField(max_length=300)
    owner = forms.CharField(max_length=120, help_text="A role or team")
    agency = forms.CharField(max_length=120)
    due_on = DateField(label="Due")


class PersonForm(forms.Form):
    role = forms.ChoiceField(choices=PersonRole.choices, label="Their part in the problem")
    name = forms.CharField(max_length=200, help_text="Seen only by police roles; every read is recorded")
    notes = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)


class ResponseStatusForm(forms.Form):
    status = forms.ChoiceField(choices=ResponseStatus.choices)


def _code_lines(text: str) -> list[tuple[str, str]]:
    """`code = label` lines (blank lines skipped) as (code, label); the action checks codes and labels."""
    pairs = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        code, equals, label = line.partition("=")
        if not equals:
            raise ValidationError(f"Line {number}: write the code, then =, then the label")
        pairs.append((code.strip(), label.strip()))
    return pairs


class ClosureCodesForm(forms.Form):
    """A force's closure codes as two lists of `code = label` lines: those plans can be closed with, and the
    retired ones kept on old plans. A code in neither is deleted (refused if a plan was closed with it)."""

    active = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}),
        label="Codes in use",
        help_text="One a line, in the order plans offer them: code = label, e.g. ‘displaced = Problem displaced "
        "elsewhere’",
    )
    retired = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        label="Retired codes",
        help_text="Kept on the plans closed with them, no longer offered. A code in neither list is deleted, "
        "which is allowed only if no plan was closed with it.",
    )

    def clean_active(self) -> list[tuple[str, str]]:
        return _code_lines(self.cleaned_data["active"])

    def clean_retired(self) -> list[tuple[str, str]]:
        return _code_lines(self.cleaned_data["retired"])

    @staticmethod
    def initial_for(codes: list[ClosureCode]) -> dict[str, str]:
        return {
            "active": "\n".join(f"{c.code} = {c.label}" for c in codes if c.active),
            "retired": "\n".join(f"{c.code} = {c.label}" for c in codes if not c.active),
        }
