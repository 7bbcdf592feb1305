"""Share links on the article change page: the current link, and a page to revoke them all."""

from django.contrib import admin, messages
from django.contrib.admin.utils import flatten_fieldsets, unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html

from articles.editing import revoke_preview
from articles.preview import share_link

LINK_FIELD = "share_preview_link"


class PreviewAdminMixin:
    """For an article ModelAdmin: a read-only “分享预览链接” field and “撤销预览链接”.

    The link is absolute, so it is built from the request when the object is loaded and
    kept on that instance for the field to display.
    """

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}_revoke_preview"
        view = self.admin_site.admin_view(self.revoke_preview_view)
        return [path("<path:object_id>/preview/revoke/", view, name=name), *super().get_urls()]

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is not None:
            obj._share_link = share_link(request, obj)
        return obj

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None and LINK_FIELD not in readonly:
            readonly.append(LINK_FIELD)
        return readonly

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or LINK_FIELD in flatten_fieldsets(fieldsets):
            return fieldsets
        return [*fieldsets, ("预览", {"fields": [LINK_FIELD]})]

    @admin.display(description="分享预览链接")
    def share_preview_link(self, obj):
        url, expires = obj._share_link
        revoke_url = reverse(
            f"{self.admin_site.name}:{self.opts.app_label}_{self.opts.model_name}_revoke_preview",
            args=[obj.pk],
        )
        return format_html(
            "<a href='{}' class='share-preview-link' target='_blank' rel='noopener'>{}</a>"
            "<div class='help'>无需登录即可阅读，有效期至 {}。"
            "<a href='{}' class='revoke-preview-link'>撤销预览链接</a></div>",
            url,
            url,
            date_format(timezone.localtime(expires), "Y年n月j日 H:i"),
            revoke_url,
        )

    def revoke_preview_view(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        change_url = reverse(
            f"{self.admin_site.name}:{self.opts.app_label}_{self.opts.model_name}_change",
            args=[obj.pk],
        )
        if request.method == "POST":
            revoke_preview(obj)
            self.message_user(request, f"已撤销“{obj}”此前分享的所有预览链接。", messages.SUCCESS)
            return redirect(change_url)
        context = {
            **self.admin_site.each_context(request),
            "title": "撤销预览链接",
            "opts": self.opts,
            "object": obj,
            "change_url": change_url,
        }
        return TemplateResponse(request, "admin/articles/article/preview_revoke.html", context)
