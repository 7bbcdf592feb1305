"""Links made from a pattern reversed once are the links `reverse()` makes."""

import pytest
from django.test import override_settings
from django.urls import NoReverseMatch, clear_script_prefix, reverse, set_script_prefix
from hypothesis import given
from hypothesis import strategies as st

from articles.addresses import page_url, slug_url

SLUG_PATTERNS = ["articles:detail", "articles:tag", "articles:author", "articles:section"]
PAGES = ["articles:home", "articles:list", "articles:tags", "glossary:index", "search"]

slugs = st.from_regex(r"[-a-zA-Z0-9_]{1,30}", fullmatch=True) | st.text(
    alphabet=st.characters(codec="utf-8"), min_size=1, max_size=30
)


@given(viewname=st.sampled_from(SLUG_PATTERNS), slug=slugs)
def test_a_slug_link_is_what_reverse_makes(viewname, slug):
    try:
        expected = reverse(viewname, args=[slug])
    except NoReverseMatch:
        with pytest.raises(NoReverseMatch):
            slug_url(viewname, slug)
    else:
        assert slug_url(viewname, slug) == expected


@pytest.mark.parametrize("viewname", PAGES)
def test_a_page_link_is_what_reverse_makes(viewname):
    assert page_url(viewname) == reverse(viewname)


def test_links_follow_the_script_prefix():
    slug_url("articles:tag", "saas"), page_url("articles:list")
    set_script_prefix("/cms/")
    try:
        assert slug_url("articles:tag", "saas") == "/cms/tags/saas/"
        assert page_url("articles:list") == "/cms/articles/"
    finally:
        clear_script_prefix()
    assert slug_url("articles:tag", "saas") == "/tags/saas/"


def test_links_follow_a_changed_url_configuration():
    assert page_url("articles:list") == "/articles/"
    with override_settings(ROOT_URLCONF="tests.urls_mounted"):
        assert page_url("articles:list") == "/site/articles/"
        assert slug_url("articles:tag", "saas") == "/site/tags/saas/"
    assert page_url("articles:list") == "/articles/"
