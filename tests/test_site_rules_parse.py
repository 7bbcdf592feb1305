"""Editors' site rules as the parser applies them: after the judge, per site, by words."""

from pathlib import Path

import pytest

from articles.importer.judge import remove_boilerplate
from articles.importer.parse import parse_bytes
from articles.importer.rules import (
    KEEP,
    NO_RULES,
    REASON,
    REMOVE,
    Rules,
    SiteRules,
    normalise,
    site_key,
)

CORPUS = Path(__file__).parent / "corpus"
CHANJING = CORPUS / "chanjing-wechat" / "01-factory-cloud-digest.txt"
HUAXIN = CORPUS / "huaxin-portal" / "01-policy-earnings-amr.txt"
NOTICE = "如有侵权请联系删除。"


def parse(path, rules=NO_RULES):
    return parse_bytes(path.read_bytes(), path.name, rules)


def article_with(document, text):
    return next(a for a in document.articles if any(r.text == text for r in a.removed))


@pytest.fixture(scope="module")
def plain():
    return parse(CHANJING)


def test_normalise_keeps_only_the_words():
    assert (
        normalise("如有侵权,请联系删除!")
        == normalise("如有侵权，请联系删除！")
        == "如有侵权请联系删除"
    )
    assert normalise(r"用 \*AI\* 做质检。") == normalise("用AI做质检") == "用ai做质检"
    assert normalise("▲▲▲ ⭐") == ""


def test_site_key_is_the_masthead_without_numbers():
    issue_18 = ("智造周刊 ZHIZAO WEEKLY", "2026年第18期 总第326期", "首页 封面故事")
    issue_19 = ("智造周刊 ZHIZAO WEEKLY", "2026年第19期 总第327期", "首页 封面故事")
    assert site_key(issue_18) == site_key(issue_19) == "智造周刊zhizaoweekly"
    assert site_key(("★★★", "产经数字化观察")) == "产经数字化观察"
    assert site_key(()) == ""


def test_documents_carry_their_site(plain):
    assert plain.site == "产经数字化观察"
    assert parse(HUAXIN).site.startswith("华信网")


def test_no_rules_change_nothing(plain):
    assert parse(CHANJING, Rules.from_rows([])) == plain


def test_decide_overrules_the_judge_only_where_told():
    rules = SiteRules(keep=frozenset({"如有侵权请联系删除"}), remove=frozenset({"第二句"}))
    assert rules.decide(NOTICE, ("版权", len(NOTICE))) is None
    assert rules.decide("关注我们", ("号召", 4)) == ("号召", 4)
    assert rules.decide("第二句。", None) == (REASON, 4)
    assert rules.decide("第一句。", None) is None


def test_remove_boilerplate_applies_both_kinds():
    text = "正文第一句。\n点击关注我们\n正文第二句。"
    _, judged = remove_boilerplate(text, frozenset())
    assert [r.text for r in judged] == ["点击关注我们"]
    rules = SiteRules(keep=frozenset({"点击关注我们"}), remove=frozenset({"正文第二句"}))
    kept, removals = remove_boilerplate(text, frozenset(), rules)
    assert "点击关注我们" in kept and "正文第二句" not in kept
    assert [(r.text, r.reason) for r in removals] == [("正文第二句。", REASON)]


def test_a_keep_rule_keeps_a_removed_segment_in_the_body(plain):
    before = article_with(plain, NOTICE)
    rules = Rules.from_rows([("产经数字化观察", normalise(NOTICE), KEEP)])
    after = parse(CHANJING, rules).articles[before.position - 1]
    assert NOTICE not in before.body and NOTICE in after.body
    assert NOTICE not in [r.text for r in after.removed]


def test_a_remove_rule_removes_a_kept_segment_with_its_reason(plain):
    first = plain.articles[0]
    sentence = "卡点并不在技术。"
    assert sentence in first.body
    rules = Rules.from_rows([("产经数字化观察", normalise(sentence), REMOVE)])
    after = parse(CHANJING, rules).articles[0]
    assert sentence not in after.body
    assert ("卡点并不在技术。", "boilerplate", REASON) in [
        (r.text, r.rule, r.reason) for r in after.removed
    ]


def test_rules_of_another_site_do_not_apply(plain):
    rules = Rules.from_rows([("华信网", normalise(NOTICE), KEEP)])
    assert parse(CHANJING, rules) == plain


def test_a_keep_rule_also_keeps_a_known_notice_and_a_running_header():
    """Removals by the known-notice patterns and the PDF running header are overruled by
    a keep rule as the judge's are, and the import preview offers them for marking."""
    from articles.import_review import OVERRULABLE

    report = CORPUS / "zhiku-report" / "02-warehouse-data-rights-llm.txt"
    before = parse(report)
    found = [
        (a.position, r)
        for a in before.articles
        for r in a.removed
        if r.rule == "pattern" and "页眉" in r.reason
    ]
    assert found and all(r.rule in OVERRULABLE for _, r in found)
    position, header = found[0]
    rules = Rules.from_rows([(before.site, normalise(header.text), KEEP)])
    after = parse(report, rules).articles[position - 1]
    assert header.text not in [r.text for r in after.removed]
    title = header.text.split()[-1]
    assert title not in before.articles[position - 1].body and title in after.body


@pytest.mark.parametrize(
    "path, rule", [(CHANJING, "credit"), (HUAXIN, "tail")], ids=["credit line", "sign-off"]
)
def test_a_keep_rule_leaves_a_credit_line_or_sign_off_piece_in_the_body(path, rule):
    """Recorded credit lines and closing sign-off pieces are overruled by a keep rule: the
    text stays in its body, is no longer recorded, and no other article changes."""
    from articles.import_review import OVERRULABLE

    before = parse(path)
    position, found = next(
        (a.position, r) for a in before.articles for r in a.removed if r.rule == rule
    )
    assert rule in OVERRULABLE
    rules = Rules.from_rows([(before.site, normalise(found.text), KEEP)])
    kept = parse(path, rules)
    after = kept.articles[position - 1]
    assert found.text.strip() not in [r.text.strip() for r in after.removed]
    assert normalise(found.text) in normalise(after.body)
    assert normalise(found.text) not in normalise(before.articles[position - 1].body)
    others = [a for a in kept.articles if a.position != position]
    assert others == [a for a in before.articles if a.position != position]
