from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class AccountsConfig(AppConfig):
    default = True
    name = "accounts"
    verbose_name = "账号与登录"

    def ready(self):
        from . import receivers  # noqa: F401


class EditorsAdminConfig(admin_apps.AdminConfig):
    """`django.contrib.admin` with the editors' site (second factor at login) as `admin.site`."""

    default = False
    default_site = "accounts.admin_site.EditorsAdminSite"
