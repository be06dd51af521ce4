"""Forms for public scrutiny: the public question form (no sign-in) and the officers' workflow forms."""

from __future__ import annotations

from django import forms
from django.conf import settings

from beatbook.scrutiny.models import Direction, Theme


class QuestionForm(forms.Form):
    name = forms.CharField(max_length=200, label="Your name", help_text="Never published")
    email = forms.EmailField(
        required=False,
        label="Email address (optional)",
        help_text=(
            "Never published. If you give it, you agree that we email you your question's reference now and a link "
            "to the answer when it is published; we delete it "
            f"{settings.SCRUTINY_ASKER_EMAIL_RETENTION_DAYS} days after that"
        ),
    )
    area = forms.ChoiceField(label="Where you live", help_text="Published with your question: 'Resident from …'")
    theme = forms.ChoiceField(choices=Theme.choices, widget=forms.RadioSelect)
    text = forms.CharField(
        label="Your question",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="About policing in general, not a case you are involved in (report those on 101)",
    )
    # Honeypot: hidden from people with CSS and from screen readers; bots fill it in.
    website = forms.CharField(required=False, label="Leave this empty")

    def __init__(self, *args, areas: list[str], **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = [("", "Choose where you live")] + [(a, a) for a in areas]


class ModerateForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("accept", "Accept and send to the force"), ("reject", "Do not accept")], widget=forms.RadioSelect
    )
    reason = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 3}), help_text="Needed when not accepted"
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(widget=forms.Textarea(attrs={"rows": 8}), label="The force's answer")


class CompareForm(forms.Form):
    first = forms.CharField(label="From month", help_text="YYYY-MM, for example 2021-05")
    second = forms.CharField(label="To month", help_text="YYYY-MM, for example 2023-03")


class SectionForm(forms.Form):
    heading = forms.CharField(
        max_length=300, help_text="For example ‘Sub-objective 3: partners working together on ASB’"
    )


class BlockForm(forms.Form):
    section = forms.TypedChoiceField(coerce=int, label="Section")
    html = forms.CharField(
        required=False,
        label="Paragraph",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Paragraphs (<p>), lists (<ul>, <li>), bold and links are kept; anything else is removed",
    )
    element = forms.ChoiceField(required=False, label="Table or measure to insert (optional)")
    caption = forms.CharField(required=False, max_length=300)
    source = forms.CharField(required=False, max_length=300, help_text="Where the figures come from")

    def __init__(self, *args, sections: list, element_choices: list, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.fields["section"].choices = [(s.number, f"{s.number}. {s.heading}") for s in sections]
        self.fields["element"].choices = [("", "None")] + element_choices


class PaperForm(forms.Form):
    title = forms.CharField(max_length=300)
    data_to = forms.CharField(label="Data to (month)", help_text="The last month the tables show, YYYY-MM")

    def clean_data_to(self):  # noqa: ANN201
        from beatbook.crime.periods import parse_month

        try:
            return parse_month(self.cleaned_data["data_to"])
        except ValueError:
            raise forms.ValidationError("Enter the month as YYYY-MM, for example 2022-12") from None


class MeasureValueForm(forms.Form):
    period_end = forms.DateField(label="Period ends", widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}))
    value = forms.FloatField()
    source = forms.CharField(max_length=300, help_text="Who published the figure, and where")
    source_date = forms.DateField(
        label="Published on", widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
    )


class MeetingForm(forms.Form):
    title = forms.CharField(max_length=300, help_text="For example ‘Road safety’")
    date = forms.DateField(widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}))
    start = forms.TimeField(
        label="Start time",
        help_text="UK time, for example 10:00",
        widget=forms.TimeInput(format="%H:%M", attrs={"type": "time"}),
    )
    place = forms.CharField(max_length=200, help_text="An address, or ‘Online’")
    online = forms.BooleanField(required=False, label="Held online")
    priority = forms.ModelChoiceField(queryset=None, required=False, label="Priority in focus", empty_label="None")
    agenda = forms.CharField(widget=forms.Textarea(attrs={"rows": 6}), help_text="One item a line, in order")

    def __init__(self, *args, priorities, **kwargs) -> None:  # noqa: ANN001, ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.fields["priority"].queryset = priorities


class MeasureForm(forms.Form):
    priority = forms.ModelChoiceField(queryset=None, empty_label=None, label="Plan priority")
    name = forms.CharField(max_length=200)
    slug = forms.SlugField(max_length=80, help_text="The measure's web address, for example asb-incidents-rolling-12")
    definition = forms.ChoiceField(label="Counted by", required=False)
    area = forms.CharField(
        max_length=40, required=False, help_text="Area code, for example chesterfield; empty for the whole force"
    )
    direction = forms.ChoiceField(choices=Direction.choices, widget=forms.RadioSelect)
    target = forms.FloatField(required=False)
    how_counted = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For measures entered by hand: what is counted, and from where",
    )

    def __init__(self, *args, priorities, definitions: list, **kwargs) -> None:  # noqa: ANN001, ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.fields["priority"].queryset = priorities
        self.fields["definition"].choices = [("", "Entered by hand")] + definitions


class PlanForm(forms.Form):
    force = forms.ModelChoiceField(queryset=None, empty_label=None)
    title = forms.CharField(max_length=200, help_text="For example ‘Police and Crime Plan 2021 to 2025’")
    starts_on = forms.DateField(
        label="Period starts", widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
    )
    ends_on = forms.DateField(label="Period ends", widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}))

    def __init__(self, *args, forces, **kwargs) -> None:  # noqa: ANN001, ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.fields["force"].queryset = forces

    def clean(self):  # noqa: ANN201
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", "The period must end after it starts")
        return data


class PriorityForm(forms.Form):
    number = forms.IntegerField(min_value=1, max_value=99, help_text="As numbered in the plan, for example 2")
    title = forms.CharField(max_length=200, help_text="For example ‘Neighbourhood crime and anti-social behaviour’")
    description = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 4}))


class PriorityTextForm(forms.Form):
    title = forms.CharField(max_length=200)
    description = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 4}))


class SubObjectiveForm(forms.Form):
    title = forms.CharField(max_length=300, help_text="It is numbered after the priority's last sub-objective")
