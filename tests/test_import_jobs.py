"""Admin imports run as background tasks: the upload request only stores the files, the
job's page shows progress while a task works, and each step ends in a saved state."""

import pytest
from django.core.cache import caches
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles import import_jobs
from articles.models import Article, ImportJob
from tests.factories import make_staff

pytestmark = pytest.mark.django_db

IMPORT_URL = reverse("admin:articles_article_import")
QUEUED = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}


@pytest.fixture
def queued(settings):
    """A task backend that only queues, as a worker process elsewhere would run them."""
    settings.TASKS = QUEUED


@pytest.fixture
def editor(client):
    user = make_staff("editor")
    client.force_login(user)
    return user


def job_url(job, view="import_job"):
    return reverse(f"admin:articles_article_{view}", args=[job.pk])


def post_upload(client, seed_path):
    upload = SimpleUploadedFile(seed_path.name, seed_path.read_bytes(), "text/plain")
    return client.post(IMPORT_URL, {"files": [upload], "status": "draft"})


def test_the_upload_request_does_not_parse(client, editor, seed_path, queued, monkeypatch):
    def no_parsing(*args, **kwargs):
        raise AssertionError("parsed during the request")

    monkeypatch.setattr("articles.importer.sources.parse", no_parsing)
    response = post_upload(client, seed_path)
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == job_url(job)
    assert job.state == ImportJob.State.CHECKING and job.created_by == editor
    assert [(u.name, bytes(u.data)) for u in job.uploads.all()] == [
        (seed_path.name, seed_path.read_bytes())
    ]


def test_the_job_page_shows_progress_while_the_task_works(client, editor, seed_path, queued):
    post_upload(client, seed_path)
    job = ImportJob.objects.get()
    page = client.get(job_url(job))
    content = page.content.decode()
    assert page.templates[0].name == "admin/articles/import_progress.html"
    assert f'data-progress-url="{job_url(job, "import_progress")}"' in content
    assert 'role="status"' in content and "<progress" in content

    assert client.get(job_url(job, "import_progress")).json() == {
        "state": "checking",
        "label": "试运行中",
    }
    import_jobs._note(job, "解析文件", 1, 4)
    assert client.get(job_url(job, "import_progress")).json() == {
        "state": "checking",
        "label": "试运行中",
        "phase": "解析文件",
        "done": 1,
        "total": 4,
    }


def test_the_worker_checks_then_imports(client, editor, seed_path, queued):
    post_upload(client, seed_path)
    job = ImportJob.objects.get()
    import_jobs.check_import.call(job.pk)
    job.refresh_from_db()
    assert job.state == ImportJob.State.READY
    assert job.report["rows"][0] == ["文章", [10, 0, 0, 0]]
    assert not Article.objects.exists()
    assert caches["default"].get(import_jobs._progress_key(job.pk)) is None

    response = client.post(job_url(job), {"confirm": "1"})
    assert response.status_code == 302 and response["Location"] == job_url(job)
    job.refresh_from_db()
    assert job.state == ImportJob.State.IMPORTING
    assert not Article.objects.exists()  # queued for the worker, not run in the request

    import_jobs.run_import.call(job.pk)
    job.refresh_from_db()
    assert job.state == ImportJob.State.DONE and not job.uploads.exists()
    assert Article.objects.filter(created_by=editor).count() == 10
    result = client.get(job_url(job)).content.decode()
    assert "已导入：" in result and "确认导入" not in result


def test_a_task_run_twice_does_the_work_once(client, editor, seed_path, queued):
    post_upload(client, seed_path)
    job = ImportJob.objects.get()
    import_jobs.check_import.call(job.pk)
    import_jobs.confirm(job)
    import_jobs.run_import.call(job.pk)
    Article.objects.all().delete()
    import_jobs.run_import.call(job.pk)
    import_jobs.check_import.call(job.pk)
    assert not Article.objects.exists()
    assert ImportJob.objects.get().state == ImportJob.State.DONE


def test_an_unexpected_error_fails_the_job_and_writes_nothing(
    client, editor, seed_path, queued, monkeypatch, caplog
):
    post_upload(client, seed_path)
    job = ImportJob.objects.get()
    import_jobs.check_import.call(job.pk)
    import_jobs.confirm(job)

    def broken_glossary(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("articles.importer.load.write_terms", broken_glossary)
    import_jobs.run_import.call(job.pk)
    job.refresh_from_db()
    assert job.state == ImportJob.State.FAILED and job.error == import_jobs.FAILED_UNEXPECTEDLY
    assert not Article.objects.exists()  # the articles written before the error rolled back
    assert "Import job" in caplog.text and "disk full" in caplog.text
    page = client.get(job_url(job)).content.decode()
    assert import_jobs.FAILED_UNEXPECTEDLY in page and 'name="files"' in page


def test_jobs_belong_to_the_editor_who_uploaded(client, editor, seed_path, queued):
    post_upload(client, seed_path)
    job = ImportJob.objects.get()
    client.force_login(make_staff("other"))
    assert client.get(job_url(job)).status_code == 404
    assert client.get(job_url(job, "import_progress")).status_code == 404
    assert client.post(job_url(job), {"confirm": "1"}).status_code == 404
    client.force_login(make_staff("writer", group="作者"))
    assert client.get(job_url(job)).status_code == 403
