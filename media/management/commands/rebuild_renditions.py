"""Draw the renditions images lack, after the sizes or formats in `media.renditions` changed.

manage.py rebuild_renditions              # only missing files
manage.py rebuild_renditions --all        # every rendition of every image
manage.py rebuild_renditions --dry-run    # count what is missing, write nothing
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from media import library
from media.models import Image
from media.processing import Refused


class Command(BaseCommand):
    help = "Draw missing image renditions (or all of them with --all) from the originals."

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="redraw every rendition")
        parser.add_argument("--dry-run", action="store_true", help="report, write nothing")

    def handle(self, *args, **options):
        images = files = failed = 0
        for image in Image.objects.order_by("pk").iterator():
            missing = library.missing_renditions(image)
            if not (missing or options["all"]):
                continue
            if options["dry_run"]:
                images, files = images + 1, files + len(missing)
                if options["verbosity"] > 1:
                    self.stdout.write(f"#{image.pk}：缺少 {len(missing)} 个文件")
                continue
            try:
                with transaction.atomic():
                    written = library.redraw(image, everything=options["all"])
            except (Refused, OSError) as error:
                failed += 1
                self.stderr.write(self.style.ERROR(f"#{image.pk}（{image.file.name}）：{error}"))
                continue
            images, files = images + 1, files + written
            if options["verbosity"] > 1:
                self.stdout.write(f"#{image.pk}：写入 {written} 个文件")
        verb = "缺少" if options["dry_run"] else "已写入"
        self.stdout.write(self.style.SUCCESS(f"{images} 张图片，{verb} {files} 个文件。"))
        if failed:
            self.stdout.write(self.style.WARNING(f"{failed} 张图片的原图无法读取，见上。"))
