"""Autocomplete fields whose empty choice still has a name screen readers can read.

Django's select2 widget renders an empty placeholder, which leaves an unset optional
field (an article's cover, an author's portrait) without an accessible name.
"""

from django import forms
from django.contrib.admin.widgets import AutocompleteSelect
from django.db import router

EMPTY_CHOICE = "（未选择）"


class NamedAutocompleteSelect(AutocompleteSelect):
    @property
    def media(self):
        return super().media + forms.Media(js=["articles/admin/autocomplete_names.js"])

    def build_attrs(self, base_attrs, extra_attrs=None):
        attrs = super().build_attrs(base_attrs, extra_attrs=extra_attrs)
        attrs["data-placeholder"] = EMPTY_CHOICE  # shown, and read, while nothing is chosen
        return attrs


class NamedAutocompleteMixin:
    """For a ModelAdmin: its `autocomplete_fields` use `NamedAutocompleteSelect`."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request) and "widget" not in kwargs:
            using = kwargs.get("using") or router.db_for_read(db_field.remote_field.model)
            kwargs["widget"] = NamedAutocompleteSelect(db_field, self.admin_site, using=using)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
