"""Importing seed documents from the admin: upload, read the dry-run report, confirm.

The code path is `import_seeds`'s: each file is parsed by `parse_bytes` under its uploaded
name, then `import_documents` writes everything in one transaction, or rolls it back for
the dry run; new articles are the importing editor's. Importing can overwrite anybody's
articles, so the page is for editors only (`roles.can_change_any`).

Between the report and the confirmation the uploaded bytes wait in the editor's session
(base64, at most `MAX_UPLOAD_BYTES`) and are parsed again on confirm.

The report also shows each article's credits, removed segments and kept body
(`import_review`); the segments the editor marks keep or remove become site rules
(`articles.site_rules`) on confirm, before the files are parsed again and imported.
"""

import base64
import secrets

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from articles import roles, site_rules
from articles.importer import limits
from articles.importer.load import (
    KIND_LABELS,
    KINDS,
    OUTCOME_LABELS,
    OUTCOMES,
    ImportReport,
    import_documents,
)
from articles.importer.parse import ParseError, parse_bytes
from articles.importer.rules import KEEP, REMOVE
from articles.models import Article, SiteRule

from .import_review import choice_of, review

MAX_UPLOAD_MB = 5
MAX_UPLOAD_BYTES = MAX_UPLOAD_MB * 1024 * 1024
SESSION_KEY = "articles.import.pending"
PUBLISHING_STATUSES = {Article.Status.PUBLISHED, Article.Status.ARCHIVED}


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """One or more uploaded files, as a list; empty files reach the parser, which names them."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".txt,text/plain"}))
        super().__init__(allow_empty_file=True, **kwargs)

    def clean(self, data, initial=None):
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if not files and self.required:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        single = super().clean
        return [single(f, initial) for f in files]


class UploadForm(forms.Form):
    files = MultipleFileField(
        label="种子文件",
        help_text=f"一个或多个 .txt 文件（UTF-8 或 GB18030），合计不超过 {MAX_UPLOAD_MB} MB。",
    )
    status = forms.ChoiceField(
        label="新文章的状态",
        choices=Article.Status.choices,
        initial=Article.Status.DRAFT,
        help_text="只影响新建的文章；已导入过的文章保持原状态。",
    )
    force = forms.BooleanField(
        label="覆盖编辑的修改",
        required=False,
        help_text="导入后被编辑改过的文章和术语定义也用文件内容覆盖，被删除的文章重新创建；"
        "已驳回的术语仍保持驳回。",
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if not roles.can_publish(user):
            self.fields["status"].choices = [
                c for c in Article.Status.choices if c[0] not in PUBLISHING_STATUSES
            ]

    def clean_files(self):
        files = self.cleaned_data["files"]
        if sum(f.size for f in files) > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(f"文件合计超过 {MAX_UPLOAD_MB} MB。")
        self.uploads = [(f.name, f.read()) for f in files]
        try:
            self.documents = parse_uploads(self.uploads)
        except ParseError as error:
            raise forms.ValidationError(f"无法解析 {error}") from error
        return files


def parse_uploads(uploads: list[tuple[str, bytes]]):
    """Every upload parsed under its file name, with the editors' site rules, before
    anything is written."""
    rules = site_rules.current()
    return limits.check([parse_bytes(data, name, rules) for name, data in uploads])


def report_rows(report: ImportReport) -> list[tuple[str, list[int]]]:
    return [(KIND_LABELS[k], [report.counts[k][o] for o in OUTCOMES]) for k in KINDS]


def report_summary(report: ImportReport) -> str:
    """The report in one line, for the message after the import."""
    labels = [OUTCOME_LABELS[o] for o in OUTCOMES]
    return ";".join(
        f"{kind} " + "、".join(f"{label} {n}" for label, n in zip(labels, counts, strict=True))
        for kind, counts in report_rows(report)
    )


class ImportAdminMixin:
    """For the article ModelAdmin: the “导入种子文件” page at `import/`."""

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}_import"
        view = self.admin_site.admin_view(self.import_view)
        return [path("import/", view, name=name), *super().get_urls()]

    def has_import_permission(self, request) -> bool:
        """Editors who may add articles; a writer could otherwise overwrite published text."""
        return self.has_add_permission(request) and roles.can_change_any(request.user)

    def changelist_view(self, request, extra_context=None):
        extra_context = {"can_import": self.has_import_permission(request), **(extra_context or {})}
        return super().changelist_view(request, extra_context)

    def import_view(self, request):
        if not self.has_import_permission(request):
            raise PermissionDenied
        if request.method == "POST" and "confirm" in request.POST:
            return self._import_confirmed(request)
        if request.method == "POST":
            form = UploadForm(request.POST, request.FILES, user=request.user)
            if form.is_valid():
                return self._import_dry_run(request, form)
        else:
            request.session.pop(SESSION_KEY, None)  # starting over drops an unconfirmed upload
            form = UploadForm(user=request.user)
        context = self._context(request, "导入种子文件", form=form)
        return TemplateResponse(request, "admin/articles/import_form.html", context)

    def _context(self, request, title, **extra):
        return {
            **self.admin_site.each_context(request),
            "title": title,
            "opts": self.opts,
            "outcome_labels": [OUTCOME_LABELS[o] for o in OUTCOMES],
            **extra,
        }

    def _import_dry_run(self, request, form):
        status, force = form.cleaned_data["status"], form.cleaned_data["force"]
        report = import_documents(
            form.documents, status=status, force=force, dry_run=True, user=request.user
        )
        pending = secrets.token_urlsafe(16)
        request.session[SESSION_KEY] = {
            "id": pending,
            "status": status,
            "force": force,
            "files": [(name, base64.b64encode(data).decode()) for name, data in form.uploads],
        }
        context = self._context(
            request,
            "确认导入",
            pending=pending,
            files=[doc.source for doc in form.documents],
            status_label=Article.Status(status).label,
            force=force,
            rows=report_rows(report),
            skipped=report.skipped,
            kept_deleted=report.kept_deleted,
            changed=report.changed,
            review=review(form.documents),
            rules_url=reverse(f"{self.admin_site.name}:articles_siterule_changelist"),
        )
        return TemplateResponse(request, "admin/articles/import_preview.html", context)

    def _import_confirmed(self, request):
        pending = request.session.get(SESSION_KEY)
        if not pending or request.POST.get("pending") != pending["id"]:
            self.message_user(request, "这次上传已失效，请重新上传文件。", messages.ERROR)
            return redirect(request.path)
        del request.session[SESSION_KEY]
        uploads = [(name, base64.b64decode(data)) for name, data in pending["files"]]
        try:
            with transaction.atomic():  # the editor's rules stand only if the import does
                documents = parse_uploads(uploads)
                taught = self._record_rules(request, documents)
                if taught:  # parsed again under the rules just taught
                    documents = parse_uploads(uploads)
                report = import_documents(
                    documents, status=pending["status"], force=pending["force"], user=request.user
                )
                site_rules.remember(documents, (data for _, data in uploads))
        except ParseError as error:
            self.message_user(request, f"无法解析 {error}", messages.ERROR)
            return redirect(request.path)
        files = "、".join(doc.source for doc in documents)
        self.message_user(
            request, f"导入完成：{files}。{report_summary(report)}。", messages.SUCCESS
        )
        if taught:
            self.message_user(
                request, f"已记下 {taught} 条站点规则，以后从这些站点导入时照此处理。"
            )
        return redirect(
            reverse(
                f"{self.admin_site.name}:{self.opts.app_label}_{self.opts.model_name}_changelist"
            )
        )

    def _record_rules(self, request, documents) -> int:
        """The keep/remove marks of the preview, stored as site rules; how many."""
        count = 0
        for action, name in ((KEEP, "keep"), (REMOVE, "remove")):
            for value in request.POST.getlist(name):
                chosen = choice_of(value, documents)
                if chosen is None:
                    continue
                try:
                    site_rules.record(*chosen, SiteRule.Action(action), request.user)
                except ValueError as error:
                    self.message_user(request, str(error), messages.WARNING)
                    continue
                count += 1
        return count
