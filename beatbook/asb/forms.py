"""Forms for the ASB register and the Case Review, including the public application form."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from beatbook.areas.models import Area
from beatbook.asb.models import Channel, Power, PowerUse, SubjectKind
from beatbook.web.forms import DateField

MAX_SUBJECT_AGE = 120
MAX_DURATION_HOURS = 24 * 365  # a year: longer than any power's direction, notice or order


class PowerUseForm(forms.Form):
    area = forms.ModelChoiceField(queryset=Area.objects.none(), label="Where", empty_label=None)
    power = forms.ChoiceField(choices=Power.choices, label="Tool or power")
    subject_kind = forms.ChoiceField(choices=SubjectKind.choices, widget=forms.RadioSelect, label="Used against")
    subject = forms.CharField(max_length=200, help_text="Name or address (seen by police and partner roles only)")
    subject_age = forms.IntegerField(
        required=False, min_value=0, max_value=MAX_SUBJECT_AGE, label="Age on the day (a person)"
    )
    agency = forms.CharField(max_length=120)
    issued_on = DateField(label="Issued or applied on")
    duration_hours = forms.IntegerField(
        required=False, min_value=1, max_value=MAX_DURATION_HOURS, label="Duration (hours)"
    )
    expires_on = DateField(required=False, label="Expires on")
    review_on = DateField(required=False, label="Review on")
    interim = forms.BooleanField(required=False, label="Interim injunction")
    prior_warning = forms.ModelChoiceField(
        queryset=PowerUse.objects.none(), required=False, label="The written warning given first (for a CPN)"
    )

    def __init__(self, *args, areas=None, warnings=None, **kwargs) -> None:  # noqa: ANN001, ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas
        self.fields["prior_warning"].queryset = warnings


class LocalAuthorityChoiceMixin:
    def set_authorities(self, authorities: list) -> None:  # noqa: ANN001
        self.fields["local_authority"].choices = [(la.code, la.name) for la in authorities]


class PublicCaseReviewForm(LocalAuthorityChoiceMixin, forms.Form):
    local_authority = forms.ChoiceField(label="Which council area is it in?")
    applicant_name = forms.CharField(max_length=200, label="Your full name")
    applicant_contact = forms.CharField(max_length=200, label="Phone number or email address")
    applicant_postcode = forms.CharField(max_length=10, required=False, label="Postcode (optional)")
    on_behalf_of_someone_else = forms.BooleanField(required=False, label="I am applying for someone else")
    description = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
        label="What has been happening?",
        help_text="Say when it started, how often it happens and who you have reported it to",
    )
    # A honeypot: hidden from people (and from assistive technology), filled in by spam robots.
    website = forms.CharField(
        required=False,
        label="Leave this blank",
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args, authorities=(), **kwargs) -> None:  # noqa: ANN001, ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.set_authorities(list(authorities))


class StaffCaseReviewForm(LocalAuthorityChoiceMixin, forms.Form):
    local_authority = forms.ChoiceField(label="Local authority")
    channel = forms.ChoiceField(
        choices=[c for c in Channel.choices if c[0] != Channel.ONLINE], widget=forms.RadioSelect
    )
    received_on = DateField(label="Received on")
    applicant_name = forms.CharField(max_length=200)
    applicant_contact = forms.CharField(max_length=200, label="Phone or email")
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, authorities=(), **kwargs) -> None:  # noqa: ANN001, ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.set_authorities(list(authorities))


class ComplaintForm(forms.Form):
    incident_on = DateField(label="Behaviour happened on")
    reported_on = DateField(label="Reported on")
    agency = forms.CharField(max_length=120, label="Reported to")

    def clean(self) -> dict:
        data = super().clean()
        if data.get("incident_on") and data.get("reported_on") and data["reported_on"] < data["incident_on"]:
            raise ValidationError("The report must be on or after the day of the behaviour")
        return data


class DecisionForm(forms.Form):
    decided_on = DateField(label="Decided on")
    spoc = forms.CharField(max_length=200, required=False, label="Single point of contact")
    discretionary = forms.BooleanField(required=False, label="Hold a review even if the threshold is not met")


class ReviewForm(forms.Form):
    held_on = DateField(label="Review held on")
    victim_consulted = forms.BooleanField(required=False, label="The victim was consulted on the action plan")
    recommendation = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)
    owner = forms.CharField(max_length=120, required=False, label="Recommendation owner")
    due_on = DateField(required=False, label="Recommendation due")


class EscalateForm(forms.Form):
    escalated_on = DateField(label="Referred on")
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label="Why the applicant is dissatisfied")
