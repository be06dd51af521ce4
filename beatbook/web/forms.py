"""GOV.UK form rendering: every Django form in Beatbook renders through templates/forms/."""

from django.forms.renderers import TemplatesSetting


class GovukFormRenderer(TemplatesSetting):
    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"
