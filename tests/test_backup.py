"""`manage.py backup` and `manage.py restore`: back up, wipe, restore, compare everything."""

import io
import json
import re
import tarfile
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.apps import apps
from django.contrib.auth.models import Group, User
from django.core import serializers
from django.core.management import CommandError, call_command
from django.db import connection
from django_otp.plugins.otp_totp.models import TOTPDevice

from articles.models import Article, StatusChange

pytestmark = pytest.mark.django_db(transaction=True)

MEDIA = {
    "articles/2026/封面.png": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4,
    "articles/2026/图表 1.svg": "<svg><text>产业互联网</text></svg>".encode(),
    "authors/头像.jpg": b"\xff\xd8\xff\xe0" + b"\x00" * 100,
    "empty.txt": b"",
}


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def newsroom(django_user_model, media_root, seed_path):
    """An instance with content of every kind and media files."""
    call_command("import_seeds", str(seed_path), stdout=io.StringIO())
    editor = django_user_model.objects.create_user("editor", password="x", is_staff=True)
    editor.groups.add(Group.objects.get_or_create(name="编辑")[0])
    django_user_model.objects.create_superuser("chief", "chief@example.org", "x")
    TOTPDevice.objects.create(user=editor, name="手机", confirmed=True)
    AccessAttempt.objects.create(
        username="guesser",
        ip_address="10.0.0.1",
        user_agent="浏览器",
        path_info="/admin/login/",
        failures_since_start=2,
        get_data="",
        post_data="",
    )
    article = Article.objects.order_by("pk").first()
    StatusChange.objects.create(
        article=article,
        from_status="published",
        to_status="archived",
        changed_by=editor,
        note="过时了",
    )
    for name, data in MEDIA.items():
        path = media_root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return article


# A backup keeps times to the millisecond, as Django's JSON serializer writes them: a time
# whose microseconds are under 1,000 is written `…:58.000Z` before and `…:58Z` after.
_WHOLE_MILLISECOND = re.compile(r"(T\d\d:\d\d:\d\d)\.000(?=Z|[+-]\d\d:\d\d|$)")


def every_row() -> dict[str, list]:
    """Every row of every model, by model, as natural-key fixtures in a stable order."""
    rows = {}
    for model in apps.get_models():
        objects = model._base_manager.order_by("pk")
        data = json.loads(
            _WHOLE_MILLISECOND.sub(
                r"\1",
                serializers.serialize(
                    "json", objects, use_natural_foreign_keys=True, use_natural_primary_keys=True
                ),
            )
        )
        rows[model._meta.label_lower] = sorted(
            data, key=lambda row: json.dumps(row, sort_keys=True)
        )
    return rows


def differences(before: dict[str, list], after: dict[str, list]) -> list[str]:
    """The rows that differ, by model and primary key, with the fields that changed."""
    found = []
    for label in sorted(before.keys() | after.keys()):
        old = {_row_key(row): row for row in before.get(label, [])}
        new = {_row_key(row): row for row in after.get(label, [])}
        for pk in sorted(old.keys() | new.keys()):
            if old.get(pk) == new.get(pk):
                continue
            fields = (old.get(pk) or {}).get("fields", {}), (new.get(pk) or {}).get("fields", {})
            changed = {
                name: (fields[0].get(name), fields[1].get(name))
                for name in fields[0].keys() | fields[1].keys()
                if fields[0].get(name) != fields[1].get(name)
            }
            found.append(
                f"{label} {pk}: {changed if old.get(pk) and new.get(pk) else 'only one side'}"
            )
    return found


def _row_key(row: dict) -> str:
    """A row's primary key, or the whole row for a model with natural primary keys."""
    return json.dumps(row.get("pk", row), sort_keys=True)


def every_file(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def wipe(media_root):
    call_command("flush", interactive=False, verbosity=0)
    for path in sorted(media_root.rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()
    (media_root / "stray.txt").write_bytes(b"not in the backup")


def test_backup_wipe_restore_gives_back_every_row_and_file(client, newsroom, media_root, tmp_path):
    client.force_login(User.objects.get(username="editor"))  # a session row too
    rows, files = every_row(), every_file(media_root)
    for label in ("articles.article", "otp_totp.totpdevice", "sessions.session"):
        assert rows[label], label
    assert files == MEDIA
    archive = tmp_path / "backup.tar.gz"
    out = io.StringIO()
    call_command("backup", str(archive), stdout=out)
    assert "媒体文件 4 个" in out.getvalue()

    wipe(media_root)
    assert not Article.objects.exists()
    call_command("restore", str(archive), "--no-input", stdout=io.StringIO())

    assert not differences(rows, every_row())
    assert every_file(media_root) == MEDIA
    # the search index is rebuilt from the restored articles
    published = Article.objects.published().order_by("pk").first()
    response = client.get("/search/", {"q": published.title})
    assert published.get_absolute_url() in response.content.decode()


def test_a_time_on_a_whole_millisecond_comes_back_equal(newsroom, media_root, tmp_path):
    """Times come back to the millisecond; one whose microseconds are under a thousand
    is written differently before and after, which the comparison must not mistake."""
    created = Article.objects.order_by("pk").first().created_at.replace(microsecond=500)
    Article.objects.filter(pk=newsroom.pk).update(created_at=created)
    rows = every_row()
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    wipe(media_root)
    call_command("restore", str(archive), "--no-input", stdout=io.StringIO())
    assert not differences(rows, every_row())
    assert Article.objects.get(pk=newsroom.pk).created_at == created.replace(microsecond=0)


def test_archive_holds_manifest_database_and_media(newsroom, tmp_path):
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    with tarfile.open(archive) as tar:
        names = set(tar.getnames())
        manifest = json.load(tar.extractfile("manifest.json"))
    assert {"manifest.json", "database.json"} <= names
    assert {f"media/{name}" for name in MEDIA} <= names
    assert manifest["rows"]["articles.article"] == Article.objects.count()
    assert "0001_initial" in manifest["migrations"]["articles"]


def test_restore_refuses_a_backup_from_a_newer_schema(newsroom, tmp_path):
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    newer = tmp_path / "newer.tar.gz"
    with tarfile.open(archive) as old, tarfile.open(newer, "w:gz") as new:
        for member in old.getmembers():
            data = old.extractfile(member).read()
            if member.name == "manifest.json":
                manifest = json.loads(data)
                manifest["migrations"]["articles"].append("9999_from_the_future")
                data = json.dumps(manifest).encode()
                member.size = len(data)
            new.addfile(member, io.BytesIO(data))
    before = Article.objects.count()
    with pytest.raises(CommandError, match="articles.9999_from_the_future.*migrate"):
        call_command("restore", str(newer), "--no-input", stdout=io.StringIO())
    assert Article.objects.count() == before


def test_restore_refuses_what_is_not_a_backup(tmp_path):
    junk = tmp_path / "junk.tar.gz"
    junk.write_bytes(b"not an archive")
    with pytest.raises(CommandError, match="junk.tar.gz: not a backup archive"):
        call_command("restore", str(junk), "--no-input")


def test_backup_will_not_overwrite_an_archive(newsroom, tmp_path):
    archive = tmp_path / "backup.tar.gz"
    archive.write_bytes(b"an older backup")
    with pytest.raises(CommandError, match="already exists"):
        call_command("backup", str(archive))
    assert archive.read_bytes() == b"an older backup"


def test_restore_dry_run_changes_nothing(newsroom, tmp_path):
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    Article.objects.all().delete()
    out = io.StringIO()
    call_command("restore", str(archive), "--dry-run", stdout=out)
    assert "试运行" in out.getvalue()
    assert not Article.objects.exists()


@pytest.mark.skipif("connection.vendor != 'postgresql'", reason="needs a second PostgreSQL session")
def test_backup_reads_one_snapshot_while_others_write(newsroom):
    import psycopg

    from backups.snapshot import read_snapshot

    settings = connection.settings_dict
    title = newsroom.title
    with read_snapshot():
        assert Article.objects.get(pk=newsroom.pk).title == title  # the snapshot starts here
        with psycopg.connect(
            host=settings["HOST"],
            port=settings["PORT"],
            user=settings["USER"],
            password=settings["PASSWORD"],
            dbname=settings["NAME"],
            autocommit=True,
        ) as other:
            other.execute(
                f"UPDATE {Article._meta.db_table} SET title = %s WHERE id = %s",
                ["别人改过的标题", newsroom.pk],
            )
        assert Article.objects.get(pk=newsroom.pk).title == title
    assert Article.objects.get(pk=newsroom.pk).title == "别人改过的标题"
