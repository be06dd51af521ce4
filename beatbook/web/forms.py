"""GOV.UK form rendering: every Django form in Beatbook renders through templates/forms/."""

from datetime import date, datetime, timedelta

from django import forms
from django.core.exceptions import BadRequest, ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.forms.renderers import TemplatesSetting
from django.http import HttpRequest
from django.utils import timezone


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


# Bounds on every input (issue 11 item 6): one window for dates, one ceiling for free text and numbers,
# applied by BoundedForm to every field a form declares, so no field can be forgotten.

EARLIEST_DATE = date(2000, 1, 1)  # nothing Beatbook holds is older (police.uk data starts in 2010)
FUTURE_DAYS = 366  # plans and designations may look a year ahead
TEXT_LIMIT = 10_000  # characters in a free-text field with no column limit of its own (SECURITY.md G16)
INTEGER_LIMIT = 2**31 - 1  # the largest integer every database column here holds
MAX_RANGE_DAYS = 366 * 10  # a period asked for in a query: ten years at most


def latest_date() -> date:
    return timezone.localdate() + timedelta(days=FUTURE_DAYS)


def check_date_window(value: date | datetime | None) -> None:
    """Refuse a date outside [EARLIEST_DATE, today + FUTURE_DAYS] with the window in the message."""
    if value is None:
        return
    day = value.date() if isinstance(value, datetime) else value
    if not EARLIEST_DATE <= day <= latest_date():
        raise ValidationError(
            f"Enter a date between {EARLIEST_DATE:%-d %B %Y} and {latest_date():%-d %B %Y}", code="date_window"
        )


class BoundedForm(forms.Form):
    """A form whose every field has bounds: text within TEXT_LIMIT (or its own max_length), integers within
    ±INTEGER_LIMIT (or their own range), dates within the plausible window. Django's CharField already
    refuses NUL characters."""

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003 - Form's own
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            _bound(field)


def _bound(field: forms.Field) -> None:
    if isinstance(field, forms.CharField) and field.max_length is None:
        field.max_length = TEXT_LIMIT
        field.validators.append(MaxLengthValidator(TEXT_LIMIT))
        field.widget.attrs.setdefault("maxlength", str(TEXT_LIMIT))
    elif isinstance(field, forms.IntegerField):
        if field.max_value is None:
            field.max_value = INTEGER_LIMIT
            field.validators.append(MaxValueValidator(INTEGER_LIMIT))
        if field.min_value is None:
            field.min_value = -INTEGER_LIMIT
            field.validators.append(MinValueValidator(-INTEGER_LIMIT))
    elif isinstance(field, forms.DateField | forms.DateTimeField):
        field.validators.append(check_date_window)
    elif isinstance(field, forms.ModelChoiceField):
        field.clean = _choice_within_bounds(field, field.clean)


def _choice_within_bounds(field: forms.ModelChoiceField, clean):  # noqa: ANN001, ANN202 - the field's own clean
    """Refuse a chosen id too large for the database before it reaches a query (SQLite raises
    OverflowError on integers past 2**63, which Django's choice fields do not catch)."""

    def bounded(value):  # noqa: ANN001, ANN202
        for item in value if isinstance(value, list | tuple) else [value]:
            text = str(item).strip()
            if text.lstrip("-").isdigit() and abs(int(text)) > INTEGER_LIMIT:
                raise ValidationError(field.error_messages["invalid_choice"], code="invalid_choice",
                                      params={"value": text[:20]})  # fmt: skip
        return clean(value)

    return bounded


class BadQuery(BadRequest):
    """A query string that cannot be used; the message says what to fix and is shown on the 400 page."""


def query_values(request: HttpRequest, form_class: type[forms.Form]) -> dict:
    """A page's query parameters, parsed and bounded by `form_class`; absent ones take the form's
    `initial`. Raises BadQuery (HTTP 400) naming each parameter that is wrong and why."""
    form = form_class(request.GET)
    if not form.is_valid():
        problems = [
            f"{name}: {' '.join(errors)}" if name != "__all__" else " ".join(errors)
            for name, errors in form.errors.items()
        ]
        raise BadQuery("; ".join(problems))
    return {
        name: value if value not in (None, "") else form.fields[name].initial
        for name, value in form.cleaned_data.items()
    }


class PeriodQuery(BoundedForm):
    """`from` and `to` (YYYY-MM-DD) of a period asked for in a query string: each within the window, the
    end not before the start, and no longer than MAX_RANGE_DAYS."""

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        # `from` is a Python keyword, so the fields are added here rather than declared.
        self.fields = {"from": DateField(required=False), "to": DateField(required=False), **self.fields}
        for name in ("from", "to"):
            _bound(self.fields[name])

    def clean(self) -> dict:
        data = super().clean()
        check_period(data.get("from"), data.get("to"))
        return data


def check_period(first: date | None, last: date | None) -> None:
    """Refuse a reversed or absurdly long period, saying which."""
    if first and last:
        if last < first:
            raise ValidationError(
                f"The end ({last:%-d %B %Y}) is before the start ({first:%-d %B %Y}): swap them or change one"
            )
        if (last - first).days > MAX_RANGE_DAYS:
            raise ValidationError(f"Choose a period of at most {MAX_RANGE_DAYS // 366} years")
