"""The admin speaks Chinese: every changelist and change form is free of known English
fragments Django 6.1 leaves untranslated, tags sort by pinyin, the demo editor is an 编辑."""

import html
import io
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils.translation import gettext, override

from articles.models import Tag
from tests.factories import make_article, make_term

pytestmark = pytest.mark.django_db

ENGLISH = [
    "Filter by",
    "Select an option",
    "Search",
    "False",
    "True",
    "Logout",
    "Add another",
    "Hold down",
    "Today",
    "Now",
    "Show all",
    "results",
    "selected",
]
HALF_WIDTH_AFTER_CHINESE = re.compile(r"[\u4e00-\u9fff][:;!?](?!//)")


def visible_text(page: str) -> str:
    """Text nodes and the attributes people read (alt, title, labels, button captions)."""
    page = re.sub(r"<script.*?</script>|<style.*?</style>", " ", page, flags=re.S)
    read = re.findall(r'\s(?:title|aria-label|placeholder|alt)="([^"]*)"', page)
    read += re.findall(r'<input type="(?:submit|button)"[^>]*value="([^"]*)"', page)
    page = re.sub(r"<input[^>]*>", " ", page)
    return html.unescape(re.sub(r"<[^>]+>", " ", page) + " " + " ".join(read))


def admin_pages(user) -> list[str]:
    """Every model's changelist, add form and the change form of its first row."""
    urls = [reverse("admin:index")]
    for model in admin.site._registry:
        info = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        urls.append(reverse(f"{info}_changelist"))
        urls.append(reverse(f"{info}_add"))
        first = model._default_manager.order_by("pk").first()
        if first is not None:
            urls.append(reverse(f"{info}_change", args=[first.pk]))
    return urls


@pytest.fixture
def content():
    make_article("产业互联网的下一步", tags=["SaaS", "智慧零售"], featured=True)
    make_term("C2B")


def test_every_admin_page_is_free_of_untranslated_english(admin_client, admin_user, content):
    found = {}
    for url in admin_pages(admin_user):
        response = admin_client.get(url, follow=True)  # the image add page leads to the upload page
        if response.status_code == 403:  # e.g. adding a deleted import: nobody may
            continue
        assert response.status_code == 200, url
        text = visible_text(response.content.decode())
        words = [word for word in ENGLISH if re.search(rf"\b{word}\b", text)]
        punctuation = HALF_WIDTH_AFTER_CHINESE.findall(text)
        if words or punctuation:
            found[url] = words + punctuation
    assert found == {}


def test_project_messages_are_used_and_compiled():
    with override("zh-hans"):
        assert gettext("Filter by %(field_name)s") == "按%(field_name)s筛选"
        assert gettext(":") == "："
    po = Path(settings.BASE_DIR, "locale/zh_Hans/LC_MESSAGES/django.po")
    mo = po.with_suffix(".mo")
    assert mo.exists() and mo.stat().st_size > 0
    msgids = len(re.findall(r"^msgid ", po.read_text(encoding="utf-8"), re.M)) - 1
    import gettext as gnu

    with mo.open("rb") as compiled:
        catalog = gnu.GNUTranslations(compiled)
    assert len([key for key in catalog._catalog if key]) == msgids  # .mo up to date


def test_glossary_names_one_term_and_the_whole_glossary():
    from glossary.models import GlossaryEntry

    assert GlossaryEntry._meta.verbose_name == "术语"
    assert GlossaryEntry._meta.verbose_name_plural == "术语表"


def test_admin_tags_sort_by_pinyin(admin_client):
    for name in ("智慧零售", "产业互联网", "SaaS", "A股"):
        Tag.objects.create(name=name)
    listed = [
        tag.name
        for tag in admin_client.get(reverse("admin:articles_tag_changelist"))
        .context["cl"]
        .result_list
    ]
    assert listed == ["A股", "产业互联网", "SaaS", "智慧零售"]


@override_settings(DEMO_EDITOR=True)
def test_demo_editor_is_an_editor_not_a_superuser(django_user_model, capsys):
    call_command("ensure_demo_editor")
    user = django_user_model.objects.get(username="editor")
    assert not user.is_superuser and user.is_staff
    assert list(user.groups.values_list("name", flat=True)) == ["编辑"]
    assert "密码" in capsys.readouterr().out
    assert Group.objects.get(name="编辑").user_set.count() == 1


def test_action_messages_use_full_width_punctuation(admin_client):
    from django.contrib.messages import get_messages

    article = make_article("已经发布")
    admin_client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "archive", "_selected_action": [article.pk]},
    )
    response = admin_client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "archive", "_selected_action": [article.pk]},
        follow=True,
    )
    said = [str(m) for m in get_messages(response.wsgi_request)]
    skipped = [message for message in said if "未改动" in message]
    assert skipped and "（已是“已归档”" in skipped[0] and "）：《已经发布》" in skipped[0]


@override_settings(DEMO_EDITOR=True)
def test_reset_turns_an_old_superuser_demo_login_into_an_editor(django_user_model):
    django_user_model.objects.create_superuser("editor", "e@example.com", "old")
    call_command("ensure_demo_editor", "--reset", stdout=io.StringIO())
    user = django_user_model.objects.get(username="editor")
    assert not user.is_superuser
    assert user.groups.filter(name="编辑").exists()
