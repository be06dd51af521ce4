"""QA 17s: a form sent twice (a double tap, or sent again after a slow answer) is saved once."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest

from beatbook.areas.models import Area
from beatbook.neighbourhoods.models import Priority

pytestmark = pytest.mark.django_db
FORM = "application/x-www-form-urlencoded"  # as a browser sends a form


def test_the_same_form_sent_twice_is_saved_once(client_as) -> None:  # noqa: ANN001
    sergeant = client_as("sergeant")
    staveley = Area.objects.get(code="staveley")
    form = {"neighbourhood": staveley.pk, "issue": "Speeding on Church Street", "planned_action": "Checks",
            "evidence": "survey", "csrfmiddlewaretoken": "the-same-rendered-form"}  # fmt: skip
    first = sergeant.post("/priorities/new/", urlencode(form), content_type=FORM)
    again = sergeant.post("/priorities/new/", urlencode(form), content_type=FORM, follow=True)
    assert first.status_code == 302 and again.redirect_chain[0][0] == first["Location"]
    assert "That form was sent twice: it was saved once." in again.content.decode()
    assert Priority.objects.filter(issue="Speeding on Church Street").count() == 1
    # A different entry, or the same form rendered afresh (a new token), is another record.
    other = sergeant.post("/priorities/new/", urlencode(form | {"issue": "Parking"}), content_type=FORM)
    assert other.status_code == 302 and Priority.objects.filter(issue="Parking").count() == 1


def test_a_refused_form_is_checked_again_when_sent_again(client_as) -> None:  # noqa: ANN001
    sergeant = client_as("sergeant")
    form = urlencode({"issue": "", "csrfmiddlewaretoken": "x"})
    assert sergeant.post("/priorities/new/", form, content_type=FORM).status_code == 200
    assert sergeant.post("/priorities/new/", form, content_type=FORM).status_code == 200  # errors again, not skipped
