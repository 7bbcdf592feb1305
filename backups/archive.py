"""A backup archive: the database as Django fixtures plus the media files, in one .tar.gz.

Layout of the archive:

    manifest.json   format, time, source database, applied migrations, rows per model
    database.json   `dumpdata --natural-foreign --all`, without content types and
                    permissions (every migrated instance has its own, by natural key)
    media/...       every file under MEDIA_ROOT, same relative paths

The dump is portable between SQLite and PostgreSQL; it is read inside one snapshot, so
it is consistent however many editors save meanwhile.
"""

import io
import json
import os
import shutil
import tarfile
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder

from .snapshot import read_snapshot

FORMAT = 1
MANIFEST = "manifest.json"
DATABASE = "database.json"
MEDIA = "media"
# Recreated, with their own ids, by every `migrate`/`flush`; referred to by natural key.
REBUILT_BY_MIGRATE = ["contenttypes", "auth.permission"]


class BackupError(Exception):
    """An archive that cannot be restored here, with the reason."""


def dumped_models():
    excluded = {"contenttypes.contenttype", "auth.permission"}
    return [
        model
        for model in apps.get_models()
        if model._meta.label_lower not in excluded and not model._meta.proxy
    ]


def applied_migrations() -> dict[str, list[str]]:
    applied: dict[str, list[str]] = {}
    for app_label, name in sorted(MigrationRecorder(connection).applied_migrations()):
        applied.setdefault(app_label, []).append(name)
    return applied


def row_counts() -> dict[str, int]:
    return {m._meta.label_lower: m._base_manager.count() for m in dumped_models()}


def media_files(root: Path) -> list[Path]:
    if not root.is_dir():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink())


def write_backup(target: Path) -> dict:
    """Write the archive to `target` (via a temporary file, renamed when complete)."""
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory() as scratch:
        dump = Path(scratch) / DATABASE
        with read_snapshot():
            call_command(
                "dumpdata",
                use_natural_foreign_keys=True,
                use_base_manager=True,
                exclude=REBUILT_BY_MIGRATE,
                output=str(dump),
                verbosity=0,
            )
            manifest = {
                "format": FORMAT,
                "created": datetime.now(UTC).isoformat(),
                "database": connection.vendor,
                "migrations": applied_migrations(),
                "rows": row_counts(),
            }
        files = media_files(media_root)
        manifest["media_files"] = len(files)
        partial = target.with_name(f".{target.name}.partial")
        try:
            with tarfile.open(partial, "w:gz") as archive:
                _add_bytes(archive, MANIFEST, json.dumps(manifest, indent=2).encode())
                archive.add(dump, arcname=DATABASE)
                for path in files:
                    archive.add(path, arcname=f"{MEDIA}/{path.relative_to(media_root).as_posix()}")
            os.replace(partial, target)
        finally:
            partial.unlink(missing_ok=True)
    return manifest


def _add_bytes(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(datetime.now(UTC).timestamp())
    info.mode = 0o644
    archive.addfile(info, io.BytesIO(data))


def read_manifest(source: Path) -> dict:
    """The manifest of the archive at `source`, after checking it can be restored here."""
    try:
        with tarfile.open(source, "r:gz") as archive:
            manifest = json.load(archive.extractfile(MANIFEST))
            archive.getmember(DATABASE)
    except (OSError, tarfile.TarError, KeyError, ValueError) as error:
        raise BackupError(f"{source}: not a backup archive ({error})") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{source}: archive format {manifest.get('format')}, expected {FORMAT}")
    here = applied_migrations()
    missing = [
        f"{app}.{name}"
        for app, names in manifest["migrations"].items()
        for name in names
        if name not in here.get(app, [])
    ]
    if missing:
        raise BackupError(
            f"{source}: the backup was made with migrations this database lacks "
            f"({', '.join(missing[:5])}{'…' if len(missing) > 5 else ''}); "
            "run `manage.py migrate` first."
        )
    return manifest


def restore_backup(source: Path) -> dict:
    """Replace the whole database and MEDIA_ROOT with the archive's content.

    The database is flushed and loaded in one transaction and checked row by row count
    against the manifest; media files are swapped in only once that has committed.
    """
    from articles import statistics
    from articles.search.index import reindex_all

    manifest = read_manifest(source)
    media_root = Path(settings.MEDIA_ROOT)
    media_root.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        staged_media = Path(tempfile.mkdtemp(prefix=".restore-", dir=media_root.parent))
        try:
            with tarfile.open(source, "r:gz") as archive:
                archive.extract(DATABASE, path=scratch, filter="data")
                for member in archive.getmembers():
                    if member.name.startswith(f"{MEDIA}/") and member.isfile():
                        archive.extract(member, path=staged_media, filter="data")
            with transaction.atomic():
                call_command("flush", interactive=False, verbosity=0)
                call_command("loaddata", str(scratch / DATABASE), verbosity=0)
                found = row_counts()
                if found != manifest["rows"]:
                    differing = sorted(
                        label
                        for label in found.keys() | manifest["rows"].keys()
                        if found.get(label) != manifest["rows"].get(label)
                    )
                    raise BackupError(
                        f"{source}: restored rows differ from the backup in {', '.join(differing)}"
                    )
                reindex_all()
            statistics.refresh()
            _replace_contents(media_root, staged_media / MEDIA)
        finally:
            shutil.rmtree(staged_media, ignore_errors=True)
    return manifest


def _replace_contents(folder: Path, staged: Path) -> None:
    """Empty `folder` (which may be a mount point, so it stays) and move `staged`'s entries in."""
    folder.mkdir(parents=True, exist_ok=True)
    for entry in folder.iterdir():
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()
    if staged.is_dir():
        for entry in staged.iterdir():
            shutil.move(entry, folder / entry.name)  # a copy where folder is another mount
