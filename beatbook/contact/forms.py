from datetime import date

from django import forms
from django.conf import settings

from beatbook.areas.models import Area
from beatbook.contact import imports
from beatbook.contact.models import ImportKind


def column_help() -> str:
    """Each kind's columns, in the page's own words (the help is in the app, not in a repository file)."""
    columns = {
        ImportKind.CALLS: (imports.CALL_COLUMNS, []),
        ImportKind.INTERVALS: (imports.INTERVAL_COLUMNS, imports.INTERVAL_OPTIONAL),
        ImportKind.HOME_OFFICE: (imports.HOME_OFFICE_COLUMNS, []),
        ImportKind.SOCIAL: (imports.SOCIAL_COLUMNS, imports.SOCIAL_OPTIONAL),
    }
    parts = [
        f"{kind.label}: {', '.join(needed)}" + (f" (optional: {', '.join(optional)})" if optional else "")
        for kind, (needed, optional) in columns.items()
    ]
    return "The columns of each, in a header row. " + "; ".join(parts) + "."


class ContactImportForm(forms.Form):
    kind = forms.ChoiceField(
        label="What the file holds",
        choices=ImportKind.choices,
        help_text=column_help(),
    )
    force = forms.ModelChoiceField(queryset=Area.objects.none(), label="Force")
    as_at = forms.DateField(
        label="Figures as at",
        help_text="The date the source's figures were taken, for example 2023-11-01",
        initial=date.today,
    )
    file = forms.FileField(label="CSV file")

    def __init__(self, *args, forces=None, **kwargs) -> None:  # noqa: ANN001, ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.fields["force"].queryset = Area.objects.filter(pk__in=[f.pk for f in forces or []])
        if forces and len(forces) == 1:
            self.fields["force"].initial = forces[0].pk

    def clean_file(self) -> str:
        """The file's text (UTF-8, with or without a byte-order mark)."""
        upload = self.cleaned_data["file"]
        if upload.size > settings.UPLOAD_MAX_MB * 1024 * 1024:
            raise forms.ValidationError(f"The file must be smaller than {settings.UPLOAD_MAX_MB} MB")
        if not upload.name.lower().endswith(".csv"):
            raise forms.ValidationError("The selected file must be a CSV")
        try:
            return upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise forms.ValidationError("The file must be UTF-8 text: save it as 'CSV UTF-8'") from None
