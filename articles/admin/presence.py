"""Who else has the article open: a notice on the change form, kept current by a heartbeat."""

from django import forms
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from articles import presence

NOTICE_TEMPLATE = "admin/articles/article/presence_notice.html"


class PresenceAdminMixin:
    """For an article ModelAdmin: records who opens the change form and shows the others,
    on the form and in the changelist.

    Only people who may change the article are recorded. The page's script renews the
    entry every `presence.HEARTBEAT` seconds and refreshes the notice with the answer.
    """

    def _editing_url_name(self) -> str:
        return f"{self.opts.app_label}_{self.opts.model_name}_editing"

    def get_urls(self):
        view = self.admin_site.admin_view(require_POST(self.editing_view))
        return [
            path("<path:object_id>/editing/", view, name=self._editing_url_name()),
            *super().get_urls(),
        ]

    @property
    def media(self):
        return super().media + forms.Media(js=["articles/admin/presence.js"])

    def editing_view(self, request, object_id):
        """The heartbeat: renew the entry and answer with the notice; `leave` removes it."""
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        if request.POST.get("leave"):
            presence.leave(obj.pk, request.user)
            return HttpResponse(status=204)
        presence.touch(obj.pk, request.user)
        others = presence.others(obj.pk, request.user)
        html = render_to_string(NOTICE_TEMPLATE, {"others": others}, request)
        return JsonResponse({"others": len(others), "html": html})

    def get_list_display(self, request):
        """The changelist gains a column naming whoever else has each article open."""

        @admin.display(description="正在编辑")
        def editing_now(obj):
            return "、".join(editor.name for editor in presence.others(obj.pk, request.user))

        return [*super().get_list_display(request), editing_now]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if change and obj is not None and self.has_change_permission(request, obj):
            presence.touch(obj.pk, request.user)
            context.update(
                presence_others=presence.others(obj.pk, request.user),
                presence_url=reverse(
                    f"{self.admin_site.name}:{self._editing_url_name()}", args=[obj.pk]
                ),
                presence_heartbeat=presence.HEARTBEAT,
            )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def response_change(self, request, obj):
        presence.leave(obj.pk, request.user)
        return super().response_change(request, obj)
