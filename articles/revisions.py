"""Revisions of an article: kept on every admin save, compared word by word, restored.

A revision's `created_at` is the article's `updated_at` for that state, so the version an
editor started from (carried by the change form) can be found again when a save clashes.
"""

from difflib import SequenceMatcher

from django.db.models import Max
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from . import roles, segmenter
from .diff_context import paragraph_diff
from .models import CREDIT_FIELDS, Article, ArticleRevision

TEXT_FIELDS = ("title", "standfirst", "body", "credit", *CREDIT_FIELDS)
LABELS = {
    name: Article._meta.get_field(name).verbose_name for name in (*TEXT_FIELDS, "status", "tags")
}
LINE_BREAK = mark_safe("<br>")


def state_of(obj: Article | ArticleRevision, tag_names=None) -> dict:
    """The revisioned fields of an article or a revision, tags as a sorted list of names
    (an article's read from the database unless given as `tag_names`)."""
    state = {name: getattr(obj, name) for name in (*TEXT_FIELDS, "status")}
    if isinstance(obj, ArticleRevision):
        state["tags"] = sorted(obj.tags)
    elif tag_names is not None:
        state["tags"] = sorted(tag_names)
    else:
        state["tags"] = sorted(tag.name for tag in obj.tags.all())
    return state


def snapshot(
    article: Article, user, comment: str = "", *, first=False, tag_names=None
) -> ArticleRevision:
    """Keep the article's current (saved) state as its next revision (`first`: of an
    article just created, which has none yet; `tag_names`: its tags, if known)."""
    last = 0 if first else article.revisions.aggregate(last=Max("number"))["last"] or 0
    return ArticleRevision.objects.create(
        article=article,
        number=last + 1,
        created_by=user,
        created_at=article.updated_at,
        comment=comment,
        **state_of(article, tag_names),
    )


def ensure_baseline(article_id: int) -> ArticleRevision | None:
    """Before an admin save: keep the stored state too, if no revision holds it yet.

    Imported articles and changes made outside the admin have no revision; without this
    their text could be neither compared nor restored once an editor saves over it.
    """
    stored = Article.objects.prefetch_related("tags").get(pk=article_id)
    last = stored.revisions.first()
    if last is not None and last.created_at == stored.updated_at:
        return None
    return snapshot(stored, None, "初始版本" if last is None else "后台以外的修改")


def revision_at(article: Article, version) -> ArticleRevision | None:
    """The revision holding the state the article had when its `updated_at` was `version`."""
    return article.revisions.filter(created_at=version).first()


def _tokens(text: str) -> list[str]:
    """Words for Chinese, runs for Latin text; joined they give `text` back."""
    return segmenter.words(text)


def _lines(chunk: str) -> SafeString:
    return format_html_join(LINE_BREAK, "{}", ((line,) for line in chunk.split("\n")))


def diff_html(old: str, new: str) -> SafeString:
    """`new` against `old`, word by word: removals in `<del>`, additions in `<ins>`."""
    a, b = _tokens(old), _tokens(new)
    parts = []
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(_lines("".join(a[i1:i2])))
            continue
        if i2 > i1:
            parts.append(format_html("<del>{}</del>", _lines("".join(a[i1:i2]))))
        if j2 > j1:
            parts.append(format_html("<ins>{}</ins>", _lines("".join(b[j1:j2]))))
    return format_html_join("", "{}", ((part,) for part in parts))


def compare(old: dict, new: dict) -> list[dict]:
    """Per field: its label, whether it changed, and the marked-up difference."""
    rows = []
    for name in TEXT_FIELDS:
        changed = old[name] != new[name]
        if name == "body" and changed:  # long: the changed paragraphs with their context
            diff = paragraph_diff(old[name], new[name], diff_html)
        else:
            diff = diff_html(old[name], new[name])
        rows.append({"label": LABELS[name], "changed": changed, "diff": diff})
    status = [Article.Status(state["status"]).label for state in (old, new)]
    tags = ["、".join(state["tags"]) for state in (old, new)]
    for label, (before, after) in ((LABELS["status"], status), (LABELS["tags"], tags)):
        rows.append({"label": label, "changed": before != after, "diff": diff_html(before, after)})
    return rows


def describe(revision: ArticleRevision) -> str:
    """“第 3 版 · 张三 · 2026-05-01 14:05”, for lists and messages."""
    when = timezone.localtime(revision.created_at).strftime("%Y-%m-%d %H:%M")
    return f"第 {revision.number} 版 · {roles.display_name(revision.created_by)} · {when}"
