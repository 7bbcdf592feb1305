"""The image library in the admin: a searchable grid, multi-file upload, usage before
deletion. Writers (作者) upload, see the whole library and edit their own images; editors
(编辑) manage every image."""

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.options import IS_POPUP_VAR, SOURCE_MODEL_VAR, TO_FIELD_VAR
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.views.decorators.http import require_POST

from articles import editing

from . import fetch, library, usage
from .models import Image

CHANGE_ANY = "media.change_any_image"
POPUP_FIELDS = (IS_POPUP_VAR, TO_FIELD_VAR, SOURCE_MODEL_VAR)
PICKER_SIZE = 24


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    change_list_template = "admin/media/image/change_list.html"  # a grid of thumbnails
    list_display = ["alt_text", "caption", "size", "uploaded_by", "uploaded_at"]
    list_select_related = ["uploaded_by"]
    list_per_page = 48
    actions = None  # deleting is one at a time, after seeing where the image is used
    search_fields = ["alt_text", "caption", "credit"]
    search_help_text = "搜索替代文字、图注和图片来源（可输入中文词语的任意部分）。"
    date_hierarchy = "uploaded_at"
    fields = [
        "large_preview",
        "alt_text",
        "caption",
        "credit",
        ("focal_x", "focal_y"),
        "size",
        "uploaded_by",
        "uploaded_at",
        "used_in",
    ]
    readonly_fields = ["large_preview", "size", "uploaded_by", "uploaded_at", "used_in"]

    class Media:
        css = {"all": ["media/admin/media.css"]}
        js = ["media/admin/focal_point.js"]

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("upload/", wrap(self.upload_view), name="media_image_upload"),
            path("picker/", wrap(self.picker_view), name="media_image_picker"),
            path("fetch/", wrap(require_POST(self.fetch_view)), name="media_image_fetch"),
            *super().get_urls(),
        ]

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        if obj is None or not allowed:
            return allowed
        return request.user.has_perm(CHANGE_ANY) or obj.uploaded_by_id == request.user.pk

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (
            obj is None or not usage.published_articles_using(obj).exists()
        )

    def add_view(self, request, form_url="", extra_context=None):
        """The upload page; from a cover or portrait field's “+”, in its popup window."""
        query = request.GET.urlencode()
        return redirect(reverse("admin:media_image_upload") + (f"?{query}" if query else ""))

    def save_model(self, request, obj, form, change):
        moved = {"focal_x", "focal_y"} & set(form.changed_data)
        with transaction.atomic():
            if moved:
                focal = (obj.focal_x, obj.focal_y)
                obj.focal_x, obj.focal_y = form.initial["focal_x"], form.initial["focal_y"]
                library.refocus(obj, *focal)
            super().save_model(request, obj, form, change)
            if change and form.changed_data:
                editing.render_again(usage.articles_using(obj))

    def delete_model(self, request, obj):
        with transaction.atomic():
            showing = list(usage.articles_using(obj))
            library.remove(obj)
            editing.render_again(showing)

    def render_delete_form(self, request, context):
        context["usage"] = usage.articles_using(context["object"])
        return super().render_delete_form(request, context)

    @admin.display(description="预览")
    def large_preview(self, obj):
        article = obj.article
        return format_html(
            '<span class="media-focal"><img src="{}" width="{}" height="{}" alt="{}" '
            'class="media-preview"><span class="media-focal__mark" hidden></span></span>'
            '<span class="help">点击图片设置焦点。</span>',
            article.src,
            article.width,
            article.height,
            obj.alt_text,
        )

    @admin.display(description="尺寸")
    def size(self, obj):
        return f"{obj.width}×{obj.height}，{obj.file_size / 1024:.0f} KB"

    @admin.display(description="使用情况")
    def used_in(self, obj):
        articles = list(usage.articles_using(obj))
        authors = list(usage.authors_using(obj))
        if not articles and not authors:
            return "未被使用。"
        labels = [_usage_label(article, obj) for article in articles]
        labels += [f"作者“{author.name}”的头像" for author in authors]
        return format_html(
            "<ul class='media-usage'>{}</ul>",
            format_html_join("", "<li>{}</li>", ((label,) for label in labels)),
        )

    def upload_view(self, request):
        """GET: the upload page. POST: store the files in `files`; JSON for scripts
        (`Accept: application/json`), else a message per file and back to the library."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        if request.method != "POST":
            return self._upload_page(request)
        if IS_POPUP_VAR in request.POST:
            return self._upload_in_popup(request)
        results = [_store(upload, request.user) for upload in request.FILES.getlist("files")]
        if not results:
            results = [{"ok": False, "error": "没有收到文件。"}]
        if "application/json" in request.headers.get("Accept", ""):
            status = 200 if all(r["ok"] for r in results) else 400
            return JsonResponse({"results": results}, status=status)
        for result in results:
            level = messages.SUCCESS if result["ok"] else messages.ERROR
            self.message_user(request, result.get("message") or result["error"], level)
        return redirect("admin:media_image_changelist")

    def _upload_page(self, request, error=""):
        popup = {name: request.GET.get(name, "") for name in POPUP_FIELDS if name in request.GET}
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "上传图片",
            "max_mb": round(settings.MEDIA_MAX_UPLOAD_BYTES / 1e6),
            "is_popup": IS_POPUP_VAR in popup,
            "popup_fields": popup.items(),
            "error": error,
        }
        return TemplateResponse(request, "admin/media/image/upload.html", context)

    def _upload_in_popup(self, request):
        """One file for the field that opened the popup: it is chosen there once stored."""
        upload = request.FILES.get("files")
        if upload is None:
            return self._upload_page(request, "没有收到文件。")
        try:
            image, _ = library.add(upload, request.user)
        except library.UploadRefused as refused:
            return self._upload_page(request, str(refused))
        return self.response_add(request, image)

    def fetch_view(self, request):
        """POST `url`: fetch another site's picture into the library, checked as an
        upload; JSON as for an upload, with `url` echoed so the editor can replace it."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        url = request.POST.get("url", "").strip()
        try:
            image, created = fetch.fetch_into_library(url, request.user)
        except fetch.FetchRefused as refused:
            return JsonResponse({"ok": False, "url": url, "error": str(refused)}, status=400)
        verb = "已取回到图库" if created else "图库中已有同一张图片，未重复保存"
        message = f"“{url}”{verb}（#{image.pk}）。"
        return JsonResponse(
            {"ok": True, "url": url, "created": created, "message": message, **_describe(image)}
        )

    def picker_view(self, request):
        """JSON list of library images for the article editor's 插图 dialog (`q` searches)."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        images = self.get_queryset(request)
        images, _ = self.get_search_results(request, images, request.GET.get("q", "").strip())
        return JsonResponse({"images": [_describe(image) for image in images[:PICKER_SIZE]]})


def _usage_label(article, image) -> str:
    where = "封面" if article.cover_id == image.pk else "正文插图"
    return f"《{article.title}》（{article.get_status_display()}，{where}）"


def _store(upload, user) -> dict:
    try:
        image, created = library.add(upload, user)
    except library.UploadRefused as refused:
        return {"ok": False, "name": refused.file_name, "error": str(refused)}
    verb = "已上传" if created else "图库中已有同一张图片，未重复保存"
    return {
        "ok": True,
        "created": created,
        "message": f"“{upload.name}”{verb}（#{image.pk}）。",
        **_describe(image),
    }


def figure_markdown(image) -> str:
    """The Markdown that shows `image` as a figure, its alt text and caption filled in."""
    alt = image.alt_text.replace("]", "］")
    caption = image.caption.replace('"', "”")
    return f"![{alt}](media:{image.pk}{f' "{caption}"' if caption else ''})"


def _describe(image) -> dict:
    return {
        "id": image.pk,
        "alt": image.alt_text,
        "caption": image.caption,
        "thumb": image.thumb.src,
        "width": image.width,
        "height": image.height,
        "markdown": figure_markdown(image),
        "edit": reverse("admin:media_image_change", args=[image.pk]),
    }
