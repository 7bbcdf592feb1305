"""The editorial admin's permission matrix: every admin URL and action, for every role.

Roles: anonymous, 作者 (writer, staff), 编辑 (editor, staff), superuser. The URL names are
read from the admin itself (`admin.site`'s own URLs and each ModelAdmin's `get_urls()`),
so a new admin URL without an entry here fails `test_every_admin_url_has_an_expected_outcome`,
and a new changelist action fails `test_every_action_has_an_expected_offer`.

`tests/test_editorial_roles.py` tells the article workflow as stories; this module is the
exhaustive table: one exact status per (role, URL, method), and for POSTs that would change
data, whether the data changed.
"""

from types import SimpleNamespace

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from articles import presence, revisions
from articles.models import (
    Article,
    Author,
    DeletedImport,
    DuplicateImport,
    ImportJob,
    Section,
    SiteRule,
    SourceText,
    Tag,
)
from glossary.models import GlossaryEntry
from media.models import Image
from tests.conftest import SEED
from tests.factories import make_article, make_author, make_term
from topics.models import Topic

pytestmark = pytest.mark.django_db
Status = Article.Status
ROLES = ("anonymous", "writer", "editor", "superuser")
LOGIN = "/admin/login/?next="
SEED_SITE = "欢迎来到加倍考研网北京上海广州深圳天津"  # the seed's chrome, as a site key


# ---------------------------------------------------------------- the world under test


@pytest.fixture
def w(django_user_model):
    """Users of every role and one object of every kind, with revisions to restore."""

    def user(username, group=None, **flags):
        person = django_user_model.objects.create_user(
            username, password="x", is_staff=True, **flags
        )
        if group:
            person.groups.add(Group.objects.get(name=group))
        return person

    writer = user("writer", "作者")
    other = user("other", "作者")
    tag_a = Tag.objects.create(name="标签甲")
    tag_b = Tag.objects.create(name="标签乙")
    own_draft = make_article("我的草稿", status=Status.DRAFT, created_by=writer, tags=[tag_a])
    others_draft = make_article("别人的草稿", status=Status.DRAFT, created_by=other)
    others_review = make_article("别人的待审稿", status=Status.REVIEW, created_by=other)
    published = make_article("已发布的文章", created_by=other, tags=[tag_b])
    featured = make_article("首页推荐的文章", created_by=other, featured=True)
    for article in (own_draft, others_draft):
        # revision 1 holds the original title; the current title differs from it
        revisions.ensure_baseline(article.pk)
        article.title += "（改过）"
        article.save()
        revisions.snapshot(article, other)
    editor = user("editor", "编辑")
    return SimpleNamespace(
        writer=writer,
        other=other,
        editor=editor,
        superuser=user("boss", is_superuser=True),
        writers=Group.objects.get(name="作者"),
        tag_a=tag_a,
        tag_b=tag_b,
        own_draft=own_draft,
        others_draft=others_draft,
        others_review=others_review,
        published=published,
        featured=featured,
        author=make_author("笔名甲"),
        section=Section.objects.create(name="深度"),
        topic=Topic.objects.create(title="草稿专题"),
        public_topic=Topic.objects.create(title="公开专题", status=Topic.Status.PUBLISHED),
        term=make_term("产业互联网", status=GlossaryEntry.Status.SUGGESTED),
        own_image=_image_row("a", writer),
        others_image=_image_row("b", other),
        tombstone=DeletedImport.objects.create(
            source_document="000_seed.txt", source_position=3, title="被删除的导入文章"
        ),
        device=TOTPDevice.objects.create(user=other, name="手机"),
        job=ImportJob.objects.create(  # the editor's upload, checked and waiting
            created_by=editor,
            state=ImportJob.State.READY,
            report={
                "files": ["a.txt"],
                "sites": [SEED_SITE],
                "rows": [],
                "skipped": [],
                "kept_deleted": 0,
                "changed": False,
                "duplicates": [],
                "review": [],
            },
        ),
        duplicate=DuplicateImport.objects.create(  # another site's copy, linked to `published`
            import_ref="d" * 64,
            article=published,
            title="已发布的文章（转载）",
            source_document="other-site.txt",
            source_position=1,
            distance=2,
        ),
        site_rule=SiteRule.objects.create(
            site=SEED_SITE, text="微信二维码", key="微信二维码", action="remove"
        ),
        seed_copy=SourceText.objects.create(
            source="seed-copy.txt", site=SEED_SITE, text=SEED.read_text(encoding="utf-8")
        ),
        **sign_in_records(),
    )


def sign_in_records() -> dict:
    """One record of each kind django-axes keeps about sign-ins."""
    client = {"ip_address": "10.0.0.1", "user_agent": "浏览器", "path_info": "/admin/login/"}
    return {
        "attempt": AccessAttempt.objects.create(
            username="guesser", failures_since_start=1, get_data="", post_data="", **client
        ),
        "access_log": AccessLog.objects.create(username="guesser", **client),
        "failure_log": AccessFailureLog.objects.create(username="guesser", **client),
    }


def _image_row(digit, uploader):
    """A library row without files: admin pages only build file addresses."""
    return Image.objects.create(
        sha256=digit * 64, width=800, height=600, file_size=1, uploaded_by=uploader
    )


def login(client, w, role):
    if role != "anonymous":
        client.force_login(getattr(w, role))


def fresh(obj):
    """`obj` as stored now, or None if it was deleted."""
    return type(obj).objects.filter(pk=obj.pk).first()


# ---------------------------------------------------------------- GET: every admin URL

# target -> (positional URL arguments, query string), computed from the world
TARGETS = {
    "-": lambda w: ([], ""),
    "own": lambda w: ([w.own_draft.pk], ""),
    "others": lambda w: ([w.others_draft.pk], ""),
    "missing": lambda w: ([999999], ""),
    "own rev 1": lambda w: ([w.own_draft.pk, 1], ""),
    "others rev 1": lambda w: ([w.others_draft.pk, 1], ""),
    "author": lambda w: ([w.author.pk], ""),
    "tag": lambda w: ([w.tag_a.pk], ""),
    "section": lambda w: ([w.section.pk], ""),
    "topic": lambda w: ([w.topic.pk], ""),
    "term": lambda w: ([w.term.pk], ""),
    "tombstone": lambda w: ([w.tombstone.pk], ""),
    "editor's job": lambda w: ([w.job.pk], ""),
    "site rule": lambda w: ([w.site_rule.pk], ""),
    "duplicate": lambda w: ([w.duplicate.pk], ""),
    "own image": lambda w: ([w.own_image.pk], ""),
    "others image": lambda w: ([w.others_image.pk], ""),
    "group": lambda w: ([w.writers.pk], ""),
    "user": lambda w: ([w.other.pk], ""),
    "app articles": lambda w: (["articles"], ""),
    "app glossary": lambda w: (["glossary"], ""),
    "app auth": lambda w: (["auth"], ""),
    "app axes": lambda w: (["axes"], ""),
    "app otp_totp": lambda w: (["otp_totp"], ""),
    "device": lambda w: ([w.device.pk], ""),
    "attempt": lambda w: ([w.attempt.pk], ""),
    "access log": lambda w: ([w.access_log.pk], ""),
    "failure log": lambda w: ([w.failure_log.pk], ""),
    "own on site": lambda w: ([ContentType.objects.get_for_model(Article).pk, w.own_draft.pk], ""),
    "author field": lambda w: (
        [],
        "?app_label=articles&model_name=article&field_name=author&term=笔名",
    ),
}

# (URL name, target): status for (anonymous, writer, editor, superuser)
GET_MATRIX = {
    # --- the admin site's own pages
    ("index", "-"): (302, 200, 200, 200),
    ("login", "-"): (200, 302, 302, 302),
    ("logout", "-"): (302, 405, 405, 405),  # POST only; anonymous to the index, not login
    ("password_change", "-"): (302, 200, 200, 200),
    ("password_change_done", "-"): (302, 200, 200, 200),
    ("jsi18n", "-"): (302, 200, 200, 200),
    ("autocomplete", "author field"): (302, 200, 200, 200),
    ("view_on_site", "own on site"): (302, 302, 302, 302),
    ("app_list", "app articles"): (302, 200, 200, 200),
    ("app_list", "app glossary"): (302, 200, 200, 200),
    ("app_list", "app auth"): (302, 404, 404, 200),
    # --- articles: writers open their own drafts only
    ("articles_article_changelist", "-"): (302, 200, 200, 200),
    ("articles_article_add", "-"): (302, 200, 200, 200),
    ("articles_article_change", "own"): (302, 200, 200, 200),
    ("articles_article_change", "others"): (302, 403, 200, 200),
    ("articles_article_change", "missing"): (302, 302, 302, 302),  # to the index, with a message
    ("articles_article_delete", "own"): (302, 403, 200, 200),
    ("articles_article_delete", "others"): (302, 403, 200, 200),
    ("articles_article_history", "own"): (302, 200, 200, 200),
    ("articles_article_history", "others"): (302, 403, 200, 200),
    ("articles_article_revisions", "own"): (302, 200, 200, 200),
    ("articles_article_revisions", "others"): (302, 403, 200, 200),
    ("articles_article_restore", "own rev 1"): (302, 405, 405, 405),  # POST only
    ("articles_article_restore", "others rev 1"): (302, 405, 405, 405),
    ("articles_article_revoke_preview", "own"): (302, 200, 200, 200),
    ("articles_article_revoke_preview", "others"): (302, 403, 200, 200),
    ("articles_article_markdown_preview", "-"): (302, 405, 405, 405),  # POST only
    ("articles_article_tag_suggestions", "-"): (302, 200, 200, 200),
    ("articles_article_tag_neighbours", "-"): (302, 200, 200, 200),
    ("articles_article_editing", "own"): (302, 405, 405, 405),  # POST only: the heartbeat
    ("articles_article_editing", "others"): (302, 405, 405, 405),
    ("articles_article_import", "-"): (302, 403, 200, 200),
    # an upload's pages are its uploader's alone (the superuser did not upload it)
    ("articles_article_import_job", "editor's job"): (302, 403, 200, 404),
    ("articles_article_import_progress", "editor's job"): (302, 403, 200, 404),
    # --- authors, tags, glossary: writers may look, editors manage
    ("articles_author_changelist", "-"): (302, 200, 200, 200),
    ("articles_author_add", "-"): (302, 403, 200, 200),
    ("articles_author_change", "author"): (302, 200, 200, 200),  # read-only for writers
    ("articles_author_delete", "author"): (302, 403, 200, 200),
    ("articles_author_history", "author"): (302, 200, 200, 200),
    ("articles_tag_changelist", "-"): (302, 200, 200, 200),
    ("articles_tag_add", "-"): (302, 403, 200, 200),
    ("articles_tag_change", "tag"): (302, 200, 200, 200),
    ("articles_tag_delete", "tag"): (302, 403, 200, 200),
    ("articles_tag_history", "tag"): (302, 200, 200, 200),
    ("articles_section_changelist", "-"): (302, 403, 200, 200),  # sections are editors' work
    ("articles_section_add", "-"): (302, 403, 200, 200),
    ("articles_section_change", "section"): (302, 403, 200, 200),
    ("articles_section_delete", "section"): (302, 403, 200, 200),
    ("articles_section_history", "section"): (302, 403, 200, 200),
    ("topics_topic_changelist", "-"): (302, 403, 200, 200),  # topics are editors' work
    ("topics_topic_add", "-"): (302, 403, 200, 200),
    ("topics_topic_change", "topic"): (302, 403, 200, 200),
    ("topics_topic_delete", "topic"): (302, 403, 200, 200),
    ("topics_topic_history", "topic"): (302, 403, 200, 200),
    ("glossary_glossaryentry_changelist", "-"): (302, 200, 200, 200),
    ("glossary_glossaryentry_add", "-"): (302, 403, 200, 200),
    ("glossary_glossaryentry_change", "term"): (302, 200, 200, 200),
    ("glossary_glossaryentry_delete", "term"): (302, 403, 200, 200),
    ("glossary_glossaryentry_history", "term"): (302, 200, 200, 200),
    # --- deleted imports: editors look, and let the next import re-create them (an action)
    ("articles_deletedimport_changelist", "-"): (302, 403, 200, 200),
    ("articles_deletedimport_add", "-"): (302, 403, 403, 403),
    ("articles_deletedimport_change", "tombstone"): (302, 403, 200, 200),  # read-only
    ("articles_deletedimport_delete", "tombstone"): (302, 403, 403, 403),
    ("articles_deletedimport_history", "tombstone"): (302, 403, 200, 200),
    # --- linked near-duplicates: editors look; nothing to change by hand
    ("articles_duplicateimport_changelist", "-"): (302, 403, 200, 200),
    ("articles_duplicateimport_add", "-"): (302, 403, 403, 403),
    ("articles_duplicateimport_change", "duplicate"): (302, 403, 200, 200),  # read-only
    ("articles_duplicateimport_delete", "duplicate"): (302, 403, 403, 403),
    ("articles_duplicateimport_history", "duplicate"): (302, 403, 200, 200),
    # --- site rules: made in the import preview; editors look, delete and re-apply them
    ("articles_siterule_changelist", "-"): (302, 403, 200, 200),
    ("articles_siterule_add", "-"): (302, 403, 403, 403),
    ("articles_siterule_change", "site rule"): (302, 403, 200, 200),  # read-only
    ("articles_siterule_delete", "site rule"): (302, 403, 200, 200),
    ("articles_siterule_history", "site rule"): (302, 403, 200, 200),
    # --- images: writers upload, use any and edit their own; editors manage the library
    ("media_image_changelist", "-"): (302, 200, 200, 200),
    ("media_image_add", "-"): (302, 302, 302, 302),  # to the upload page
    ("media_image_upload", "-"): (302, 200, 200, 200),
    ("media_image_picker", "-"): (302, 200, 200, 200),
    ("media_image_fetch", "-"): (302, 405, 405, 405),  # POST only
    ("media_image_change", "own image"): (302, 200, 200, 200),
    ("media_image_change", "others image"): (302, 200, 200, 200),  # read-only for writers
    ("media_image_delete", "own image"): (302, 403, 200, 200),
    ("media_image_delete", "others image"): (302, 403, 200, 200),
    ("media_image_history", "own image"): (302, 200, 200, 200),
    # --- accounts: superusers only
    ("auth_group_changelist", "-"): (302, 403, 403, 200),
    ("auth_group_add", "-"): (302, 403, 403, 200),
    ("auth_group_change", "group"): (302, 403, 403, 200),
    ("auth_group_delete", "group"): (302, 403, 403, 200),
    ("auth_group_history", "group"): (302, 403, 403, 200),
    ("auth_user_changelist", "-"): (302, 403, 403, 200),
    ("auth_user_add", "-"): (302, 403, 403, 200),
    ("auth_user_change", "user"): (302, 403, 403, 200),
    ("auth_user_delete", "user"): (302, 403, 403, 200),
    ("auth_user_history", "user"): (302, 403, 403, 200),
    ("auth_user_password_change", "user"): (302, 403, 403, 200),
    # --- sign-in security: TOTP devices, django-axes' records; superusers only
    ("app_list", "app otp_totp"): (302, 404, 404, 200),
    ("otp_totp_totpdevice_changelist", "-"): (302, 403, 403, 200),
    ("otp_totp_totpdevice_add", "-"): (302, 403, 403, 200),
    ("otp_totp_totpdevice_change", "device"): (302, 403, 403, 200),
    ("otp_totp_totpdevice_delete", "device"): (302, 403, 403, 200),
    ("otp_totp_totpdevice_history", "device"): (302, 403, 403, 200),
    ("otp_totp_totpdevice_config", "device"): (302, 403, 403, 200),
    ("otp_totp_totpdevice_qrcode", "device"): (302, 403, 403, 200),
    ("app_list", "app axes"): (302, 404, 404, 200),
    ("axes_accessattempt_changelist", "-"): (302, 403, 403, 200),
    ("axes_accessattempt_add", "-"): (302, 403, 403, 403),
    ("axes_accessattempt_change", "attempt"): (302, 403, 403, 200),
    ("axes_accessattempt_delete", "attempt"): (302, 403, 403, 200),
    ("axes_accessattempt_history", "attempt"): (302, 403, 403, 200),
    ("axes_accesslog_changelist", "-"): (302, 403, 403, 200),
    ("axes_accesslog_add", "-"): (302, 403, 403, 403),
    ("axes_accesslog_change", "access log"): (302, 403, 403, 200),
    ("axes_accesslog_delete", "access log"): (302, 403, 403, 200),
    ("axes_accesslog_history", "access log"): (302, 403, 403, 200),
    ("axes_accessfailurelog_changelist", "-"): (302, 403, 403, 200),
    ("axes_accessfailurelog_add", "-"): (302, 403, 403, 403),
    ("axes_accessfailurelog_change", "failure log"): (302, 403, 403, 200),
    ("axes_accessfailurelog_delete", "failure log"): (302, 403, 403, 200),
    ("axes_accessfailurelog_history", "failure log"): (302, 403, 403, 200),
}


def admin_url_names() -> set[str]:
    """Every named URL of the admin: the site's own and every registered ModelAdmin's."""
    names = {p.name for p in admin.site.get_urls() if getattr(p, "name", None)}
    for model_admin in admin.site._registry.values():
        names |= {p.name for p in model_admin.get_urls() if p.name}
    return names


def test_every_admin_url_has_an_expected_outcome():
    assert {name for name, _ in GET_MATRIX} == admin_url_names()


def address(w, name, target):
    args, query = TARGETS[target](w)
    return reverse(f"admin:{name}", args=args) + query


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("name", "target"), [pytest.param(*key, id=f"{key[0]}[{key[1]}]") for key in GET_MATRIX]
)
def test_get(client, w, role, name, target):
    login(client, w, role)
    url = address(w, name, target)
    response = client.get(url)
    assert response.status_code == GET_MATRIX[name, target][ROLES.index(role)], url
    if role == "anonymous" and response.status_code == 302:
        expected = "/admin/" if name == "logout" else LOGIN
        assert response["Location"].startswith(expected), url
    if name == "view_on_site" and role != "anonymous":
        assert response["Location"].endswith(w.own_draft.get_absolute_url())


def test_view_on_site_keeps_others_drafts_from_writers(client, w):
    client.force_login(w.writer)
    ct = ContentType.objects.get_for_model(Article)
    response = client.get(reverse("admin:view_on_site", args=[ct.pk, w.others_draft.pk]))
    assert response.status_code == 403


# ---------------------------------------------------------------- POST: forms and endpoints


def article_form(article, **changes):
    article = fresh(article)
    data = {
        "title": article.title,
        "standfirst": article.standfirst,
        "body": article.body,
        "status": article.status,
        "author": article.author_id,
        "credit": article.credit,
        "tags": "、".join(t.name for t in article.tags.all()),
        "slug": article.slug,
    }
    return {**data, **changes}


def term_form(term, **changes):
    data = {
        "term": term.term,
        "definition": term.definition,
        "aliases": term.aliases,
        "status": term.status,
        "slug": term.slug,
        "source_article": "",
    }
    return {**data, **changes}


def seed_upload():
    return {
        "files": SimpleUploadedFile(SEED.name, SEED.read_bytes(), "text/plain"),
        "status": Status.DRAFT,
    }


def editing(article):
    """Whether anybody is recorded as having `article` open."""
    return bool(presence.others(article.pk, SimpleNamespace(pk=None)))


# case -> (URL name, target, data(w), changed(w) or None, ((status, changed) per role))
POST_MATRIX = {
    "heartbeat on own draft": (
        "articles_article_editing",
        "own",
        lambda w: {},
        lambda w: editing(w.own_draft),
        ((302, False), (200, True), (200, True), (200, True)),
    ),
    "heartbeat on others' draft": (
        "articles_article_editing",
        "others",
        lambda w: {},
        lambda w: editing(w.others_draft),
        ((302, False), (403, False), (200, True), (200, True)),
    ),
    "article change others' draft": (
        "articles_article_change",
        "others",
        lambda w: article_form(w.others_draft, title="改了别人的"),
        lambda w: fresh(w.others_draft).title == "改了别人的",
        ((302, False), (403, False), (302, True), (302, True)),
    ),
    "article change own draft": (
        "articles_article_change",
        "own",
        lambda w: article_form(w.own_draft, title="改了自己的"),
        lambda w: fresh(w.own_draft).title == "改了自己的",
        ((302, False), (302, True), (302, True), (302, True)),
    ),
    "article add": (
        "articles_article_add",
        "-",
        lambda w: {
            "title": "新稿",
            "body": "正文。",
            "status": Status.DRAFT,
            "author": w.author.pk,
        },
        lambda w: Article.objects.filter(title="新稿").exists(),
        ((302, False), (302, True), (302, True), (302, True)),
    ),
    "article delete own draft": (
        "articles_article_delete",
        "own",
        lambda w: {"post": "yes"},
        lambda w: fresh(w.own_draft) is None,
        ((302, False), (403, False), (302, True), (302, True)),
    ),
    "article delete others' draft": (
        "articles_article_delete",
        "others",
        lambda w: {"post": "yes"},
        lambda w: fresh(w.others_draft) is None,
        ((302, False), (403, False), (302, True), (302, True)),
    ),
    "article restore own revision": (
        "articles_article_restore",
        "own rev 1",
        lambda w: {},
        lambda w: fresh(w.own_draft).title == "我的草稿",
        ((302, False), (302, True), (302, True), (302, True)),
    ),
    "article restore others' revision": (
        "articles_article_restore",
        "others rev 1",
        lambda w: {},
        lambda w: fresh(w.others_draft).title == "别人的草稿",
        ((302, False), (403, False), (302, True), (302, True)),
    ),
    "article revoke own preview links": (
        "articles_article_revoke_preview",
        "own",
        lambda w: {},
        lambda w: fresh(w.own_draft).preview_key != w.own_draft.preview_key,
        ((302, False), (302, True), (302, True), (302, True)),
    ),
    "article revoke others' preview links": (
        "articles_article_revoke_preview",
        "others",
        lambda w: {},
        lambda w: fresh(w.others_draft).preview_key != w.others_draft.preview_key,
        ((302, False), (403, False), (302, True), (302, True)),
    ),
    "article markdown preview": (
        "articles_article_markdown_preview",
        "-",
        lambda w: {"text": "**加粗**"},
        None,
        ((302, None), (200, None), (200, None), (200, None)),
    ),
    "article import upload": (  # stores the files and runs the dry run, writes nothing
        "articles_article_import",
        "-",
        lambda w: seed_upload(),
        lambda w: ImportJob.objects.exclude(pk=w.job.pk).exists(),
        ((302, False), (403, False), (302, True), (302, True)),
    ),
    "article import confirm": (
        "articles_article_import_job",
        "editor's job",
        lambda w: {"confirm": "1"},
        lambda w: fresh(w.job).state != ImportJob.State.READY,
        ((302, False), (403, False), (302, True), (404, False)),
    ),
    "author add": (
        "articles_author_add",
        "-",
        lambda w: {"name": "新笔名", "slug": "xin-bi-ming", "bio": ""},
        lambda w: Author.objects.filter(name="新笔名").exists(),
        ((302, False), (403, False), (302, True), (302, True)),
    ),
    "author change": (
        "articles_author_change",
        "author",
        lambda w: {"name": "改过的笔名", "slug": w.author.slug, "bio": ""},
        lambda w: fresh(w.author).name == "改过的笔名",
        ((302, False), (403, False), (302, True), (302, True)),
    ),
    "author delete": (
        "articles_author_delete",
        "author",
        lambda w: {"post": "yes"},
        lambda w: fresh(w.author) is None,
        ((302, False), (403, False), (302, True), (302, True)),
    ),
    "tag add": (
        "articles_tag_add",
        "-",
        lambda w: {"name": "新标签", "slug": ""},
        lambda w: Tag.objects.filter(name="新标签").exists(),
        ((302, False), (403, False), (302, True), (302, True)),
    ),
    "tag rename": (
        "articles_tag_change",
        "tag",
        lambda w: {"name": "改名的标签"},
        lambda w: fresh(w.tag_a).name == "改名的标签",
        ((302, False), (403, False), (302, True), (302, True)),
    ),
    "tag delete": (
        "articles_tag_delete",
        "tag",
        lambda w: {"post": "yes"},
        lambda w: fresh(w.tag_a) is None,
        ((302, False), (403, False), (302, True), (302, True)),
    ),
    "glossary add": (
        "glossary_glossaryentry_add",
        "-",
        lambda w: term_form(
            SimpleNamespace(
                term="新术语",
                definition="定义。",
                aliases="",
                status="published",
                slug="xin-shu-yu",
            )
        ),
        lambda w: GlossaryEntry.objects.filter(term="新术语").exists(),
        ((302, False), (403, False), (302, True), (302, True)),
    ),
    "glossary change (publish a suggestion)": (
        "glossary_glossaryentry_change",
        "term",
        lambda w: term_form(w.term, status=GlossaryEntry.Status.PUBLISHED),
        lambda w: fresh(w.term).status == GlossaryEntry.Status.PUBLISHED,
        ((302, False), (403, False), (302, True), (302, True)),
    ),
    "logout": (
        "logout",
        "-",
        lambda w: {},
        None,
        ((302, None), (200, None), (200, None), (200, None)),
    ),
    "glossary delete": (
        "glossary_glossaryentry_delete",
        "term",
        lambda w: {"post": "yes"},
        lambda w: fresh(w.term) is None,
        ((302, False), (403, False), (302, True), (302, True)),
    ),
}


# what an allowed (200) POST must show: the dry run's report, the rendered Markdown
SHOWN_WHEN_ALLOWED = {
    "article markdown preview": "<strong>加粗</strong>",
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", list(POST_MATRIX))
def test_post(client, w, role, case):
    name, target, data, changed, expected = POST_MATRIX[case]
    status, was_changed = expected[ROLES.index(role)]
    login(client, w, role)
    response = client.post(address(w, name, target), data(w))
    if changed is not None:
        assert changed(w) is was_changed
    assert response.status_code == status
    if role == "anonymous":
        assert response["Location"].startswith("/admin/" if name == "logout" else LOGIN)
    if status == 200 and case in SHOWN_WHEN_ALLOWED:
        is_json = response["Content-Type"] == "application/json"
        shown = response.json()["html"] if is_json else response.content.decode()
        assert SHOWN_WHEN_ALLOWED[case] in shown


# ---------------------------------------------------------------- changelist actions

ALL_ARTICLE_ACTIONS = {
    "delete_selected",
    "submit_for_review",
    "publish_now",
    "back_to_draft",
    "archive",
    "feature",
    "unfeature",
    "add_tags",
    "remove_tags",
}

TOPIC_ACTIONS = {"delete_selected", "publish", "unpublish"}

# model -> actions offered in the dropdown to (writer, editor, superuser); None: no changelist
OFFERED = {
    "articles.article": ({"submit_for_review"}, ALL_ARTICLE_ACTIONS, ALL_ARTICLE_ACTIONS),
    "articles.author": (set(), {"delete_selected"}, {"delete_selected"}),
    "articles.tag": (set(), {"delete_selected", "merge"}, {"delete_selected", "merge"}),
    "glossary.glossaryentry": (
        set(),
        {"delete_selected", "approve", "reject"},
        {"delete_selected", "approve", "reject"},
    ),
    "articles.deletedimport": (None, {"allow_reimport"}, {"allow_reimport"}),
    "articles.duplicateimport": (None, set(), set()),
    "articles.siterule": (None, {"reapply", "delete_selected"}, {"reapply", "delete_selected"}),
    "media.image": (set(), set(), set()),
    "articles.section": (None, {"delete_selected"}, {"delete_selected"}),
    "topics.topic": (None, TOPIC_ACTIONS, TOPIC_ACTIONS),
    "auth.group": (None, None, {"delete_selected"}),
    "auth.user": (None, None, {"delete_selected"}),
    "otp_totp.totpdevice": (None, None, {"delete_selected"}),
    "axes.accessattempt": (None, None, {"delete_selected", "cleanup_expired_attempts"}),
    "axes.accesslog": (None, None, {"delete_selected"}),
    "axes.accessfailurelog": (None, None, {"delete_selected"}),
}


def test_every_action_has_an_expected_offer(rf, w):
    assert set(OFFERED) == {model._meta.label_lower for model in admin.site._registry}
    request = rf.get("/admin/")
    request.user = w.superuser
    for model, model_admin in admin.site._registry.items():
        assert set(model_admin.get_actions(request)) == OFFERED[model._meta.label_lower][2]


@pytest.mark.parametrize(
    ("model", "role"),
    [(model, role) for model in OFFERED for role in ROLES[1:]],
)
def test_actions_offered(client, w, model, role):
    client.force_login(getattr(w, role))
    response = client.get(reverse(f"admin:{model.replace('.', '_')}_changelist"))
    expected = OFFERED[model][ROLES.index(role) - 1]
    if expected is None:
        assert response.status_code == 403
        return
    assert response.status_code == 200
    form = response.context["action_form"]
    offered = set() if form is None else {v for v, _ in form.fields["action"].choices} - {""}
    assert offered == expected


def tag_names(article):
    return {t.name for t in fresh(article).tags.all()}


# case -> (model, action, selected(w), extra POST data(w), changed(w), (status, changed) per role)
ACTION_MATRIX = {
    "submit own draft for review": (
        "articles_article",
        "submit_for_review",
        lambda w: [w.own_draft],
        lambda w: {},
        lambda w: fresh(w.own_draft).status == Status.REVIEW,
        ((302, False), (302, True), (302, True), (302, True)),
    ),
    "submit others' draft for review": (
        "articles_article",
        "submit_for_review",
        lambda w: [w.others_draft],
        lambda w: {},
        lambda w: fresh(w.others_draft).status == Status.REVIEW,
        ((302, False), (302, False), (302, True), (302, True)),
    ),
    "publish others' article in review": (
        "articles_article",
        "publish_now",
        lambda w: [w.others_review],
        lambda w: {},
        lambda w: fresh(w.others_review).status == Status.PUBLISHED,
        ((302, False), (302, False), (302, True), (302, True)),
    ),
    "send others' article back to draft": (
        "articles_article",
        "back_to_draft",
        lambda w: [w.others_review],
        lambda w: {},
        lambda w: fresh(w.others_review).status == Status.DRAFT,
        ((302, False), (302, False), (302, True), (302, True)),
    ),
    "archive a published article": (
        "articles_article",
        "archive",
        lambda w: [w.published],
        lambda w: {},
        lambda w: fresh(w.published).status == Status.ARCHIVED,
        ((302, False), (302, False), (302, True), (302, True)),
    ),
    "feature an article": (
        "articles_article",
        "feature",
        lambda w: [w.published],
        lambda w: {},
        lambda w: fresh(w.published).featured,
        ((302, False), (302, False), (302, True), (302, True)),
    ),
    "unfeature an article": (
        "articles_article",
        "unfeature",
        lambda w: [w.featured],
        lambda w: {},
        lambda w: not fresh(w.featured).featured,
        ((302, False), (302, False), (302, True), (302, True)),
    ),
    "add tags to own draft": (
        "articles_article",
        "add_tags",
        lambda w: [w.own_draft],
        lambda w: {"apply": "1", "tags": w.tag_b.name},
        lambda w: w.tag_b.name in tag_names(w.own_draft),
        ((302, False), (302, False), (302, True), (302, True)),
    ),
    "remove tags from own draft": (
        "articles_article",
        "remove_tags",
        lambda w: [w.own_draft],
        lambda w: {"apply": "1", "tags": [w.tag_a.pk]},
        lambda w: w.tag_a.name not in tag_names(w.own_draft),
        ((302, False), (302, False), (302, True), (302, True)),
    ),
    "bulk delete own draft": (
        "articles_article",
        "delete_selected",
        lambda w: [w.own_draft],
        lambda w: {"post": "yes"},
        lambda w: fresh(w.own_draft) is None,
        ((302, False), (302, False), (302, True), (302, True)),
    ),
    "bulk delete an author": (
        "articles_author",
        "delete_selected",
        lambda w: [w.author],
        lambda w: {"post": "yes"},
        lambda w: fresh(w.author) is None,
        ((302, False), (200, False), (302, True), (302, True)),
    ),
    "bulk delete a section": (
        "articles_section",
        "delete_selected",
        lambda w: [w.section],
        lambda w: {"post": "yes"},
        lambda w: fresh(w.section) is None,
        ((302, False), (403, False), (302, True), (302, True)),
    ),
    "publish a topic": (
        "topics_topic",
        "publish",
        lambda w: [w.topic],
        lambda w: {},
        lambda w: fresh(w.topic).status == Topic.Status.PUBLISHED,
        ((302, False), (403, False), (302, True), (302, True)),
    ),
    "take a topic back to draft": (
        "topics_topic",
        "unpublish",
        lambda w: [w.public_topic],
        lambda w: {},
        lambda w: fresh(w.public_topic).status == Topic.Status.DRAFT,
        ((302, False), (403, False), (302, True), (302, True)),
    ),
    "bulk delete a topic": (
        "topics_topic",
        "delete_selected",
        lambda w: [w.topic],
        lambda w: {"post": "yes"},
        lambda w: fresh(w.topic) is None,
        ((302, False), (403, False), (302, True), (302, True)),
    ),
    "merge tags": (
        "articles_tag",
        "merge",
        lambda w: [w.tag_a, w.tag_b],
        lambda w: {"post": "yes", "survivor": w.tag_a.pk},
        lambda w: fresh(w.tag_b) is None and "标签甲" in tag_names(w.published),
        ((302, False), (200, False), (302, True), (302, True)),
    ),
    "bulk delete a tag": (
        "articles_tag",
        "delete_selected",
        lambda w: [w.tag_a],
        lambda w: {"post": "yes"},
        lambda w: fresh(w.tag_a) is None,
        ((302, False), (200, False), (302, True), (302, True)),
    ),
    "approve a glossary suggestion": (
        "glossary_glossaryentry",
        "approve",
        lambda w: [w.term],
        lambda w: {},
        lambda w: fresh(w.term).status == GlossaryEntry.Status.PUBLISHED,
        ((302, False), (200, False), (302, True), (302, True)),
    ),
    "reject a glossary suggestion": (
        "glossary_glossaryentry",
        "reject",
        lambda w: [w.term],
        lambda w: {},
        lambda w: fresh(w.term).status == GlossaryEntry.Status.REJECTED,
        ((302, False), (200, False), (302, True), (302, True)),
    ),
    "bulk delete a glossary entry": (
        "glossary_glossaryentry",
        "delete_selected",
        lambda w: [w.term],
        lambda w: {"post": "yes"},
        lambda w: fresh(w.term) is None,
        ((302, False), (200, False), (302, True), (302, True)),
    ),
    "let the next import re-create a deleted article": (
        "articles_deletedimport",
        "allow_reimport",
        lambda w: [w.tombstone],
        lambda w: {},
        lambda w: fresh(w.tombstone) is None,
        ((302, False), (403, False), (302, True), (302, True)),
    ),
    "re-apply a site's rules to its imported articles": (
        "articles_siterule",
        "reapply",
        lambda w: [w.site_rule],
        lambda w: {},
        lambda w: Article.objects.filter(source_document=w.seed_copy.source).exists(),
        ((302, False), (403, False), (302, True), (302, True)),
    ),
    "delete a site rule": (
        "articles_siterule",
        "delete_selected",
        lambda w: [w.site_rule],
        lambda w: {"post": "yes"},
        lambda w: fresh(w.site_rule) is None,
        ((302, False), (403, False), (302, True), (302, True)),
    ),
}


def test_every_offered_action_is_exercised():
    by_model = {}
    for model, action, *_ in ACTION_MATRIX.values():
        by_model.setdefault(model, set()).add(action)
    editorial = {m.replace(".", "_"): offers[2] for m, offers in OFFERED.items() if offers[1]}
    assert by_model == editorial


@pytest.mark.parametrize(
    ("case", "role"),
    [(case, role) for case in ACTION_MATRIX for role in ROLES],
)
def test_action(client, w, case, role):
    model, action, selected, extra, changed, expected = ACTION_MATRIX[case]
    status, was_changed = expected[ROLES.index(role)]
    login(client, w, role)
    data = {"action": action, "_selected_action": [obj.pk for obj in selected(w)], **extra(w)}
    response = client.post(reverse(f"admin:{model}_changelist"), data)
    assert changed(w) is was_changed
    assert response.status_code == status
    if role == "anonymous":
        assert response["Location"].startswith(LOGIN)


def test_view_on_site_with_a_malformed_id_is_a_404(client, w):
    client.force_login(w.writer)
    ct = ContentType.objects.get_for_model(Article)
    assert client.get(f"/admin/r/{ct.pk}/not-a-number/").status_code == 404
