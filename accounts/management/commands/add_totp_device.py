"""Give an account a TOTP authenticator and print what to scan into the app.

The way in for a superuser under the production settings, which require a one-time code
of superusers: run this on the server, scan the QR code, then sign in with the code.
Editors can be given one the same way, or by a superuser in the admin (TOTP devices).
"""

import io

import qrcode
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = "Add a confirmed TOTP device to an account and print its otpauth:// address and QR code."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="验证器", help="The device's name (default 验证器).")

    def handle(self, *args, username, name, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"没有用户名为 “{username}” 的账号。")
        device = TOTPDevice.objects.create(user=user, name=name, confirmed=True)
        self.stdout.write(self.style.SUCCESS(f"已为 “{username}” 添加验证器 “{name}”。"))
        self.stdout.write("用验证器应用扫描下面的二维码，或输入这个地址：")
        self.stdout.write(device.config_url)
        if options["verbosity"] > 0:
            code = qrcode.QRCode(border=1)
            code.add_data(device.config_url)
            picture = io.StringIO()
            code.print_ascii(out=picture, invert=True)
            self.stdout.write(picture.getvalue())
