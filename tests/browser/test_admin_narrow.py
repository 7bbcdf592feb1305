"""The admin at 360 px: the main list and change pages scroll no wider than the phone.

A wide results table may scroll inside its own box; nothing may push the page itself
sideways (`document.scrollWidth` beyond the viewport).
"""

import pytest
from django.urls import reverse

from articles.models import Article, Author, Tag
from glossary.models import GlossaryEntry
from media.models import Image
from tests.browser.test_design_checks import (  # noqa: F401  (fixtures)
    ARTIFACTS,
    NARROW,
    admin_page,
    article,
)
from tests.media_fixtures import add_image
from topics.models import Topic

pytestmark = pytest.mark.browser

# What sticks out past the right edge, and is not inside a box that scrolls sideways.
OVERFLOWING = """() => {
  const width = document.documentElement.clientWidth;
  const scrolls = (el) => {
    for (let box = el.parentElement; box && box !== document.body; box = box.parentElement) {
      if (["auto", "scroll"].includes(getComputedStyle(box).overflowX)) return true;
    }
    return false;
  };
  const name = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
    + [...el.classList].map((c) => "." + c).join("");
  const wide = [...document.body.querySelectorAll("*")].filter((el) => {
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.right > width + 1 && !scrolls(el);
  });
  return {
    excess: document.documentElement.scrollWidth - window.innerWidth,
    elements: wide.slice(0, 8).map(
      (el) => `${name(el)} (${Math.round(el.getBoundingClientRect().right)} px)`,
    ),
  };
}"""


def pages(subject):
    image = Image.objects.first()
    models = {
        "articles": ("articles_article", subject.pk),
        "tags": ("articles_tag", Tag.objects.order_by("pk").first().pk),
        "authors": ("articles_author", Author.objects.order_by("pk").first().pk),
        "glossary": ("glossary_glossaryentry", GlossaryEntry.objects.order_by("pk").first().pk),
        "media": ("media_image", image.pk),
        "topics": ("topics_topic", Topic.objects.order_by("pk").first().pk),
    }
    for name, (model, pk) in models.items():
        yield f"{name} list", reverse(f"admin:{model}_changelist")
        yield f"{name} change", reverse(f"admin:{model}_change", args=[pk])


@pytest.fixture
def with_image(settings, tmp_path, article):  # noqa: F811
    settings.MEDIA_ROOT = tmp_path / "media"
    image = add_image(alt_text="一张测试图片", caption="图注")
    Article.objects.filter(pk=article.pk).update(cover=image)
    return image


def test_admin_pages_fit_a_360_px_phone(admin_page, article, with_image):  # noqa: F811
    admin_page.set_viewport_size(NARROW)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    wide = {}
    for name, url in pages(article):
        assert admin_page.goto(url).ok, name
        found = admin_page.evaluate(OVERFLOWING)
        admin_page.screenshot(path=str(ARTIFACTS / f"admin-360-{name.replace(' ', '-')}.png"))
        if found["excess"] > 0:
            wide[name] = found
    assert wide == {}


def test_the_check_finds_what_sticks_out(admin_page, article):  # noqa: F811
    admin_page.set_viewport_size(NARROW)
    admin_page.goto(reverse("admin:topics_topic_changelist"))
    admin_page.evaluate(
        """() => {
          const wide = document.createElement("p");
          wide.id = "too-wide";
          wide.style.width = "600px";
          wide.textContent = "很宽的一段";
          document.querySelector("#content").append(wide);
          const scroller = document.createElement("div");
          scroller.style.overflowX = "auto";
          scroller.innerHTML = '<p id="scrolled" style="width: 900px">表格</p>';
          document.querySelector("#content").append(scroller);
        }"""
    )
    found = admin_page.evaluate(OVERFLOWING)
    assert found["excess"] > 0
    assert any(name.startswith("p#too-wide") for name in found["elements"])
    assert not any(name.startswith("p#scrolled") for name in found["elements"])
