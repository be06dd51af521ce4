"""GOV.UK form rendering: every Django form in Beatbook renders through templates/forms/."""

from django import forms
from django.forms.renderers import TemplatesSetting


class GovukFormRenderer(TemplatesSetting):
    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"


class DateField(forms.DateField):
    """A date chosen with the browser's date picker. Browsers only fill `type=date` from an ISO value, so
    the initial value is rendered ISO whatever the locale's input formats say."""

    widget = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})


class TimeField(forms.TimeField):
    """A time of day with the browser's time picker, shown as HH:MM."""

    widget = forms.TimeInput(format="%H:%M", attrs={"type": "time"})


class VersionField(forms.IntegerField):
    """The version of a record the form was opened at, sent back so a stale edit is refused, not applied
    over someone else's (see beatbook/neighbourhoods/record_edits.py)."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs) -> None:  # noqa: ANN003 - IntegerField's own
        super().__init__(min_value=1, max_value=2**31 - 1, **kwargs)
