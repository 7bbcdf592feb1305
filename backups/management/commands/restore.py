"""Replace the database and the media files with the content of a backup archive.

python manage.py migrate                      # the instance must be migrated first
python manage.py restore path/to/archive.tar.gz
python manage.py restore path/to/archive.tar.gz --dry-run   # check the archive only
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from backups.archive import BackupError, read_manifest, restore_backup


class Command(BaseCommand):
    help = (
        "Restore a `manage.py backup` archive onto this migrated instance: every row of the "
        "database and every file under MEDIA_ROOT is replaced, in one transaction."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="A .tar.gz written by `manage.py backup`.")
        parser.add_argument(
            "--no-input",
            "--noinput",
            action="store_false",
            dest="interactive",
            help="Do not ask for confirmation.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Check the archive and report; change nothing."
        )

    def handle(self, *args, archive, interactive, dry_run, verbosity, **options):
        source = Path(archive)
        try:
            manifest = read_manifest(source)
        except BackupError as error:
            raise CommandError(str(error)) from error
        rows = sum(manifest["rows"].values())
        summary = (
            f"{source}：{manifest['created']} 备份自 {manifest['database']}，"
            f"数据 {rows} 行，媒体文件 {manifest['media_files']} 个。"
        )
        if dry_run:
            self.stdout.write(f"试运行（未作任何改动）：{summary}")
            return
        if interactive:
            answer = input(
                f"{summary}\n恢复会删除数据库 {settings.DATABASES['default']['NAME']} 中的全部数据"
                f"和 {settings.MEDIA_ROOT} 下的全部文件。输入 yes 继续："
            )
            if answer.strip() != "yes":
                raise CommandError("已取消恢复，什么也没有改动。")
        try:
            restore_backup(source)
        except BackupError as error:
            raise CommandError(f"{error}；数据库未改动。") from error
        if verbosity > 0:
            self.stdout.write(self.style.SUCCESS(f"已恢复：{summary}"))
