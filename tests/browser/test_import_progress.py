"""The admin import page follows its background task: progress, then the report to
confirm, then the result, without the editor reloading anything."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from articles import import_jobs, roles
from articles.models import Article, DeletedImport, ImportJob
from tests.browser.test_admin_flows import log_in, staff_user

pytestmark = pytest.mark.browser
SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture
def queued(settings):
    """Tasks wait in a queue; the test plays the worker process."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}


def test_the_job_page_follows_the_worker(page, django_user_model, queued):
    editor = staff_user(django_user_model, "importer", roles.EDITOR)
    Article.objects.all().delete()
    DeletedImport.objects.all().delete()  # start from an empty site, not a deleted one
    seed = sorted(SEEDS.glob("*.txt"))[0]

    log_in(page, editor)
    page.goto("/admin/articles/article/import/")
    page.locator("input[name=files]").set_input_files(str(seed))
    page.get_by_role("button", name="试运行").click()
    expect(page).to_have_url(re.compile(r"/import/\d+/$"))
    status = page.get_by_role("status")
    expect(status).to_contain_text("试运行中")

    job = ImportJob.objects.get()
    import_jobs.check_import.call(job.pk)  # the worker finishes the check
    expect(page.locator("table.import-report caption")).to_have_text("试运行结果")
    expect(page.locator("table.import-report tbody tr").first).to_contain_text("10")

    page.get_by_role("button", name="确认导入").click()
    expect(page.get_by_role("status")).to_contain_text("导入中")
    import_jobs.run_import.call(job.pk)
    expect(page.locator("table.import-report caption")).to_have_text("导入结果")
    assert Article.objects.count() == 10
