"""Template helpers for GOV.UK Frontend markup (loaded as a builtin in every template)."""

from __future__ import annotations

from django import forms, template
from django.utils import timezone

register = template.Library()

_INPUT_CLASSES = {
    forms.Select: "govuk-select",
    forms.SelectMultiple: "govuk-select",
    forms.Textarea: "govuk-textarea",
    forms.FileInput: "govuk-file-upload",
}


@register.filter
def govuk_kind(bound_field: forms.BoundField) -> str:
    """Which GOV.UK pattern a field uses: radios, checkboxes, checkbox or input."""
    widget = bound_field.field.widget
    # CheckboxSelectMultiple subclasses RadioSelect in Django, so it must be tested first.
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    return "input"


def _described_by(bound_field: forms.BoundField) -> str:
    ids = []
    if bound_field.help_text:
        ids.append(f"{bound_field.auto_id}-hint")
    if bound_field.errors:
        ids.append(f"{bound_field.auto_id}-error")
    return " ".join(ids)


@register.simple_tag
def govuk_widget(bound_field: forms.BoundField) -> str:
    """The field's widget with GOV.UK classes, error modifier and aria-describedby."""
    widget = bound_field.field.widget
    base = next((css for kind, css in _INPUT_CLASSES.items() if isinstance(widget, kind)), "govuk-input")
    classes = [base]
    if bound_field.errors:
        classes.append(f"{base}--error")
    if widget.attrs.get("class"):
        classes.append(widget.attrs["class"])
    attrs = {"class": " ".join(classes)}
    described_by = _described_by(bound_field)
    if described_by:
        attrs["aria-describedby"] = described_by
    return bound_field.as_widget(attrs=attrs)


@register.filter
def described_by(bound_field: forms.BoundField) -> str:
    return _described_by(bound_field)


@register.filter
def london(value):
    """An aware datetime shown in Europe/London local time (storage is UTC)."""
    if value is None:
        return ""
    return timezone.localtime(value)


@register.inclusion_tag("components/tag.html")
def govuk_tag(text: str, colour: str = "") -> dict:
    return {"text": text, "colour": colour}


@register.filter
def signed_percent(value: float | None) -> str:
    """+5%, -15%, or a dash where there is nothing to compare with."""
    if value is None or value == "":
        return "–"
    rounded = round(float(value))
    return "0%" if rounded == 0 else f"{rounded:+d}%"  # never "-0%" or "+0%"


@register.filter
def pvalue(value: float | None) -> str:
    """A p-value as people read them: "< 0.001" below 0.001, otherwise two significant figures."""
    if value is None or value == "":
        return ""
    value = float(value)
    if value < 0.001:  # noqa: PLR2004 - the conventional floor for reporting p
        return "< 0.001"
    return f"{value:.2g}"


@register.filter
def percent_signed(value: float | None) -> str:
    """A fraction as a signed percentage: -0.44 → "-44%"."""
    if value is None:
        return "–"
    rounded = round(100 * value)
    return "0%" if rounded == 0 else f"{rounded:+d}%"


# The query parameters that bound a page's period, in the order the line reads; `since` is the start on the
# hotspot programme (QA finding 10: "to 2024-03-31" alone hid the start).
PERIOD_LABELS = {"from": "from", "since": "from", "to": "to", "date": "for", "month": "for"}


@register.simple_tag(takes_context=True)
def print_stamp(context) -> str:  # noqa: ANN001 - a template Context
    """A line only printed pages show: the period asked for (from the page's own query) and when it was printed
    (and by whom, when signed in), so a report on paper says what it covers and how old it is: a public
    scrutiny paper or neighbourhood page as much as a signed-in one."""
    from django.utils.html import format_html

    request = context.get("request")
    if request is None:
        return ""
    user = getattr(request, "user", None)
    period = " ".join(f"{label} {request.GET[key]}" for key, label in PERIOD_LABELS.items() if request.GET.get(key))
    now = timezone.localtime()
    return format_html(
        '<p class="govuk-body-s app-print-only">{}Printed {} at {} (UK time){}.</p>',
        f"Period: {period}. " if period else "",
        f"{now:%-d %B %Y}",
        f"{now:%H:%M}",
        f" by {user.display_name}" if user is not None and user.is_authenticated else "",
    )


@register.simple_tag(takes_context=True)
def table_body(context, table):  # noqa: ANN001, ANN201 - a Context and a beatbook.web.tables.Table
    """The rows of components/table.html's tbody (see beatbook.web.table_html)."""
    from beatbook.web.table_html import table_body as body

    return body(table, context, signed_percent, pvalue)
