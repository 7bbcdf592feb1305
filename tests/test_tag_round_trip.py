"""Any tag name that can be stored reads back unchanged from the tag field's text.

The admin shows an article's tags as text (`TAGGIT_STRING_FROM_TAGS`) and reads the
posted text back (`TAGGIT_TAGS_FROM_STRING`): a plain re-save must keep every tag whole,
whatever quotes, commas, Chinese separators or spaces its name holds.
"""

import html
import re

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles import editing, text
from articles.models import Article
from articles.tag_names import names_to_string, parse_tags
from tests.factories import make_article
from tests.site_fixtures import log_in_staff

TRICKY = "\"“”,，、 \t·-_#&<>'" + "SaaS产业互联网數據ｓａａｓ"

names = (
    st.text(
        alphabet=st.sampled_from(TRICKY) | st.characters(codec="utf-8", categories=["L", "N", "P"]),
        min_size=1,
        max_size=20,
    )
    .map(str.strip)
    .filter(bool)
)


def _distinct(values):
    """Stored tags are unique by folded name and kept stripped."""
    seen = {}
    for value in values:
        seen.setdefault(text.fold(value), value)
    return sorted(seen.values())


@given(st.lists(names, max_size=6))
def test_names_read_back_from_their_text(values):
    stored = _distinct(values)
    assert parse_tags(names_to_string(stored)) == stored


@pytest.mark.parametrize(
    "name", ['他说"好"', "研发、设计", "A, B", "Smart Retail", "“引号”", '""', "#标签"]
)
def test_known_hard_names_read_back(name):
    assert parse_tags(names_to_string([name, "SaaS"])) == sorted([name, "SaaS"])


@pytest.mark.django_db
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(values=st.lists(names, min_size=1, max_size=4))
def test_a_plain_re_save_in_the_admin_keeps_every_tag(client, django_user_model, values):
    if not django_user_model.objects.filter(username="editor").exists():
        log_in_staff(client, django_user_model)
    else:
        client.force_login(django_user_model.objects.get(username="editor"))
    article = make_article(status=Article.Status.DRAFT)
    editing.save(article, user=None, tags=values)
    before = sorted(tag.name for tag in article.tags.all())

    url = reverse("admin:articles_article_change", args=[article.pk])
    page = client.get(url)
    form = page.context["adminform"].form
    shown = re.search(r'<input[^>]*name="tags"[^>]*>', page.content.decode()).group(0)
    tags_text = html.unescape(re.search(r'value="([^"]*)"', shown).group(1))
    data = {name: form[name].value() for name in ("title", "standfirst", "body", "credit")}
    response = client.post(
        url,
        {
            **data,
            "status": "draft",
            "author": article.author_id,
            "slug": article.slug,
            "tags": tags_text,
            "base_version": form["base_version"].value(),
        },
    )
    assert response.status_code == 302
    assert sorted(tag.name for tag in article.tags.all()) == before
