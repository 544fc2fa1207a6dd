"""Form editors generated from the definitions in ``resources/forms/``."""

from ui.forms.draft import FormDraft
from ui.forms.editor import FormEditor

__all__ = ["FormDraft", "FormEditor"]
