from django import forms

from beatbook.accounts.models import Role
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
