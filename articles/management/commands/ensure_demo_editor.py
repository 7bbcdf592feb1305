"""Create the demo editor login for local development, printing its password once.

The demo editor is a member of 编辑 (not a superuser), so a newcomer sees what editors see.
"""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

from articles import roles

USERNAME = "editor"


class Command(BaseCommand):
    help = "Ensure a demo editor account exists (development settings only)."

    def add_arguments(self, parser):
        parser.add_argument("--reset", action="store_true", help="Set a new password and print it.")

    def handle(self, *args, reset, **options):
        if not settings.DEMO_EDITOR:
            raise CommandError(
                "The demo editor is for development only: "
                "use DJANGO_SETTINGS_MODULE=config.settings.dev."
            )
        User = get_user_model()
        user = User.objects.filter(username=USERNAME).first()
        if user is not None and not reset:
            self.stdout.write(
                f"演示编辑账号 “{USERNAME}” 已存在；忘记密码可运行 "
                "`.venv/bin/python manage.py ensure_demo_editor --reset`。"
            )
            return
        password = secrets.token_urlsafe(9)
        if user is None:
            user = User(username=USERNAME)
        user.is_staff, user.is_superuser = True, False  # an editor, as a newcomer would be
        user.set_password(password)
        user.save()
        user.groups.add(Group.objects.get(name=roles.EDITOR))
        self.stdout.write(self.style.SUCCESS("演示编辑账号（仅供本地开发）："))
        self.stdout.write("  地址：http://127.0.0.1:8000/admin/")
        self.stdout.write(f"  用户名：{USERNAME}\n  密码：{password}")
