from __future__ import annotations

from typing import Any

from django import forms


class CommuneScopedForm(forms.ModelForm):
    """A ModelForm whose foreign-key choices are limited to one commune's records."""

    def __init__(self, *args: Any, commune: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.commune = commune
        for field in self.fields.values():
            qs = getattr(field, "queryset", None)
            if qs is not None and any(f.name == "commune" for f in qs.model._meta.fields):
                field.queryset = qs.filter(commune=commune)
