"""Full-width Chinese punctuation restored in the parser's output; Latin contexts untouched."""

import functools
import re
from pathlib import Path

import pytest

from articles.importer.parse import ParsedDocument, parse_text
from articles.importer.punctuation import full_width

CJK = "\u3400-\u4dbf\u4e00-\u9fff"
HALF_NEXT_TO_CHINESE = re.compile(rf"[{CJK}”’》）][,:;!?]|[,:;!?][{CJK}“‘《（]")
HALF_IN_INTERFACE = re.compile(rf"[{CJK}”’》）][,:;!?()]|[,:;!?()][{CJK}“‘《（]")
ROOT = Path(__file__).resolve().parent.parent
READER_TEMPLATES = [
    *(ROOT / "articles" / "templates" / "articles").rglob("*.html"),
    *(ROOT / "config" / "templates").rglob("*.html"),
    *(ROOT / "glossary" / "templates" / "glossary").rglob("*.html"),
    *(ROOT / "articles" / "templates" / "admin").rglob("*.html"),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("扎根消费互联网,拥抱产业互联网", "扎根消费互联网，拥抱产业互联网"),
        ("背景:消费互联网红利减少;新旧动能接续", "背景：消费互联网红利减少；新旧动能接续"),
        ("什么是产业?就是行业!", "什么是产业？就是行业！"),
        ("真的吗?!", "真的吗？！"),
        ("对应的是 B to B,企业对企业", "对应的是 B to B，企业对企业"),
        ("列SaaS;将PC和移动端打通", "列SaaS；将PC和移动端打通"),
        ("“智慧交通”,也就是", "“智慧交通”，也就是"),
        ("他说:“产业互联网", "他说：“产业互联网"),
        ("腾讯 , Google 和阿里", "腾讯，Google 和阿里"),
        ("L2+,自动驾驶", "L2+，自动驾驶"),
        ("也有用(不同),所以", "也有用（不同），所以"),
        ("领域(教育管理,教学)全面", "领域（教育管理，教学）全面"),
        ("群(CSIG),统一管理", "群(CSIG)，统一管理"),
        ("(外层(inner)说明)", "（外层(inner)说明）"),
        ("(外层(中文)说明)", "（外层（中文）说明）"),
    ],
)
def test_marks_next_to_chinese_become_full_width(text, expected):
    assert full_width(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "活动引流裂变比高达1:30",
        "ERP,MRP的高速发展",
        "发展到 3.0 阶段",
        "C3>C2>C1 的顺序",
        "穆尔(James F. Moore)在《哈佛商业评论》",
        "(1)核心技术",
        "Hello, world: a test; ok? yes!",
        "详见 https://example.com/a?b=1,c:d;e!f 或 www.example.com/?q=x",
        "1. 第一项\n2. 第二项",
        "## 小标题\n\n> 引文。\n>\n> ——《书》",
        "(未闭合的括号,",
    ],
)
def test_latin_numbers_addresses_and_markdown_stay(text):
    expected = text.replace("括号,", "括号，")  # the only mark there next to Chinese
    assert full_width(text) == expected


def test_web_address_glued_to_chinese_keeps_its_marks():
    assert full_width("网址:http://a.com/x?y=1,详情见文") == "网址：http://a.com/x?y=1，详情见文"


@functools.cache
def _parse(text: str) -> ParsedDocument:
    return parse_text(text, "seed.txt")


@pytest.fixture
def seed_doc(seed_text) -> ParsedDocument:
    return _parse(seed_text)


def _outputs(article):
    yield "body", article.body
    yield "standfirst", article.standfirst
    yield "credit", article.credit
    for heading in article.headings:
        yield "heading", heading
    for term in article.terms:
        yield term.term, term.definition


def test_no_half_width_marks_left_next_to_chinese_in_the_seed(seed_doc):
    for article in seed_doc.articles:
        for field, text in _outputs(article):
            found = HALF_NEXT_TO_CHINESE.search(text)
            assert not found, (article.position, field, text[found.start() - 10 : found.end() + 10])
    bodies = "".join(article.body for article in seed_doc.articles)
    assert bodies.count("，") > 880
    assert (bodies.count("："), bodies.count("；"), bodies.count("？")) == (48, 39, 15)
    assert bodies.count("（") == bodies.count("）") == 12


def test_seed_latin_contexts_and_titles_are_untouched(seed_doc):
    first, fourth, fifth, ninth = (seed_doc.articles[n - 1] for n in (1, 4, 5, 9))
    assert "事业群(CSIG)，统一管理" in first.body
    assert "的背景：(1)消费互联网红利逐渐减少，" in first.body
    assert "詹姆斯·弗·穆尔(James F. Moore)在《哈佛商业评论》" in first.body
    assert "**产业互联网生态**：1993年，詹姆斯" in first.body
    assert "解决方案BU(IAS BU)的业务" in fourth.body
    assert "ERP,MRP的高速发展" in fifth.body
    assert "活动引流裂变比高达1:30；拉新成本" in ninth.body
    assert [a.title for a in seed_doc.articles][1:4] == [
        "《2019产业互联网智慧文旅研究报告》重磅发布!(全文下载)| 专题",
        "一文读懂到底什么是产业互联网",
        "2020年,产业互联网八大趋势",
    ]
    assert seed_doc.articles[6].title == "产业互联网:互联网的新自我进化"
    assert seed_doc.articles[7].title == "传统行业如何进行产业互联网转型?"


DOCUMENT = """\
某某产业网
产业链金融的几个词王五

产业链金融的几个词

导读:供应链金融并不新鲜,但在产业互联网时代,它正在被重新定义(至少在制造业)。\
本文梳理几个常用的词,供读者参考。 一、核心企业的信用核心企业的信用可以沿着供应链传递,\
让中小供应商更容易获得融资;比如账期从90天缩短到30天,比例为3:1。\
详见 https://example.com/a?b=1,c 的说明。\
二、数据让风控更便宜如果说信用是骨架,那么数据就是血肉!区块链让交易数据更加透明可信,\
金融机构的风控成本随之下降。 应收账款:企业因销售商品而应向客户收取的款项(不含预收款)。\
保理:供应商把应收账款转让给金融机构,换取融资的业务。确权:核心企业对债务的真实性进行确认。\
——《产业金融:道与术》
"""


def test_every_output_of_a_constructed_article_gets_chinese_punctuation():
    (article,) = parse_text(DOCUMENT, "punct.txt").articles
    assert article.title == "产业链金融的几个词"
    assert article.standfirst == (
        "供应链金融并不新鲜，但在产业互联网时代，它正在被重新定义（至少在制造业）。"
        "本文梳理几个常用的词，供读者参考。"
    )
    assert article.headings == ("一、核心企业的信用", "二、数据让风控更便宜", "名词解释")
    assert [(t.term, t.definition) for t in article.terms] == [
        ("应收账款", "企业因销售商品而应向客户收取的款项（不含预收款）。"),
        ("保理", "供应商把应收账款转让给金融机构，换取融资的业务。"),
        ("确权", "核心企业对债务的真实性进行确认。"),
    ]
    assert article.credit == "《产业金融：道与术》"
    assert "让中小供应商更容易获得融资；比如账期从90天缩短到30天，比例为3:1。" in article.body
    assert "详见 https://example.com/a?b=1,c 的说明。" in article.body
    assert "如果说信用是骨架，那么数据就是血肉！区块链" in article.body
    assert "**保理**：供应商把应收账款转让给金融机构，换取融资的业务。" in article.body


@pytest.mark.parametrize("path", READER_TEMPLATES, ids=lambda path: path.name)
def test_reader_templates_use_chinese_punctuation(path):
    source = path.read_text(encoding="utf-8")
    assert not [line for line in source.splitlines() if HALF_IN_INTERFACE.search(line)]
