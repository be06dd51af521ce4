import re

from django import forms
from django.contrib.auth.password_validation import validate_password

from beatbook.accounts.models import Role, User
from beatbook.areas.models import Area


class LoginForm(forms.Form):
    username = forms.CharField(
        max_length=150, widget=forms.TextInput(attrs={"autocomplete": "username", "spellcheck": "false"})
    )
    password = forms.CharField(max_length=1024, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))


class ApiTokenForm(forms.Form):
    name = forms.CharField(max_length=100, label="Token name", help_text="What it is for, for example ‘my phone’")


class MembershipForm(forms.Form):
    role = forms.ChoiceField(choices=Role.choices)
    area = forms.ModelChoiceField(queryset=Area.objects.none(), help_text="The role reaches this area and all below it")

    def __init__(self, *args, areas=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas if areas is not None else Area.objects.none()
        self.fields["area"].label_from_instance = lambda area: f"{'— ' * (len(area.ancestor_ids) - 1)}{area.name}"


class CodeForm(forms.Form):
    """A 6-digit authenticator code (or, when signing in, a recovery code)."""

    code = forms.CharField(
        max_length=20,
        label="Code",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "spellcheck": "false", "inputmode": "text"}),
    )

    def __init__(self, *args, recovery: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["code"].help_text = (
            "The 6-digit code your authenticator app shows now, or one of your recovery codes"
            if recovery
            else "The 6-digit code your authenticator app shows now"
        )


class ReplaceAuthenticatorForm(CodeForm):
    """Moving to a new authenticator: a code from the current one first (ASVS 5.0 7.5.1)."""

    current_code = forms.CharField(
        max_length=20,
        label="Code from your current authenticator app",
        help_text="Or one of your recovery codes",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "spellcheck": "false"}),
    )
    field_order = ["current_code", "code"]


class NewUserForm(MembershipForm):
    username = forms.CharField(max_length=150, help_text="Letters, digits and . _ - only, for example ‘pc.smith’")
    first_name = forms.CharField(max_length=150)
    last_name = forms.CharField(max_length=150)
    email = forms.EmailField(max_length=254, help_text="The link to set a password is sent here")
    organisation = forms.CharField(max_length=200, required=False, help_text="For partner agency users only")
    field_order = ["username", "first_name", "last_name", "email", "organisation", "role", "area"]

    def clean_username(self) -> str:
        username = self.cleaned_data["username"].strip()
        if not re.fullmatch(r"[A-Za-z0-9._-]+", username):
            raise forms.ValidationError("Use only letters, digits, full stops, underscores and hyphens")
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError("That username is taken: choose another")
        return username


class SetPasswordForm(forms.Form):
    password = forms.CharField(
        max_length=1024,
        label="New password",
        help_text="At least 12 characters; not a common password",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    confirm = forms.CharField(
        max_length=1024,
        label="Confirm new password",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, user: User, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean(self) -> dict:
        data = super().clean()
        password, confirm = data.get("password"), data.get("confirm")
        if password and confirm and password != confirm:
            self.add_error("confirm", "Enter the same password twice")
        elif password:
            try:
                validate_password(password, self.user)
            except forms.ValidationError as error:
                self.add_error("password", error)
        return data
