"""Sign-in side effects: remember whether this session needs a second factor."""

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from . import second_factor


@receiver(user_logged_in, dispatch_uid="accounts.remember_second_factor")
def remember_second_factor(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        second_factor.remember(request, user)
