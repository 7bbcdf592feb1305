"""Who must give a one-time code (TOTP) at sign-in, and whether this session has given it.

A code is asked of every account with a confirmed TOTP device (optional for editors: they
opt in by adding one), and of every superuser when `OTP_REQUIRED_FOR_SUPERUSERS` is on
(the production settings). The answer is kept in the session at sign-in, so admin pages
do not query devices on every request.
"""

from django.conf import settings
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

SESSION_KEY = "accounts_second_factor_required"


def required_for(user) -> bool:
    """Whether `user` must give a one-time code to use the admin."""
    if getattr(settings, "OTP_REQUIRED_FOR_SUPERUSERS", False) and user.is_superuser:
        return True
    return user_has_device(user, confirmed=True)


def remember(request, user) -> None:
    """Record in the session whether this sign-in needed a second factor."""
    request.session[SESSION_KEY] = required_for(user)


def satisfied(request) -> bool:
    """The session's user gave a code, or never needed one."""
    required = request.session.get(SESSION_KEY)
    if required is None:  # a session from before second factors existed
        required = required_for(request.user)
        request.session[SESSION_KEY] = required
    return not required or request.user.is_verified()


def device_for(user) -> TOTPDevice | None:
    """The user's confirmed TOTP device (the oldest, should there be several)."""
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).order_by("pk").first()
