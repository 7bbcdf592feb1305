"""Importing seed documents from the admin: upload, read the dry-run report, confirm.

The code path is `import_seeds`'s (`parse_bytes`, then `import_documents`), run by
background tasks (`articles.import_jobs`): the upload becomes an import job, whose page
shows the task's progress, then the dry-run report to confirm, then the result. The report
lists near-duplicates of existing articles (linked to them unless the editor ticks
“separate”) and, per article, its credits, removed segments and kept body
(`articles.import_review`); the segments the editor marks keep or remove become site rules
(`articles.site_rules`) when the import runs. Importing
can overwrite anybody's articles, so the pages are for editors only
(`roles.can_change_any`), and a job's pages for the editor who uploaded it.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from articles import import_jobs, roles
from articles.importer.report import OUTCOME_LABELS, OUTCOMES
from articles.models import Article, ImportJob

MAX_UPLOAD_MB = 5
MAX_UPLOAD_BYTES = MAX_UPLOAD_MB * 1024 * 1024
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
        return files


class ImportAdminMixin:
    """For the article ModelAdmin: the “导入种子文件” page at `import/` and each upload's
    page at `import/<id>/` (progress, report to confirm, result)."""

    def get_urls(self):
        prefix = f"{self.opts.app_label}_{self.opts.model_name}_import"
        wrap = self.admin_site.admin_view
        return [
            path("import/", wrap(self.import_view), name=prefix),
            path("import/<int:pk>/", wrap(self.import_job_view), name=f"{prefix}_job"),
            path(
                "import/<int:pk>/progress/",
                wrap(self.import_progress_view),
                name=f"{prefix}_progress",
            ),
            *super().get_urls(),
        ]

    def has_import_permission(self, request) -> bool:
        """Editors who may add articles; a writer could otherwise overwrite published text."""
        return self.has_add_permission(request) and roles.can_change_any(request.user)

    def changelist_view(self, request, extra_context=None):
        extra_context = {"can_import": self.has_import_permission(request), **(extra_context or {})}
        return super().changelist_view(request, extra_context)

    def import_view(self, request):
        if not self.has_import_permission(request):
            raise PermissionDenied
        if request.method == "POST":
            form = UploadForm(request.POST, request.FILES, user=request.user)
            if form.is_valid():
                job = import_jobs.start(
                    form.uploads,
                    status=form.cleaned_data["status"],
                    force=form.cleaned_data["force"],
                    user=request.user,
                )
                return redirect(self._job_url(job))
        else:
            form = UploadForm(user=request.user)
        context = self._context(request, "导入种子文件", form=form)
        return TemplateResponse(request, "admin/articles/import_form.html", context)

    def import_job_view(self, request, pk):
        job = self._own_job(request, pk)
        if request.method == "POST" and "confirm" in request.POST:
            return self._confirm(request, job)
        if job.working:
            context = self._context(
                request,
                job.get_state_display(),
                job=job,
                progress_url=self._import_url("import_progress", job.pk),
            )
            return TemplateResponse(request, "admin/articles/import_progress.html", context)
        if job.state == ImportJob.State.FAILED:
            form = UploadForm(user=request.user)
            context = self._context(request, "导入种子文件", form=form, error=job.error)
            return TemplateResponse(request, "admin/articles/import_form.html", context)
        report = job.report
        context = self._context(
            request,
            "确认导入" if job.state == ImportJob.State.READY else "导入结果",
            job=job,
            files=report["files"],
            status_label=Article.Status(job.new_status).label,
            rows=report["rows"],
            skipped=report["skipped"],
            kept_deleted=report["kept_deleted"],
            changed=report["changed"],
            duplicates=report["duplicates"],
            review=report.get("review", []),
            rules_url=reverse(f"{self.admin_site.name}:articles_siterule_changelist"),
        )
        return TemplateResponse(request, "admin/articles/import_preview.html", context)

    def import_progress_view(self, request, pk):
        return JsonResponse(import_jobs.progress(self._own_job(request, pk)))

    def _own_job(self, request, pk) -> ImportJob:
        if not self.has_import_permission(request):
            raise PermissionDenied
        job = ImportJob.objects.filter(pk=pk, created_by=request.user).first()
        if job is None:
            raise Http404("没有这次导入。")
        return job

    def _confirm(self, request, job):
        confirmed = import_jobs.confirm(
            job,
            separate="separate" in request.POST,
            keep=request.POST.getlist("keep"),
            remove=request.POST.getlist("remove"),
        )
        if not confirmed:
            self.message_user(request, "这次上传已确认过或已失效，请重新上传文件。", messages.ERROR)
            return redirect(self._import_url("import"))
        job.refresh_from_db()
        if job.state == ImportJob.State.DONE:  # a task backend that runs at once
            self.message_user(request, import_jobs.summary(job.report), messages.SUCCESS)
            return redirect(self._import_url("changelist"))
        return redirect(self._job_url(job))

    def _job_url(self, job) -> str:
        return self._import_url("import_job", job.pk)

    def _import_url(self, view: str, *args) -> str:
        name = f"{self.admin_site.name}:{self.opts.app_label}_{self.opts.model_name}_{view}"
        return reverse(name, args=args)

    def _context(self, request, title, **extra):
        return {
            **self.admin_site.each_context(request),
            "title": title,
            "opts": self.opts,
            "outcome_labels": [OUTCOME_LABELS[o] for o in OUTCOMES],
            **extra,
        }
