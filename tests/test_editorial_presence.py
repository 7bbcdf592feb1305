"""Who else has an article open in the admin: the notice, the heartbeat, leaving, fading."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from articles import presence
from tests.factories import make_article
from tests.test_editorial_revisions import form_of

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")
TEN = datetime(2026, 3, 2, 10, 0, tzinfo=SHANGHAI)
NOTICE = "也打开了这篇文章"


@pytest.fixture
def people(django_user_model):
    """Logged-in clients of two editors, 张三 and 李四."""
    clients = {}
    for username, last, first in (("zhang", "张", "三"), ("li", "李", "四")):
        user = django_user_model.objects.create_user(
            username, password="x", is_staff=True, last_name=last, first_name=first
        )
        user.groups.add(Group.objects.get(name="编辑"))
        clients[username] = Client()
        clients[username].force_login(user)
    return clients


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def editing_url(article):
    return reverse("admin:articles_article_editing", args=[article.pk])


def notice(response) -> str:
    page = response.content.decode()
    start = page.index('id="presence-notice"')
    return page[start : page.index("</div>", start)]


def test_the_second_editor_sees_who_opened_the_article_first(people):
    article = make_article()
    with time_machine.travel(TEN, tick=False):
        first = people["zhang"].get(change_url(article))
    assert NOTICE not in notice(first)
    assert f'data-url="{editing_url(article)}"' in first.content.decode()
    with time_machine.travel(TEN + timedelta(minutes=2), tick=False):
        second = people["li"].get(change_url(article))
    assert "张三（10:00 起）也打开了这篇文章" in notice(second)


def test_the_heartbeat_tells_the_first_editor_about_the_second(people):
    article = make_article()
    with time_machine.travel(TEN, tick=False):
        people["zhang"].get(change_url(article))
        assert people["zhang"].post(editing_url(article)).json()["others"] == 0
    with time_machine.travel(TEN + timedelta(minutes=2), tick=False):
        people["li"].get(change_url(article))
    with time_machine.travel(TEN + timedelta(minutes=3), tick=False):
        answer = people["zhang"].post(editing_url(article)).json()
    assert answer["others"] == 1
    assert "李四（10:02 起）也打开了这篇文章" in answer["html"]


def test_leaving_the_page_or_saving_removes_the_notice(people):
    article = make_article()
    zhang_form = form_of(people["zhang"].get(change_url(article)))
    people["li"].get(change_url(article))
    assert people["li"].post(editing_url(article), {"leave": "1"}).status_code == 204
    assert people["zhang"].post(editing_url(article)).json()["others"] == 0

    people["li"].get(change_url(article))
    assert people["zhang"].post(change_url(article), zhang_form).status_code == 302
    assert NOTICE not in notice(people["li"].get(change_url(article)))


def test_an_editor_who_stops_sending_heartbeats_fades_out(people):
    article = make_article()
    with time_machine.travel(TEN, tick=False):
        people["zhang"].get(change_url(article))
    with time_machine.travel(TEN + timedelta(seconds=presence.STALE - 1), tick=False):
        assert NOTICE in notice(people["li"].get(change_url(article)))
    with time_machine.travel(TEN + timedelta(seconds=presence.STALE + 1), tick=False):
        assert people["li"].post(editing_url(article)).json()["others"] == 0


def test_the_heartbeat_keeps_an_open_page_counted(people):
    article = make_article()
    with time_machine.travel(TEN, tick=False):
        people["zhang"].get(change_url(article))
    for beat in range(1, 5):
        with time_machine.travel(TEN + timedelta(seconds=beat * presence.HEARTBEAT), tick=False):
            people["zhang"].post(editing_url(article))
    with time_machine.travel(TEN + timedelta(seconds=4 * presence.HEARTBEAT + 1), tick=False):
        assert "张三（10:00 起）" in notice(people["li"].get(change_url(article)))


def test_heartbeat_of_a_missing_article_is_a_404(people):
    response = people["zhang"].post(reverse("admin:articles_article_editing", args=[999999]))
    assert response.status_code == 404


def test_the_changelist_names_who_has_an_article_open(people):
    article = make_article("正在修改的文章")
    make_article("没人打开的文章")
    people["zhang"].get(change_url(article))
    page = people["li"].get(reverse("admin:articles_article_changelist")).content.decode()
    rows = {row.split("</th>")[0]: row for row in page.split('<th class="field-title">')[1:]}
    opened = next(row for title, row in rows.items() if "正在修改的文章" in title)
    untouched = next(row for title, row in rows.items() if "没人打开的文章" in title)
    assert '<td class="field-editing_now">张三</td>' in opened
    assert '<td class="field-editing_now">-</td>' in untouched
    own = people["zhang"].get(reverse("admin:articles_article_changelist")).content.decode()
    assert "张三</td>" not in own  # one's own open page is no news
