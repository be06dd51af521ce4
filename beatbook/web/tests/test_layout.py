from __future__ import annotations

import re
import subprocess
import sys

from django import forms
from django.template import Context, Template
from django.test import Client


def test_pages_use_the_generic_header_and_no_crown(client_as) -> None:
    page = client_as("inspector").get("/").content.decode()
    assert "govuk-generic-header" in page and "govuk-crest" not in page and "govuk-logo" not in page
    assert 'href="#main-content"' in page and "govuk-phase-banner" in page and "govuk-footer" in page


def test_navigation_follows_the_role(client_as) -> None:
    assert b">Audit log<" in client_as("inspector").get("/").content
    assert b">Audit log<" not in client_as("pcso").get("/").content
    assert b">Users<" in client_as("admin").get("/").content
    assert b">Users<" not in client_as("inspector").get("/").content


def test_every_page_sends_security_headers(client_as) -> None:
    response = client_as("inspector").get("/")
    policy = response.headers["Content-Security-Policy"]
    assert "object-src 'none'" in policy and "base-uri 'none'" in policy and "nonce-" in policy
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Correlation-ID"]


class ExampleForm(forms.Form):
    name = forms.CharField(help_text="Your full name")
    method = forms.ChoiceField(choices=[("a", "Patrol"), ("b", "Meeting")], widget=forms.RadioSelect)
    groups = forms.MultipleChoiceField(choices=[("y", "Young people")], widget=forms.CheckboxSelectMultiple)
    notes = forms.CharField(widget=forms.Textarea)


def test_every_form_renders_as_govuk_widgets_with_errors_linked() -> None:
    form = ExampleForm(data={})
    html = Template("{{ form }}{% include 'components/error_summary.html' %}").render(Context({"form": form}))
    assert 'class="govuk-input govuk-input--error"' in html
    assert 'aria-describedby="id_name-hint id_name-error"' in html
    assert "govuk-radios__input" in html and "govuk-checkboxes__input" in html and "govuk-textarea" in html
    assert 'href="#id_name"' in html and "There is a problem" in html


def test_errors_show_a_reference_and_no_traceback(db) -> None:
    response = Client().get("/areas/no-such-area/")
    assert response.status_code == 302  # anonymous: sign in first
    response = Client().get("/no/such/page/")
    assert response.status_code == 404 and b"Page not found" in response.content
    assert b"Traceback" not in response.content


def test_production_refuses_to_start_without_a_secret_key() -> None:
    env = {"DEBUG": "false", "ALLOWED_HOSTS": "beatbook.example.org", "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [sys.executable, "-m", "beatbook", "check"], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode != 0 and "SECRET_KEY is not set" in result.stderr


def test_production_settings_pass_the_deploy_check() -> None:
    env = {
        "DEBUG": "false",
        "ALLOWED_HOSTS": "beatbook.example.org",
        "PATH": "/usr/bin:/bin",
        "SECRET_KEY": "k" * 10 + "production-secret-key-with-plenty-of-variety-0123456789",
    }
    result = subprocess.run(
        [sys.executable, "-m", "beatbook", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_bad_boolean_setting_says_what_is_wrong() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "beatbook", "check"],
        env={"DEBUG": "maybe", "PATH": "/usr/bin"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert "DEBUG must be true or false" in result.stderr


def test_the_download_links_on_a_page_return_its_table(client_as) -> None:  # noqa: ANN001
    import re
    from html import unescape

    page = client_as("inspector").get("/areas/chesterfield/lsoas/").content.decode()
    links = [unescape(href) for href in re.findall(r'href="(\?[^"]*format=(?:csv|json)[^"]*)"', page)]
    assert len(links) == 2 and all(not link.startswith("??") for link in links)
    csv_response = client_as("inspector").get("/areas/chesterfield/lsoas/" + links[0])
    assert csv_response["Content-Type"].startswith("text/csv") and csv_response.content.startswith(b"code,name")
    assert client_as("inspector").get("/areas/chesterfield/lsoas/" + links[1]).json()["table"] == "chesterfield-lsoas"


def test_figures_say_what_they_are() -> None:
    from beatbook.web.tables import significance_note
    from beatbook.web.templatetags.govuk import pvalue, signed_percent

    assert signed_percent(-0.3) == "0%" and signed_percent(-0.6) == "-1%" and signed_percent(12.4) == "+12%"
    assert pvalue(0.0004) == "< 0.001" and pvalue(0.0123) == "0.012" and pvalue(None) == ""
    assert significance_note(6, 4) == "p = 0.75, may be chance"  # +50%, but 4 to 6 means little
    assert significance_note(30, 10) == "p = 0.0022"
    assert significance_note(40, 2) == "p < 0.001"
    assert significance_note(500, 400) == ""  # large counts: no note
    assert significance_note(5, 0) == "" and significance_note(None, 3) == ""


def test_no_negative_zero_in_the_twins() -> None:
    from beatbook.web.tables import Column, Table

    table = Table("t", "T", [Column("change", "% change", True, True)], [{"change": -0.0}])
    assert table.as_json()["rows"] == [{"change": 0.0}] and "-0" not in table.as_csv()


def test_the_glossary_explains_the_terms_pages_use(client) -> None:  # noqa: ANN001
    page = client.get("/glossary/").content.decode()
    for anchor in ("gi-star", "lsoa", "pai", "nsir", "bng", "significance", "dosage"):
        assert f'id="{anchor}"' in page, anchor


def test_downloads_are_named_with_area_table_and_period(client_as) -> None:  # noqa: ANN001
    from datetime import timedelta

    from django.utils import timezone

    response = client_as("inspector").get(
        "/areas/chesterfield/engagement/?from=2026-01-01&to=2026-03-31&format=csv&table=by-group"
    )
    assert (
        response["Content-Disposition"] == 'attachment; filename="chesterfield_by-group_2026-01-01_to_2026-03-31.csv"'
    )
    # The default period names itself too (tests/test_download_names.py has every page): the briefing's
    # hotspots behind on patrols are those of the four weeks to today, whatever the query says of months.
    today = timezone.localdate()
    default = client_as("inspector").get("/areas/chesterfield/tasking/?format=json&table=behind")
    four_weeks = f"{today - timedelta(days=27):%Y-%m-%d}_to_{today:%Y-%m-%d}"
    assert default["Content-Disposition"] == f'attachment; filename="chesterfield_behind_{four_weeks}.json"'
    # Periods named by kind say so: every page taking years, a financial year or a date names it.
    for url, name in [
        ("/areas/chesterfield/stop-and-search/?calendar_years=2021-2022&table=by-month", "calendar-years-2021-2022"),
        ("/areas/chesterfield/outcomes/?year_ending=2023-03&years=2&table=burglary", "year-ending-2023-03_years-2"),
        ("/areas/chesterfield/case-reviews/?year=2022-23&table=by-local-authority", "fy-2022-23"),
        ("/areas/chesterfield/workforce/?on=2023-03-31&table=uplift", "uplift_2023-03-31"),
        ("/areas/chesterfield/hotspot-programme/?since=2023-04-01&table=hotspot-programme", "2023-04-01"),
    ]:
        response = client_as("analyst").get(f"{url}&format=csv")
        assert name in response.get("Content-Disposition", ""), (url, response.status_code, response.content[:200])


def test_long_lists_are_filtered_totalled_and_paged(rf) -> None:  # noqa: ANN001
    from django.template.loader import render_to_string

    from beatbook.web.tables import Column, Table, _apply_request

    def table() -> Table:
        rows = [{"place": f"Street {i}", "n": i} for i in range(120)]
        return Table(
            "places", "Places", [Column("place", "Place"), Column("n", "N", True)], rows, links={(5, "place"): "/five/"}
        )

    paged = table()
    _apply_request(paged, rf.get("/x/?places-page=2&to=2026-05"), paginate=True)
    html = render_to_string("components/table.html", {"table": paged}, request=rf.get("/x/?places-page=2"))
    assert "Street 50" in html and "Street 49<" not in html and "Street 100" not in html
    assert "120 rows in all; showing 51 to 100." in html and "Page 2 of 3" in html
    assert paged.page_urls == {"previous": "?places-page=1&to=2026-05", "next": "?places-page=3&to=2026-05"}
    assert ("to", "2026-05") in paged.keep_params  # the filter form keeps the page's period
    filtered = table()
    _apply_request(filtered, rf.get("/x/?places-q=street 5"), paginate=True)
    assert [row["n"] for row in filtered.rows] == [5, *range(50, 60)]
    assert filtered.links == {(0, "place"): "/five/"}  # links follow their rows
    twin = table()
    _apply_request(twin, rf.get("/x/?places-q=street 5&format=csv"), paginate=False)
    assert len(twin.rows) == 11 and twin.page == 1  # the twins have the same filter, and every row


def test_help_is_in_the_app_not_in_repository_files(client_as) -> None:  # noqa: ANN001
    """Issue 17 item 4: help text explains terms and formats itself; no page sends people to a repository's
    Markdown files."""
    pages = [
        ("analyst", "/contact/imports/"),
        ("analyst", "/data/imports/"),
        ("hr", "/areas/derbyshire/workforce/import/"),
        ("analyst", "/glossary/"),
        ("analyst", "/areas/derbyshire/hotspots/"),
    ]
    for role, url in pages:
        page = client_as(role).get(url).content.decode()
        assert not re.search(r"docs/[\w-]+\.md|\.md\b|github\.com", page), url
    contact = client_as("analyst").get("/contact/imports/").content.decode()
    assert "call_id, line, offered_at" in contact and "platform, handle, scope" in contact


def test_a_long_list_kept_short_on_screen_has_its_total_and_pages() -> None:
    """QA 17s: a list with a display limit (a force's 2,534 people, 200 on screen) said "Showing the first
    200" with no total when filtered and no way to row 201 but a download; it now pages."""
    from django.template.loader import render_to_string
    from django.test import RequestFactory

    from beatbook.web.tables import Column, Table, _apply_request

    def people() -> Table:
        rows = [{"name": f"Officer {n:03}"} for n in range(1, 251)]
        return Table("people", "People", [Column("name", "Name")], rows, display_limit=200)

    table = people()
    request = RequestFactory().get("/", {"people-page": "2"})
    _apply_request(table, request, paginate=True)
    html = render_to_string("components/table.html", {"table": table, "request": request, "twins": False})
    assert "250 rows in all; showing 201 to 250" in html and "Page 2 of 2" in html
    assert "Officer 201" in html and "Officer 200<" not in html
    filtered = people()
    _apply_request(filtered, RequestFactory().get("/", {"people-q": "Officer 24"}), paginate=True)
    html = render_to_string("components/table.html", {"table": filtered, "request": request, "twins": False})
    assert "10 of 250 rows match ‘Officer 24’" in html
