"""Near-duplicate tags (近似标签): names close to an existing tag are saved, with a
warning naming and linking the existing tags; the tag box warns before saving too."""

import pytest
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.urls import reverse

from articles import roles
from articles.models import Article, Tag
from articles.tag_neighbours import CONTAINS, ONE_EDIT, SAME_SOUND, near, one_edit_apart
from tests.factories import make_article

pytestmark = pytest.mark.django_db
NEIGHBOURS = reverse("admin:articles_article_tag_neighbours")


@pytest.fixture
def tags():
    return {name: Tag.objects.create(name=name) for name in ("智慧零售", "SaaS", "产业", "5G")}


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_user("editor", password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name=roles.EDITOR))
    client.force_login(user)
    return user


def warnings(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == "warning"]


class TestNear:
    @pytest.mark.parametrize(
        ("name", "neighbour", "reason"),
        [
            ("智惠零售", "智慧零售", SAME_SOUND),
            ("智慧零食", "智慧零售", ONE_EDIT),
            ("智慧零售业", "智慧零售", ONE_EDIT),
            ("SaaSs", "SaaS", ONE_EDIT),
            ("ｓａａｓ平台", "SaaS", CONTAINS),
            ("零售", "智慧零售", CONTAINS),
        ],
    )
    def test_close_names(self, tags, name, neighbour, reason):
        assert [(n.name, n.reason) for n in near(name)] == [(neighbour, reason)]

    @pytest.mark.parametrize("name", ["行业", "4G", "产业互联网", "智慧零售", "ＳａａＳ", "供应链"])
    def test_names_not_close(self, tags, name):
        """Two-character words one apart, a short word in a long one, the same tag."""
        assert near(name) == []

    def test_a_renamed_tag_is_not_its_own_neighbour(self, tags):
        assert near("智慧零售业", exclude={tags["智慧零售"].pk}) == []

    def test_one_edit_apart(self):
        assert one_edit_apart("abc", "abd") and one_edit_apart("abc", "ab")
        assert not one_edit_apart("abc", "acb") and not one_edit_apart("abc", "abc")


class TestTagAdmin:
    def test_creating_a_close_tag_saves_and_warns_with_a_link(self, client, editor, tags):
        response = client.post(reverse("admin:articles_tag_add"), {"name": "智惠零售", "slug": ""})
        assert response.status_code == 302
        assert Tag.objects.filter(name="智惠零售").exists()
        [warning] = warnings(response)
        link = reverse("admin:articles_tag_change", args=[tags["智慧零售"].pk])
        assert f"<a href='{link}'>智慧零售</a>（拼音相同）" in warning

    def test_renaming_warns_about_others_only(self, client, editor, tags):
        tag = tags["SaaS"]
        url = reverse("admin:articles_tag_change", args=[tag.pk])
        response = client.post(url, {"name": "SaaS平台"})
        assert response.status_code == 302 and warnings(response) == []
        response = client.post(url, {"name": "智慧零售业"})
        assert "智慧零售" in warnings(response)[0]
        assert Tag.objects.get(pk=tag.pk).name == "智慧零售业"

    def test_an_unrelated_name_gives_no_warning(self, client, editor, tags):
        response = client.post(reverse("admin:articles_tag_add"), {"name": "供应链", "slug": ""})
        assert response.status_code == 302 and warnings(response) == []


class TestArticleForm:
    def form(self, article, tags):
        return {
            "title": article.title,
            "standfirst": "",
            "body": article.body,
            "status": Article.Status.DRAFT,
            "author": article.author_id,
            "credit": "",
            "tags": tags,
            "slug": article.slug,
        }

    def test_a_new_close_tag_name_is_saved_with_a_warning(self, client, editor, tags):
        article = make_article("一篇", status=Article.Status.DRAFT)
        url = reverse("admin:articles_article_change", args=[article.pk])
        response = client.post(url, self.form(article, "智慧零食、SaaS、供应链"))
        assert response.status_code == 302
        assert {t.name for t in article.tags.all()} == {"智慧零食", "SaaS", "供应链"}
        [warning] = warnings(response)
        assert "智慧零食" in warning and "智慧零售</a>（只差一个字）" in warning

    def test_existing_tags_give_no_warning(self, client, editor, tags):
        article = make_article("一篇", status=Article.Status.DRAFT)
        url = reverse("admin:articles_article_change", args=[article.pk])
        response = client.post(url, self.form(article, "智慧零售、产业"))
        assert response.status_code == 302 and warnings(response) == []

    def test_tag_box_asks_before_saving(self, client, editor, tags):
        answer = client.get(NEIGHBOURS, {"names": "智慧零售、智惠零售、供应链"}).json()
        link = reverse("admin:articles_tag_change", args=[tags["智慧零售"].pk])
        assert answer == {
            "near": [
                {
                    "name": "智惠零售",
                    "tags": [{"name": "智慧零售", "url": link, "reason": "拼音相同"}],
                }
            ]
        }

    def test_change_form_points_the_tag_box_at_the_check(self, client, editor):
        page = client.get(reverse("admin:articles_article_add")).content.decode()
        assert f'data-neighbours-url="{NEIGHBOURS}"' in page
