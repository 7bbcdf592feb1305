"""Admin imports off the request path: a job holds the uploaded files; background tasks
(Django Tasks, like `articles.tasks`) check it (parse and dry run) and, once the editor
confirms, import it.

Progress while a task runs goes to the `default` cache, which every process shares (the
task's writes to the database are one transaction, invisible to the page until the end);
the job's state and report are saved in the database when each step ends.
"""

import logging
from dataclasses import asdict

from django.core.cache import caches
from django.db import transaction
from django.tasks import task

from .importer.load import KIND_LABELS, KINDS, OUTCOME_LABELS, OUTCOMES, import_documents
from .importer.parse import ParseError
from .importer.sources import RawDocument
from .models import ImportJob, ImportUpload

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


def confirm(job: ImportJob, *, separate: bool = False) -> bool:
    """Hand a checked job to the worker to import (`separate`: near-duplicates become
    articles of their own); False if it was not waiting (a second click, another tab), so
    the import runs once."""
    with transaction.atomic():
        won = ImportJob.objects.filter(pk=job.pk, state=ImportJob.State.READY).update(
            state=ImportJob.State.IMPORTING, separate=separate
        )
        if won:
            run_import.enqueue(job.pk)
    return bool(won)


@task
def check_import(job_id: int) -> None:
    """Parse the job's files and dry-run the import: the report the editor confirms."""
    _step(job_id, ImportJob.State.CHECKING, ImportJob.State.READY, dry_run=True)


@task
def run_import(job_id: int) -> None:
    """Import the confirmed job's files; its files are dropped once it is done."""
    _step(job_id, ImportJob.State.IMPORTING, ImportJob.State.DONE, dry_run=False)


def progress(job: ImportJob) -> dict:
    """What the progress page shows: the state and, while a task runs, how far it got."""
    figures = caches["default"].get(_progress_key(job.pk)) or {}
    return {"state": job.state, "label": job.get_state_display(), **figures}


def _step(job_id: int, expected: str, then: str, *, dry_run: bool) -> None:
    job = ImportJob.objects.filter(pk=job_id, state=expected).first()
    if job is None:  # confirmed twice, or dropped meanwhile: nothing to do
        return
    phase = "试运行" if dry_run else "导入"
    documents = _documents(job)
    try:
        report = import_documents(
            documents,
            status=job.new_status,
            force=job.force,
            separate=job.separate,
            dry_run=dry_run,
            user=job.created_by,
            progress=lambda n, total, articles: _note(job, phase, n, total),
        )
    except ParseError as error:
        _finish(job, ImportJob.State.FAILED, error=f"无法解析 {error}")
        return
    except Exception:
        log.exception("Import job %s failed", job_id)
        _finish(job, ImportJob.State.FAILED, error=FAILED_UNEXPECTEDLY)
        return
    files = [document.source for document in documents]
    _finish(job, then, report=report_data(report, files))


def _documents(job: ImportJob) -> list[RawDocument]:
    """The job's files, each read from the database only when the loader reaches it."""
    return [
        RawDocument(name, lambda pk=pk: bytes(ImportUpload.objects.get(pk=pk).data))
        for pk, name in job.uploads.order_by("position").values_list("pk", "name")
    ]


def _note(job: ImportJob, phase: str, done: int, total: int) -> None:
    """Progress for the page (documents done of all), written when the percentage changes."""
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


def report_data(report, files: list[str]) -> dict:
    """An `ImportReport` as JSON the job keeps: counts per kind, notes, the files."""
    return {
        "files": files,
        "rows": [[KIND_LABELS[k], [report.counts[k][o] for o in OUTCOMES]] for k in KINDS],
        "skipped": list(report.skipped),
        "kept_deleted": report.kept_deleted,
        "changed": report.changed,
        "duplicates": [asdict(duplicate) for duplicate in report.duplicates],
    }


def summary(data: dict) -> str:
    """A report in one line, for the message after the import."""
    labels = [OUTCOME_LABELS[o] for o in OUTCOMES]
    counts = ";".join(
        f"{kind} " + "、".join(f"{label} {n}" for label, n in zip(labels, row, strict=True))
        for kind, row in data["rows"]
    )
    return f"导入完成：{'、'.join(data['files'])}。{counts}。"
