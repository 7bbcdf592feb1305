"""Revision comparison of a long body: changed paragraphs with one paragraph of context,
the rest folded into a count."""

from articles import revisions
from articles.diff_context import paragraph_diff

BODY = "\n\n".join(f"第{n}段，讲产业互联网。" for n in range(1, 7))


def diff(old, new):
    return str(paragraph_diff(old, new, revisions.diff_html))


def test_a_changed_paragraph_shows_with_its_neighbours_and_folds_the_rest():
    html = diff(BODY, BODY.replace("第4段，讲产业互联网", "第4段，讲智慧零售"))
    assert "……（2 段未改动）……" in html  # paragraphs 1 and 2
    assert "<p>第3段，讲产业互联网。</p>" in html and "<p>第5段，讲产业互联网。</p>" in html
    assert "第1段" not in html and "第6段" not in html
    assert "<del>产业互联网</del><ins>智慧零售</ins>" in html


def test_removed_and_added_paragraphs_are_whole():
    removed = diff(BODY, BODY.replace("第2段，讲产业互联网。\n\n", ""))
    assert "<p><del>第2段，讲产业互联网。</del></p>" in removed
    added = diff(BODY, BODY + "\n\n新的一段。")
    assert "<p><ins>新的一段。</ins></p>" in added
    assert "……（5 段未改动）……" in added  # paragraphs 1–5; the 6th is kept as context


def test_revision_page_compares_the_body_by_paragraph():
    state = {name: "" for name in revisions.TEXT_FIELDS} | {"status": "draft", "tags": []}
    rows = revisions.compare(
        {**state, "title": "t", "body": BODY},
        {**state, "title": "t", "body": BODY.replace("第6段", "第六段")},
    )
    body = next(row for row in rows if row["label"] == "正文")
    assert body["changed"] and "……（4 段未改动）……" in str(body["diff"])
