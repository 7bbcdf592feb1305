"""What a locked-out sign-in gets: the login page with the reason, in Chinese (HTTP 429)."""

import math

from django.conf import settings
from django.contrib import admin
from django.shortcuts import render


def message() -> str:
    minutes = math.ceil(settings.AXES_COOLOFF_TIME.total_seconds() / 60)
    return (
        f"登录失败次数过多（连续 {settings.AXES_FAILURE_LIMIT} 次），"
        f"这个账号或网络地址已被暂时锁定，请 {minutes} 分钟后再试；"
        "急需登录请联系管理员解锁。"
    )


def lockout_response(request, original_response=None, credentials=None):
    """For `AXES_LOCKOUT_CALLABLE`: the sign-in page, refusing with the reason."""
    context = {
        **admin.site.each_context(request),
        "title": "登录已锁定",
        "lockout_message": message(),
    }
    return render(request, "accounts/lockout.html", context, status=429)
