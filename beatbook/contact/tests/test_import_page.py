"""The import page: an analyst uploads a file; a file with problems imports nothing and lists them."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from beatbook.areas.models import Area
from beatbook.contact.models import ContactImport, IntervalFigure

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).parent / "fixtures"


def _post(client, text: str, kind: str = "intervals"):  # noqa: ANN001, ANN202
    force = Area.objects.get(code="derbyshire")
    upload = SimpleUploadedFile("figures.csv", text.encode(), content_type="text/csv")
    return client.post("/contact/imports/", {"kind": kind, "force": force.pk, "as_at": "2023-11-01", "file": upload})


def test_an_analyst_imports_a_file(client_as):
    client = client_as("analyst")
    response = _post(client, (FIXTURES / "intervals.csv").read_text())
    assert response.status_code == 302
    assert IntervalFigure.objects.count() == 5
    assert "figures.csv" in client.get("/contact/imports/").content.decode()


def test_a_file_with_problems_imports_nothing_and_lists_them(client_as):
    text = (
        "line,period,offered,answered_within,abandoned,mean_wait_seconds\n999,2022-04,10,1,0,5\n112,2022-05,1,1,1,1\n"
    )
    response = _post(client_as("admin"), text)
    assert response.status_code == 400
    assert "Line 3: line &#x27;112&#x27; is not configured" in response.content.decode()
    assert ContactImport.objects.count() == 0
