"""The editors' admin site: Django's, with a second factor where one is required."""

from django.contrib import admin

from . import second_factor
from .login_form import EditorLoginForm


class EditorsAdminSite(admin.AdminSite):
    login_form = EditorLoginForm
    login_template = "accounts/login.html"
    logout_template = "accounts/logged_out.html"  # also forgets this browser's drafts

    def has_permission(self, request):
        return super().has_permission(request) and second_factor.satisfied(request)
