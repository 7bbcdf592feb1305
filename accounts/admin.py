"""django-otp's TOTP device admin, with the search hint in Chinese (django-otp writes it
in English, untranslatable)."""

from django.contrib import admin
from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice


class ChineseTOTPDeviceAdmin(TOTPDeviceAdmin):
    search_help_text = "按用户名、姓名或邮箱搜索。"


admin.site.unregister(TOTPDevice)
admin.site.register(TOTPDevice, ChineseTOTPDeviceAdmin)
