"""Three-way merge of two editors' versions: text by paragraph, tags as sets, the status."""

import pytest

from articles.merge import merge_states, merge_text

BASE = "甲。\n\n乙。\n\n丙。"


@pytest.mark.parametrize(
    ("mine", "theirs", "merged"),
    [
        ("甲改。\n\n乙。\n\n丙。", "甲。\n\n乙。\n\n丙改。", "甲改。\n\n乙。\n\n丙改。"),
        (
            "甲。\n\n乙。\n\n丙。\n\n丁。",
            "新。\n\n甲。\n\n乙。\n\n丙。",
            "新。\n\n甲。\n\n乙。\n\n丙。\n\n丁。",
        ),
        ("甲。\n\n丙。", "甲。\n\n乙。\n\n丙改。", "甲。\n\n丙改。"),
        ("甲改。\n\n乙。\n\n丙。", "甲改。\n\n乙。\n\n丙。", "甲改。\n\n乙。\n\n丙。"),
        ("甲改。\n\n乙。\n\n丙。", BASE, "甲改。\n\n乙。\n\n丙。"),
        (BASE, "甲。\n\n乙改。\n\n丙。", "甲。\n\n乙改。\n\n丙。"),
        ("甲改。\r\n\r\n乙。\r\n\r\n丙。", "甲。\n\n乙。\n\n丙改。", "甲改。\n\n乙。\n\n丙改。"),
    ],
    ids=[
        "different paragraphs",
        "both ends",
        "deletion",
        "same change",
        "only mine",
        "only theirs",
        "browser line ends",
    ],
)
def test_changes_in_different_places_merge(mine, theirs, merged):
    assert merge_text(BASE, mine, theirs) == merged


@pytest.mark.parametrize(
    ("mine", "theirs"),
    [
        ("甲改。\n\n乙。\n\n丙。", "甲又改。\n\n乙。\n\n丙。"),
        ("甲。\n\n乙。\n\n丙。\n\n丁。", "甲。\n\n乙。\n\n丙。\n\n戊。"),
        ("甲。\n\n丙。", "甲。\n\n乙改。\n\n丙。"),
    ],
    ids=["same paragraph", "additions at the same place", "deleted what the other changed"],
)
def test_changes_in_the_same_place_clash(mine, theirs):
    assert merge_text(BASE, mine, theirs) is None


def test_a_paragraph_both_changed_merges_word_by_word():
    base = "产业互联网正在改变制造业。\n\n第二段。"
    mine = "产业互联网正在深刻改变制造业。\n\n第二段。"
    theirs = "产业互联网正在改变制造业和零售业。\n\n第二段，补充。"
    merged = "产业互联网正在深刻改变制造业和零售业。\n\n第二段，补充。"
    assert merge_text(base, mine, theirs) == merged
    assert merge_text(base, "产业互联网正在重塑制造业。", "产业互联网正在颠覆制造业。") is None


def state(title="标题", body=BASE, status="draft", tags=("零售",)):
    return {
        "title": title,
        "standfirst": "",
        "body": body,
        "credit": "",
        "status": status,
        "tags": sorted(tags),
    }


def test_states_merge_text_tags_and_status():
    mine = state(title="新标题", tags=("零售", "物流"))
    theirs = state(body="甲。\n\n乙改。\n\n丙。", status="review", tags=())
    merged, clashes = merge_states(state(), mine, theirs)
    assert clashes == []
    assert merged == state(
        title="新标题", body="甲。\n\n乙改。\n\n丙。", status="review", tags=("物流",)
    )


def test_clashing_fields_are_named_and_keep_mine():
    mine = state(title="我的标题", status="review")
    theirs = state(title="他的标题", status="published", body="甲改。\n\n乙。\n\n丙。")
    merged, clashes = merge_states(state(), mine, theirs)
    assert clashes == ["title", "status"]
    assert (merged["title"], merged["status"]) == ("我的标题", "review")
    assert merged["body"] == "甲改。\n\n乙。\n\n丙。"
