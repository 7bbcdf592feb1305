"""The admin sign-in form: password, and a one-time code for those who need one."""

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django_otp.forms import OTPAuthenticationFormMixin

from . import second_factor


class EditorLoginForm(OTPAuthenticationFormMixin, AdminAuthenticationForm):
    """Checks the password (and, through django-axes, failed attempts), then the code.

    Accounts without a TOTP device leave the code empty; `clean_otp` runs only for
    accounts `second_factor.required_for` names, and uses their TOTP device.
    """

    otp_token = forms.CharField(
        label="动态验证码",
        required=False,
        max_length=8,
        help_text="已启用两步验证的账号填写验证器应用中的 6 位数字。",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
    otp_error_messages = {
        **OTPAuthenticationFormMixin.otp_error_messages,
        "token_required": "这个账号已启用两步验证，请填写验证器应用中的动态验证码。",
        "invalid_token": "动态验证码不正确或已过期，请重新输入。",
        "device_required": "超级用户必须使用两步验证，但这个账号还没有验证器。"
        "请运行 manage.py add_totp_device 添加一个。",
        "verification_not_allowed": "动态验证码暂时无法校验，请稍后再试。",
    }

    def clean(self):
        cleaned_data = super().clean()
        user = self.get_user()
        if user is not None and second_factor.required_for(user):
            if second_factor.device_for(user) is None:
                raise forms.ValidationError(
                    self.otp_error_messages["device_required"], code="device_required"
                )
            self.clean_otp(user)
        return cleaned_data

    def _chosen_device(self, user):
        return second_factor.device_for(user)

    def _update_form(self, user):
        """The base form would offer a device list; ours has only the code field."""
