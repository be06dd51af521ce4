"""The body rows of a GOV.UK table, written in Python: the same markup `components/table.html` wrote with
a template loop, at a fraction of the cost. A force's crime page has about 900 cells, and rendering them
cell by cell through the template language was most of a cached page's time (the load test's bound)."""

from __future__ import annotations

from typing import Any

from django.contrib.humanize.templatetags.humanize import intcomma
from django.template.base import render_value_in_context
from django.template.context import Context
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe


def table_body(table: Any, context: Context, signed_percent: Any, pvalue: Any) -> SafeString:
    """`<tr>`s for `table.cells()` (the first cell of a row a row header), or one "Nothing to show." row.
    Values are escaped and localised as `{{ value }}` would be; `signed_percent` and `pvalue` are the
    template filters of the same names."""
    rows = table.cells()
    if not rows:
        return mark_safe(  # noqa: S308 - only a number is inserted
            '<tr class="govuk-table__row"><td class="govuk-table__cell" '
            f'colspan="{len(table.columns)}">Nothing to show.</td></tr>'
        )
    out = []
    for row in rows:
        out.append('<tr class="govuk-table__row">')
        for position, cell in enumerate(row):
            if position == 0:
                out.append('<th scope="row" class="govuk-table__header">')
            elif cell["numeric"]:
                out.append('<td class="govuk-table__cell govuk-table__cell--numeric">')
            else:
                out.append('<td class="govuk-table__cell">')
            out.append(_cell(cell, context, signed_percent, pvalue))
            out.append("</th>" if position == 0 else "</td>")
        out.append("</tr>\n")
    return mark_safe("".join(out))  # noqa: S308 - every value above is escaped


def _cell(cell: dict[str, Any], context: Context, signed_percent: Any, pvalue: Any) -> str:
    value = cell["value"]
    if cell["url"]:
        shown = "" if value is None else _plain(value, context)
        return f'<a class="govuk-link" href="{conditional_escape(cell["url"])}">{shown}</a>'
    if cell["change"]:
        note = cell["note"]
        note_html = f'<br><span class="govuk-body-xs app-note">{conditional_escape(note)}</span>' if note else ""
        return conditional_escape(signed_percent(value)) + note_html
    if cell["p_value"]:
        return conditional_escape(pvalue(value))
    if cell["numeric"] and value is not None:
        return grouped(value)
    return "" if value is None else _plain(value, context)


def grouped(value: Any) -> str:
    """`value` as humanize's `intcomma` writes it in en-GB ("12,345", "-1,234.5"), escaped: ints and plain
    floats by str.format (a page has thousands of them, and `intcomma` costs ~15 µs each in locale lookups);
    anything else (Decimals, floats written with an exponent, nan, text) by `intcomma` itself."""
    kind = type(value)
    if kind is int:
        return f"{value:,}"
    if kind is float:
        text = repr(value)  # what Django's number_format starts from: "1234.5", "-0.25", "1e+16", "nan"
        if "e" not in text and "n" not in text:
            whole, _, fraction = text.partition(".")
            sign = "-" if whole.startswith("-") else ""
            return f"{sign}{int(whole.lstrip('-')):,}.{fraction}"
    return conditional_escape(intcomma(value))


def _plain(value: Any, context: Context) -> str:
    """`{{ value }}`: text escaped, ints as digits (USE_THOUSAND_SEPARATOR is off), the rest localised."""
    kind = type(value)
    if kind is str and context.autoescape:
        return conditional_escape(value)
    if kind is int:
        return str(value)
    return render_value_in_context(value, context)
