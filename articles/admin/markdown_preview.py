"""The Markdown editor of the article form: a toolbar and a live preview.

The preview is rendered by the same code as the article page (`render_markdown`, then the
published glossary linked in). Without JavaScript the field is a plain textarea.
"""

from django.contrib.admin.widgets import AdminTextareaWidget
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.templatetags.static import static
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from articles.rendering import render_markdown
from glossary.linking import current_matcher
from media.editor import EDITOR_SCRIPTS, EDITOR_STYLES, editor_attrs

MARKDOWN_FIELDS = ("body",)


def render_preview(source: str) -> str:
    """`source` as the article page shows it: sanitised HTML with glossary links."""
    return current_matcher().link(render_markdown(source))


class MarkdownEditorWidget(AdminTextareaWidget):
    class Media:
        css = {"all": ["articles/admin/markdown_editor.css", *EDITOR_STYLES]}
        js = [*EDITOR_SCRIPTS, "articles/admin/markdown_editor.js"]


class MarkdownPreviewAdminMixin:
    """For an article ModelAdmin: the editor widget on the body and its preview endpoint."""

    def _preview_url_name(self) -> str:
        return f"{self.opts.app_label}_{self.opts.model_name}_markdown_preview"

    def get_urls(self):
        view = self.admin_site.admin_view(require_POST(self.markdown_preview_view))
        return [
            path("markdown-preview/", view, name=self._preview_url_name()),
            *super().get_urls(),
        ]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name in MARKDOWN_FIELDS:
            kwargs["widget"] = MarkdownEditorWidget(
                attrs={
                    "class": "vLargeTextField markdown-editor",
                    "data-preview-url": reverse(
                        f"{self.admin_site.name}:{self._preview_url_name()}"
                    ),
                    "data-glossary-url": reverse(
                        f"{self.admin_site.name}:glossary_glossaryentry_changelist"
                    ),
                    **editor_attrs(self.admin_site.name),
                    "data-site-css": static("articles/site.css"),
                }
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def markdown_preview_view(self, request):
        """JSON `{"html": …}` for the posted `text`; staff who may add or change articles."""
        if not (self.has_add_permission(request) or self.has_change_permission(request)):
            raise PermissionDenied
        return JsonResponse({"html": render_preview(request.POST.get("text", ""))})
