"""Admin sign-in: django-axes locks out repeated failures; TOTP second factor with django-otp."""

import io
import logging
from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.client_ip import client_ip

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"
PASSWORD = "correct-horse-电池-staple"


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_user("editor", password=PASSWORD, is_staff=True)


@pytest.fixture
def chief(django_user_model):
    return django_user_model.objects.create_superuser("chief", "chief@example.org", PASSWORD)


def sign_in(client, username, password, address="127.0.0.1", **extra):
    return client.post(
        LOGIN,
        {"username": username, "password": password, "next": "/admin/", **extra},
        REMOTE_ADDR=address,
    )


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def fail(client, username, times, address="127.0.0.1"):
    return [sign_in(client, username, "wrong", address).status_code for _ in range(times)]


class TestLockout:
    def test_right_password_is_refused_after_repeated_failures(self, client, editor, settings):
        assert fail(client, "editor", settings.AXES_FAILURE_LIMIT - 1) == [200] * 4
        assert sign_in(client, "editor", "wrong").status_code == 429
        response = sign_in(client, "editor", PASSWORD)
        assert response.status_code == 429
        text = response.content.decode()
        assert "登录失败次数过多（连续 5 次）" in text
        assert "15 分钟后再试" in text
        assert not signed_in(client)

    def test_lock_is_per_account_whatever_the_address(self, client, editor, settings):
        for n in range(settings.AXES_FAILURE_LIMIT):
            sign_in(client, "editor", "wrong", address=f"10.0.0.{n + 1}")
        assert sign_in(client, "editor", PASSWORD, address="10.9.9.9").status_code == 429
        assert not signed_in(client)

    def test_lock_is_per_address_whatever_the_account(self, client, editor, settings):
        for n in range(settings.AXES_FAILURE_LIMIT):
            sign_in(client, f"guess{n}", "wrong", address="10.0.0.7")
        assert sign_in(client, "editor", PASSWORD, address="10.0.0.7").status_code == 429
        assert not signed_in(client)
        assert sign_in(client, "editor", PASSWORD, address="10.0.0.8").status_code == 302
        assert signed_in(client)

    def test_failures_and_lockout_are_logged(self, client, editor, settings, caplog):
        with caplog.at_level(logging.WARNING, logger="axes"):
            fail(client, "editor", settings.AXES_FAILURE_LIMIT)
        messages = [record.getMessage() for record in caplog.records]
        assert any("login failure" in m and "editor" in m for m in messages)
        assert any("Locking out" in m and "editor" in m for m in messages)

    def test_cool_off_ends_the_lock(self, client, editor, settings):
        settings.AXES_COOLOFF_TIME = timedelta(minutes=3)
        fail(client, "editor", settings.AXES_FAILURE_LIMIT)
        response = sign_in(client, "editor", PASSWORD)
        assert "3 分钟后再试" in response.content.decode()
        with time_machine.travel(timezone.now() + timedelta(minutes=4)):
            assert sign_in(client, "editor", PASSWORD).status_code == 302
        assert signed_in(client)

    def test_success_before_the_limit_resets_the_count(self, client, editor, settings):
        fail(client, "editor", settings.AXES_FAILURE_LIMIT - 1)
        assert sign_in(client, "editor", PASSWORD).status_code == 302
        client.logout()
        assert fail(client, "editor", settings.AXES_FAILURE_LIMIT - 1) == [200] * 4


class TestClientAddress:
    def test_without_trusted_proxies_the_peer_address_counts(self, rf, settings):
        settings.TRUSTED_PROXY_COUNT = 0
        request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4")
        assert client_ip(request) == "10.0.0.1"

    def test_behind_one_proxy_its_view_of_the_client_counts(self, rf, settings):
        settings.TRUSTED_PROXY_COUNT = 1
        forged = "6.6.6.6, 203.0.113.5"  # the client sent the first; the proxy appended the second
        request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forged)
        assert client_ip(request) == "203.0.113.5"

    def test_missing_forwarded_header_falls_back_to_the_peer(self, rf, settings):
        settings.TRUSTED_PROXY_COUNT = 1
        assert client_ip(rf.get("/", REMOTE_ADDR="10.0.0.1")) == "10.0.0.1"


def add_device(user):
    return TOTPDevice.objects.create(user=user, name="手机", confirmed=True)


def current_code(device) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


class TestSecondFactor:
    def test_login_page_has_the_code_field(self, client):
        text = client.get(LOGIN).content.decode()
        assert 'name="otp_token"' in text
        assert "动态验证码" in text

    def test_editor_without_a_device_signs_in_with_the_password(self, client, editor):
        assert sign_in(client, "editor", PASSWORD).status_code == 302
        assert client.get("/admin/").status_code == 200

    def test_editor_with_a_device_needs_the_code(self, client, editor):
        add_device(editor)
        response = sign_in(client, "editor", PASSWORD)
        assert response.status_code == 200
        assert "请填写验证器应用中的动态验证码" in response.content.decode()
        assert not signed_in(client)

    def test_wrong_code_is_refused(self, client, editor):
        device = add_device(editor)
        wrong = f"{(int(current_code(device)) + 1) % 10**6:06d}"
        response = sign_in(client, "editor", PASSWORD, otp_token=wrong)
        assert "动态验证码不正确" in response.content.decode()
        assert not signed_in(client)

    def test_right_code_signs_in_and_opens_the_admin(self, client, editor):
        device = add_device(editor)
        response = sign_in(client, "editor", PASSWORD, otp_token=current_code(device))
        assert response.status_code == 302
        assert client.get("/admin/").status_code == 200

    def test_superuser_needs_no_code_unless_production_requires_it(self, client, chief):
        assert sign_in(client, "chief", PASSWORD).status_code == 302

    def test_production_refuses_a_superuser_without_a_device(self, client, chief, settings):
        settings.OTP_REQUIRED_FOR_SUPERUSERS = True
        response = sign_in(client, "chief", PASSWORD)
        assert "超级用户必须使用两步验证" in response.content.decode()
        assert not signed_in(client)

    def test_production_admits_a_superuser_with_the_code(self, client, chief, settings):
        settings.OTP_REQUIRED_FOR_SUPERUSERS = True
        device = add_device(chief)
        assert sign_in(client, "chief", PASSWORD, otp_token=current_code(device)).status_code == 302
        assert client.get("/admin/").status_code == 200

    def test_unverified_superuser_session_is_kept_out_of_the_admin(self, client, chief, settings):
        settings.OTP_REQUIRED_FOR_SUPERUSERS = True
        client.force_login(chief)  # a session that never gave a code
        response = client.get("/admin/")
        assert response.status_code == 302
        assert response["Location"].startswith(LOGIN)

    def test_add_totp_device_command(self, chief):
        out = io.StringIO()
        call_command("add_totp_device", "chief", stdout=out)
        device = TOTPDevice.objects.get(user=chief)
        assert device.confirmed
        assert device.config_url in out.getvalue()
        assert device.config_url.startswith("otpauth://totp/")
