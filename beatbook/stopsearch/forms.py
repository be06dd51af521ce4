"""Forms for the scrutiny panel log and the object-of-search mapping."""

from __future__ import annotations

from django import forms

from beatbook.stopsearch.categories import ReportingCategory
from beatbook.web.forms import DateField, VersionField


class ScrutinyPanelForm(forms.Form):
    held_on = DateField(label="Held on")
    panel = forms.CharField(max_length=120, initial="External scrutiny panel (IAG and OPCC)")
    search_references = forms.CharField(
        widget=forms.Textarea, required=False, label="Searches reviewed", help_text="References, one a line"
    )
    body_worn_video_reviewed = forms.IntegerField(min_value=0, max_value=1000, label="Body-worn videos reviewed")
    findings = forms.CharField(widget=forms.Textarea, required=False, max_length=5000)
    actions = forms.CharField(widget=forms.Textarea, required=False, max_length=5000)


class ScrutinyPanelEditForm(ScrutinyPanelForm):
    """The log form with the version the editor opened, so a stale change is refused, not applied."""

    version = VersionField()


class ObjectMappingForm(forms.Form):
    object_of_search = forms.CharField(max_length=100, label="Object of search (as police.uk spells it)")
    category = forms.ChoiceField(choices=ReportingCategory.choices, label="Reported as")
