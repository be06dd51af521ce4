from django import forms
from django.conf import settings

from beatbook.areas.models import Area


class UploadForm(forms.Form):
    file = forms.FileField(
        label="File to import",
        help_text="A police.uk CSV (street, outcomes or stop-and-search), the police.uk archive zip, or a force "
        "incident export (CSV). police.uk file names like 2023-01-derbyshire-street.csv tell the force and month.",
    )
    force = forms.ModelChoiceField(
        queryset=Area.objects.none(),
        label="Force",
        help_text="Used for force exports and stop-and-search files, whose rows do not name the force",
    )

    def __init__(self, *args, forces=None, **kwargs) -> None:  # noqa: ANN001, ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.fields["force"].queryset = Area.objects.filter(pk__in=[f.pk for f in forces or []])
        if forces and len(forces) == 1:
            self.fields["force"].initial = forces[0].pk

    def clean_file(self):  # noqa: ANN201
        upload = self.cleaned_data["file"]
        limit = settings.UPLOAD_MAX_MB * 1024 * 1024
        if upload.size > limit:
            raise forms.ValidationError(f"The file must be smaller than {settings.UPLOAD_MAX_MB} MB")
        if upload.size == 0:
            raise forms.ValidationError("The selected file is empty")
        head = upload.read(4)
        upload.seek(0)
        if not upload.name.lower().endswith((".csv", ".zip")):
            raise forms.ValidationError("The selected file must be a CSV or a zip")
        if upload.name.lower().endswith(".zip") != (head == b"PK\x03\x04"):
            raise forms.ValidationError("The file's contents do not match its name: a .zip must be a zip, a .csv text")
        return upload
