"""Write a backup of the database and the media files into one archive.

python manage.py backup                       # backups/chanye-YYYYmmdd-HHMMSS.tar.gz
python manage.py backup path/to/archive.tar.gz
"""

from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from backups.archive import write_backup


class Command(BaseCommand):
    help = (
        "Back up every row (Django fixtures, natural keys, one consistent snapshot) and every "
        "file under MEDIA_ROOT into one .tar.gz archive, restorable with `manage.py restore`."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "archive",
            nargs="?",
            help="Where to write the archive (default: BACKUP_DIR/chanye-<time>.tar.gz).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Say where the archive would go; write nothing."
        )

    def handle(self, *args, archive, dry_run, verbosity, **options):
        if archive:
            target = Path(archive)
        else:
            stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
            target = Path(settings.BACKUP_DIR) / f"chanye-{stamp}.tar.gz"
        if not target.parent.is_dir():
            if archive:
                raise CommandError(f"{target.parent}: folder does not exist")
            target.parent.mkdir(parents=True)
        if target.exists():
            raise CommandError(f"{target}: already exists; choose another name")
        if dry_run:
            self.stdout.write(f"试运行：备份将写入 {target}。")
            return
        manifest = write_backup(target)
        if verbosity > 0:
            rows = sum(manifest["rows"].values())
            self.stdout.write(
                self.style.SUCCESS(
                    f"已备份到 {target}：数据 {rows} 行，媒体文件 {manifest['media_files']} 个。"
                )
            )
