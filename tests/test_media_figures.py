"""Figures in article bodies: Markdown `![alt](media:42 "caption")` → `<figure>`."""

import re

import pytest

from articles.admin.markdown_preview import render_preview
from articles.importer.parse import parse_text
from articles.rendering import render_markdown
from glossary.linking import linked_body
from tests.factories import make_article, make_term
from tests.media_fixtures import add_image, jpeg_bytes, media_root_fixture  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]


@pytest.fixture
def photo():
    return add_image(
        jpeg_bytes(2000, 1000), alt_text="仓库里的分拣机器人", caption="图库图注", credit="新华社"
    )


def test_a_library_image_alone_in_a_paragraph_becomes_a_figure(photo):
    html = render_markdown(f'前文。\n\n![分拣机器人](media:{photo.pk} "智能仓储的一角")\n\n后文。')

    figure = re.search(r"<figure.*?</figure>", html, re.S)[0]
    assert "<p><figure" not in html
    assert '<img src="/media/images/' in figure
    assert 'alt="分拣机器人"' in figure
    assert 'width="720" height="360"' in figure
    assert 'loading="lazy"' in figure and 'decoding="async"' in figure
    assert re.search(r'srcset="[^"]+ 720w, [^"]+ 1440w"', figure)
    assert 'sizes="(min-width: 48em) 45rem, 100vw"' in figure
    assert '<source type="image/webp"' in figure
    credit = '<span class="figure__credit">图片来源：新华社</span>'
    assert f"<figcaption>智能仓储的一角{credit}</figcaption>" in figure


def test_library_alt_text_and_caption_fill_in_what_the_markdown_leaves_out(photo):
    html = render_markdown(f"![](media:{photo.pk})")

    assert 'alt="仓库里的分拣机器人"' in html
    assert "<figcaption>图库图注" in html


def test_external_images_and_unknown_ids_are_dropped(photo):
    html = render_markdown(
        f"![外链](https://example.com/x.png)\n\n正文 ![坏](media:{photo.pk + 99}) 继续。"
    )

    assert "<img" not in html and "example.com" not in html
    assert "<p>正文  继续。</p>" in html


def test_an_image_inside_a_sentence_stays_inline_without_a_figure(photo):
    html = render_markdown(f"左边 ![小图](media:{photo.pk}) 右边")

    assert "<figure" not in html
    assert re.search(r"<p>左边 <picture>.*</picture> 右边</p>", html, re.S)


def test_markup_in_alt_and_caption_is_escaped(photo):
    html = render_markdown(f"![<script>x</script>](media:{photo.pk} \"<b onclick='y'>c</b>\")")

    assert "<script" not in html and "<b " not in html
    assert "&lt;script&gt;" in html


def test_preview_renders_figures_like_the_page_with_glossary_links(photo):
    make_term("智能仓储", "用软件调度的仓库。")
    body = f'![分拣机器人](media:{photo.pk} "智能仓储的一角")'
    article = make_article(body=body)

    preview = render_preview(body)

    assert "<figure" in preview
    assert preview == linked_body(article)
    assert 'alt="分拣机器人"' in preview


def test_importer_drops_image_references(seed_text):
    first_body_line = "腾讯在2018年提出"
    assert first_body_line in seed_text
    text = seed_text.replace(
        first_body_line, "![配图](http://img.example.cn/a.jpg)" + first_body_line, 1
    )

    article = parse_text(text, "seed.txt").articles[0]

    assert "img.example.cn" not in article.body and "配图" not in article.body
    assert first_body_line in article.body
    [image] = [r for r in article.removed if r.rule == "image"]  # the editor sees why
    assert image.text == "![配图](http://img.example.cn/a.jpg)" and "外部图片" in image.reason
