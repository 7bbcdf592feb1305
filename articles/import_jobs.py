"""Admin imports off the request path: a job holds the uploaded files; background tasks
(Django Tasks, like `articles.tasks`) check it (parse and dry run) and, once the editor
confirms, import it.

The check parses under the editors' site rules and keeps, besides the counts, what the
preview shows of each article (`import_review`). The editor's keep/remove marks travel
with the confirmation and become site rules inside the import's transaction, so they
stand only if the import does.

Progress while a task runs goes to the `default` cache, which every process shares (the
task's writes to the database are one transaction, invisible to the page until the end);
the job's state and report are saved in the database when each step ends.
"""

import logging
from dataclasses import asdict

from django.core.cache import caches
from django.db import transaction
from django.tasks import task

from . import site_rules
from .import_review import choice_of, review
from .importer import sources
from .importer.load import DOCUMENTS, INDEXING, import_documents
from .importer.parse import ParseError
from .importer.report import KIND_LABELS, KINDS, OUTCOME_LABELS, OUTCOMES
from .models import Article, ImportJob, ImportUpload, SiteRule, SourceText

log = logging.getLogger(__name__)
PROGRESS_TTL = 3600  # seconds; a step that takes longer shows no figures, only its state
FAILED_UNEXPECTEDLY = "导入出错，没有写入任何内容；请联系管理员查看日志。"


def start(uploads: list[tuple[str, bytes]], *, status: str, force: bool, user) -> ImportJob:
    """A new job for `uploads` (name, bytes), its check handed to the task worker.

    The editor's earlier unconfirmed uploads are dropped, as opening the form again did.
    """
    with transaction.atomic():
        ImportJob.objects.filter(
            created_by=user, state__in=[ImportJob.State.READY, ImportJob.State.FAILED]
        ).delete()
        job = ImportJob.objects.create(created_by=user, new_status=status, force=force)
        ImportUpload.objects.bulk_create(
            ImportUpload(job=job, position=n, name=name, data=data)
            for n, (name, data) in enumerate(uploads)
        )
        check_import.enqueue(job.pk)
    return job


def start_reapply(sites: set[str], *, user) -> ImportJob | None:
    """A job importing again, under the current site rules, the kept documents of `sites`
    (new articles as drafts, edited ones left alone), handed straight to the worker; None
    when no document of theirs was kept."""
    texts = SourceText.objects.filter(site__in=sites).order_by("source")
    with transaction.atomic():
        if not texts.exists():
            return None
        job = ImportJob.objects.create(
            created_by=user, new_status=Article.Status.DRAFT, state=ImportJob.State.IMPORTING
        )
        ImportUpload.objects.bulk_create(
            ImportUpload(job=job, position=n, name=text.source, data=text.text.encode("utf-8"))
            for n, text in enumerate(texts)
        )
        run_import.enqueue(job.pk)
    return job


def confirm(
    job: ImportJob, *, separate: bool = False, keep: list[str] = (), remove: list[str] = ()
) -> bool:
    """Hand a checked job to the worker to import (`separate`: near-duplicates become
    articles of their own; `keep`/`remove`: the preview's marks, as its checkbox values);
    False if it was not waiting (a second click, another tab), so the import runs once."""
    marks = {"keep": list(keep), "remove": list(remove)}
    with transaction.atomic():
        won = ImportJob.objects.filter(pk=job.pk, state=ImportJob.State.READY).update(
            state=ImportJob.State.IMPORTING, separate=separate, marks=marks
        )
        if won:
            run_import.enqueue(job.pk)
    return bool(won)


@task
def check_import(job_id: int) -> None:
    """Parse the job's files and dry-run the import: the report the editor confirms."""
    _step(job_id, ImportJob.State.CHECKING, ImportJob.State.READY, _check)


@task
def run_import(job_id: int) -> None:
    """Import the confirmed job's files; its files are dropped once it is done."""
    _step(job_id, ImportJob.State.IMPORTING, ImportJob.State.DONE, _run)


def progress(job: ImportJob) -> dict:
    """What the progress page shows: the state and, while a task runs, how far it got."""
    figures = caches["default"].get(_progress_key(job.pk)) or {}
    return {"state": job.state, "label": job.get_state_display(), **figures}


def _check(job: ImportJob) -> dict:
    documents = _parse(job, site_rules.current())
    report = _import(job, documents, dry_run=True)
    return {
        **report_data(report, documents),
        "review": [asdict(document) for document in review(documents)],
    }


def _run(job: ImportJob) -> dict:
    with transaction.atomic():  # the marks stand as rules only if the import does
        taught = _record_marks(job)
        documents = _parse(job, site_rules.current())
        report = _import(job, documents, dry_run=False)
        site_rules.remember((u.name, bytes(u.data)) for u in job.uploads.order_by("position"))
    return {**report_data(report, documents), "taught": taught}


def _step(job_id: int, expected: str, then: str, work) -> None:
    job = ImportJob.objects.filter(pk=job_id, state=expected).first()
    if job is None:  # confirmed twice, or dropped meanwhile: nothing to do
        return
    try:
        report = work(job)
    except ParseError as error:
        _finish(job, ImportJob.State.FAILED, error=f"无法解析 {error}")
        return
    except Exception:
        log.exception("Import job %s failed", job_id)
        _finish(job, ImportJob.State.FAILED, error=FAILED_UNEXPECTEDLY)
        return
    _finish(job, then, report=report)


def _parse(job: ImportJob, rules):
    uploads = list(job.uploads.order_by("position"))
    documents = []
    for n, upload in enumerate(uploads, start=1):
        documents.append(sources.parse(upload.name, bytes(upload.data), rules))
        _note(job, "解析文件", n, len(uploads))
    return documents


def _import(job: ImportJob, documents, *, dry_run: bool):
    phases = {DOCUMENTS: "试运行" if dry_run else "导入", INDEXING: "建立搜索索引与相关文章"}
    return import_documents(
        documents,
        status=job.new_status,
        force=job.force,
        separate=job.separate,
        dry_run=dry_run,
        user=job.created_by,
        progress=lambda n, total, articles, stage: _note(job, phases[stage], n, total),
    )


def _record_marks(job: ImportJob) -> int:
    """The preview's keep/remove marks stored as site rules; how many (marks that name no
    uploaded document, or cannot be a rule, are passed over)."""
    count = 0
    for action in (SiteRule.Action.KEEP, SiteRule.Action.REMOVE):
        for value in job.marks.get(action, []):
            chosen = choice_of(value, job.report.get("sites", []))
            if chosen is None:
                continue
            try:
                site_rules.record(*chosen, action, job.created_by)
            except ValueError:
                continue
            count += 1
    return count


def _note(job: ImportJob, phase: str, done: int, total: int) -> None:
    """Progress for the page, written when the whole percentage changes."""
    if done != total and done * 100 // total == (done - 1) * 100 // total:
        return
    figures = {"phase": phase, "done": done, "total": total}
    caches["default"].set(_progress_key(job.pk), figures, PROGRESS_TTL)


def _finish(job: ImportJob, state: str, *, report=None, error: str = "") -> None:
    job.state, job.error = state, error
    if report is not None:
        job.report = report
    job.save(update_fields=["state", "error", "report", "updated_at"])
    if state in {ImportJob.State.DONE, ImportJob.State.FAILED}:
        job.uploads.all().delete()
    caches["default"].delete(_progress_key(job.pk))


def _progress_key(job_id: int) -> str:
    return f"articles.import_jobs.progress.{job_id}"


def report_data(report, documents) -> dict:
    """An `ImportReport` as JSON the job keeps: counts per kind, notes, the files."""
    return {
        "files": [document.source for document in documents],
        "sites": [document.site for document in documents],
        "rows": _rows(report),
        "skipped": list(report.skipped),
        "kept_deleted": report.kept_deleted,
        "changed": report.changed,
        "duplicates": [asdict(duplicate) for duplicate in report.duplicates],
    }


def summary(data: dict) -> str:
    """A job's report in one line, for the message after the import."""
    taught = data.get("taught")
    rules = f"已记下 {taught} 条站点规则，以后从这些站点导入时照此处理。" if taught else ""
    return f"导入完成：{'、'.join(data['files'])}。{_counts(data['rows'])}。{rules}"


def counts_line(report) -> str:
    """An `ImportReport`'s counts in one line: 文章 新建 1、更新 0…"""
    return _counts(_rows(report))


def _rows(report) -> list:
    return [[KIND_LABELS[k], [report.counts[k][o] for o in OUTCOMES]] for k in KINDS]


def _counts(rows) -> str:
    labels = [OUTCOME_LABELS[o] for o in OUTCOMES]
    return ";".join(
        f"{kind} " + "、".join(f"{label} {n}" for label, n in zip(labels, row, strict=True))
        for kind, row in rows
    )
