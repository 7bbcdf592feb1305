"""axe-core finds no violations on any kind of reader page."""

from urllib.parse import urlencode

import pytest
from django.urls import reverse

from glossary.models import GlossaryEntry

pytestmark = pytest.mark.browser

PAGES = {
    "home": lambda article: reverse("articles:home"),
    "article": lambda article: article.get_absolute_url(),
    "tag": lambda article: article.tags.order_by("name").first().get_absolute_url(),
    "author": lambda article: article.author.get_absolute_url(),
    "glossary": lambda article: reverse("glossary:index"),
    "term": lambda article: GlossaryEntry.objects.published().first().get_absolute_url(),
    "search": lambda article: f"{reverse('search')}?{urlencode({'q': '腾讯'})}",
}


def format_violations(url, violations) -> str:
    lines = [f"{len(violations)} accessibility violation(s) on {url}:"]
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']} <{v['helpUrl']}>")
        for node in v["nodes"]:
            lines.append(f"    at {', '.join(map(str, node['target']))}: {node['html'][:160]}")
            if node.get("failureSummary"):
                lines.append("      " + node["failureSummary"].replace("\n", "\n      "))
    return "\n".join(lines)


@pytest.mark.parametrize("name", PAGES)
def test_no_axe_violations(name, axe_page, axe, seed_article):
    url = PAGES[name](seed_article)
    response = axe_page.goto(url)
    assert response.ok, f"{url} answered {response.status}"

    violations = axe(axe_page)

    assert not violations, format_violations(url, violations)
