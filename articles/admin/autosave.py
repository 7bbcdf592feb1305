"""Unsubmitted text of the article form kept in the browser and offered back on return."""

from django import forms


class AutosaveAdminMixin:
    """For an article ModelAdmin: `autosave.js` on the add and change forms.

    The script keeps title, standfirst and body in the browser's localStorage, per user
    and page address, until the form is submitted or the user signs out; reopening the
    page offers to restore them, with the version they started from, so a clash with
    someone else's save is still caught and merged by `ArticleAdminForm`.
    """

    @property
    def media(self):
        return super().media + forms.Media(js=["articles/admin/autosave.js"])
