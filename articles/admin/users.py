"""Django's user admin with yes/no columns in words: its icons' alt text is English."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin

User = get_user_model()


@admin.display(description="职员状态", ordering="is_staff")
def staff_mark(user):
    return "是" if user.is_staff else "否"


class ChineseUserAdmin(UserAdmin):
    list_display = ["username", "email", "first_name", "last_name", staff_mark]


if admin.site.is_registered(User):
    admin.site.unregister(User)
admin.site.register(User, ChineseUserAdmin)
