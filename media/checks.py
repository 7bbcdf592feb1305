"""What stops an article body or cover from being saved or published, in editors' words."""

from .models import Image
from .references import library_id, references


def _line(body: str, offset: int) -> int:
    return body.count("\n", 0, offset) + 1


def body_problems(body: str) -> list[str]:
    """External pictures and unknown library ids in Markdown `body`, one message each."""
    found = references(body)
    ids = {library_id(ref["src"]) for ref in found} - {None}
    known = set(Image.objects.filter(pk__in=ids).values_list("pk", flat=True)) if ids else set()
    problems = []
    for ref in found:
        line, image_id = _line(body, ref.start()), library_id(ref["src"])
        if image_id is None:
            problems.append(
                f"正文第 {line} 行引用了外部图片“{ref['src'] or '（空地址）'}”：网站不直接显示"
                "其他网站的图片，这处引用不会出现在页面上。请用正文下方的“取回到图库”按钮"
                "把它存进图库（地址随即换成图库图片），或删去这处引用。"
            )
        elif image_id not in known:
            problems.append(f"正文第 {line} 行的图片 media:{image_id} 不在图库中（可能已删除）。")
    return problems


def missing_alt_text(body: str, cover: Image | None) -> list[str]:
    """Images the article would show without alt text; they must have it to be published."""
    problems = []
    if cover is not None and not cover.alt_text.strip():
        problems.append(f"封面图 #{cover.pk} 没有替代文字：请在图库中填写后再发布。")
    wanting = {library_id(ref["src"]) for ref in references(body) if not ref["alt"].strip()} - {
        None
    }
    if wanting:
        for image in Image.objects.filter(pk__in=wanting, alt_text="").order_by("pk"):
            problems.append(
                f"插图 #{image.pk} 没有替代文字：请在图库中填写，或写在正文的 ![替代文字]"
                f"(media:{image.pk}) 中，再发布。"
            )
    return problems


def publish_problems(article) -> list[str]:
    """Why `article` may not be published as it stands (for bulk publishing)."""
    return missing_alt_text(article.body, article.cover)
