"""The same article scraped from two sites is linked to the first, not created twice."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from articles.importer import simhash
from articles.models import Article, BodySignature, DuplicateImport
from tests.conftest import SEED
from tests.factories import make_staff

pytestmark = pytest.mark.django_db

IMPORT_URL = "/admin/articles/article/import/"


def sentences() -> list[str]:
    long_lines = [line for line in SEED.read_text(encoding="utf-8").splitlines() if len(line) > 80]
    found = [s.strip() + "。" for line in long_lines for s in line.split("。")]
    return [s for s in found if 12 <= len(s) <= 160 and ":" not in s and "：" not in s]


SENTENCES = sentences()
ORIGINAL = SENTENCES[:30]
COPY = [*ORIGINAL[:10], "转载时另一家网站改写了这一句话，意思大致相同。", *ORIGINAL[11:]]
OTHER = SENTENCES[60:90]


def document(site: str, articles) -> str:
    lines = [f"欢迎来到{site}! 北京 上海", "微信二维码", ""]
    for n, (title, author, body) in enumerate(articles):
        lines += [f"{title}{author}", ""] if n == 0 else [author, ""]
        lines += [title, "", "".join(body), ""]
    return "\n".join(lines)


def run(*args) -> str:
    out = io.StringIO()
    call_command("import_seeds", *map(str, args), stdout=out, stderr=io.StringIO())
    return out.getvalue()


@pytest.fixture
def first_site(tmp_path):
    path = tmp_path / "site-a.txt"
    articles = [("产业互联网的下一站", "林一", ORIGINAL), ("智慧零售观察", "周二", OTHER)]
    path.write_text(document("甲网", articles), encoding="utf-8")
    run(path)
    return Article.objects.get(title="产业互联网的下一站")


@pytest.fixture
def second_site(tmp_path):
    path = tmp_path / "site-b.txt"
    path.write_text(document("乙网", [("转载：产业互联网的下一站", "乙网编辑", COPY)]))
    return path


def test_one_changed_sentence_is_a_few_bits_and_other_articles_are_far():
    original, copy, other = (simhash.signature("".join(b)) for b in (ORIGINAL, COPY, OTHER))
    assert simhash.distance(original, copy) <= simhash.MAX_DISTANCE
    assert simhash.distance(original, other) > 10
    pairs = zip(simhash.bands(original), simhash.bands(copy), strict=True)
    assert any(a == b for a, b in pairs)  # the look-up by band finds it


def test_near_duplicate_is_reported_in_the_dry_run_and_linked(first_site, second_site):
    assert BodySignature.objects.count() == 2
    output = run(second_site, "--dry-run")
    assert f"与已有文章 #{first_site.pk}“产业互联网的下一站”" in output
    assert not DuplicateImport.objects.exists()

    output = run(second_site)

    assert Article.objects.count() == 2
    link = DuplicateImport.objects.get()
    assert (link.article, link.title, link.source_document) == (
        first_site,
        "转载：产业互联网的下一站",
        "site-b.txt",
    )
    assert "近似重复，已链接" in output
    assert "没有需要更新的内容" in run(second_site)  # the link is remembered
    assert Article.objects.count() == 2


def test_separate_creates_the_near_duplicate_as_its_own_article(first_site, second_site):
    run(second_site)
    output = run(second_site, "--separate")
    assert Article.objects.filter(title="转载：产业互联网的下一站").count() == 1
    assert not DuplicateImport.objects.exists()
    assert "新建" in output


def test_admin_preview_lists_the_duplicate_and_confirming_separate_creates_it(
    admin_client, first_site, second_site
):
    upload = SimpleUploadedFile(second_site.name, second_site.read_bytes(), "text/plain")
    response = admin_client.post(IMPORT_URL, {"files": [upload], "status": "draft"}, follow=True)
    [duplicate] = response.context["duplicates"]
    assert (duplicate["article_id"], duplicate["where"]) == (first_site.pk, "site-b.txt #1")
    assert 'name="separate"' in response.content.decode()

    admin_client.post(response.redirect_chain[-1][0], {"confirm": "1", "separate": "on"})

    assert Article.objects.filter(title="转载：产业互联网的下一站").count() == 1


def test_editors_see_the_linked_duplicates_with_their_existing_article(
    client, first_site, second_site
):
    run(second_site)
    client.force_login(make_staff("editor"))
    page = client.get(reverse("admin:articles_duplicateimport_changelist"))
    content = page.content.decode()
    change = reverse("admin:articles_article_change", args=[first_site.pk])
    assert "转载：产业互联网的下一站" in content and "site-b.txt" in content
    assert f"<a href='{change}'>产业互联网的下一站</a>" in content
    assert page.context["cl"].result_count == 1
