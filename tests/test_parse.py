"""The seed parser on the real seed document: structure, clean-up, headings, glossary."""

import functools
import re

import markdown
import pytest

from articles.importer.parse import ParsedDocument, parse_text

SOURCE = "000_793b1a8e42e41927.txt"

EXPECTED = [
    ("社交网络巨头产业互联网布局研究——腾讯案例分析", "红地毯"),
    ("《2019产业互联网智慧文旅研究报告》重磅发布!(全文下载)| 专题", "槐树庄"),
    ("一文读懂到底什么是产业互联网", "孔雀城"),
    ("2020年,产业互联网八大趋势", "明希"),
    ("研究产业互联网需要理论与实际相结合", "世蕲乎乱"),
    ("解析产业互联网的基本架构", "魔法粉"),
    ("产业互联网:互联网的新自我进化", "溟涬"),
    ("传统行业如何进行产业互联网转型?", "鬼赌鬼"),
    ("产业互联网的“三大层级”与核心价值", "草戒指"),
    ("产业互联网理念", "不能动人"),
]

CHROME = (
    "欢迎来到加倍考研网! 北京 上海 广州 深圳 天津",
    "微信二维码",
    "在线客服 40004-98986",
    "推荐适合你的在职研究生专业及院校",
)

BOILERPLATE = [
    *"本站资源来源于网络 回复关键词 欢迎分享至朋友圈 公众号第 本文原创发布于".split(),
    *"禁止转载 #专栏作家# 专栏作家 题图来自 图片来自网络 注:文中部分图片".split(),
    *"本文编辑 审核: 版权归原作者所有 敬请期待 关注我 ▼ #文化产业参考# 整合编译".split(),
    "- End. -",
]

TERMS = "C2B 智慧产业 智慧医疗 智慧教育 智慧出行 智慧零售 去中心化 产业互联网生态 孵化".split()

CJK = "\u3400-\u4dbf\u4e00-\u9fff"


@functools.cache
def _parse(text: str) -> ParsedDocument:
    return parse_text(text, SOURCE)


@pytest.fixture
def doc(seed_text) -> ParsedDocument:
    return _parse(seed_text)


def article(doc: ParsedDocument, position: int):
    return doc.articles[position - 1]


def blocks(body: str) -> list[str]:
    return body.split("\n\n")


def prose_sections(body: str) -> list[list[str]]:
    """Paragraphs grouped by section, without headings, lists and the glossary; a list
    also ends the run of paragraphs before it."""
    sections: list[list[str]] = [[]]
    for block in blocks(body.split("\n\n## 名词解释")[0]):
        if block.startswith(("## ", "1. ")):
            sections.append([])
        else:
            sections[-1].append(block)
    return [section for section in sections if section]


def sentence_count(paragraph: str) -> int:
    """Sentence ends outside quotes, book titles and brackets."""
    pairs = {"“": "”", "《": "》", "(": ")", "（": "）"}
    depth = {opener: 0 for opener in pairs}
    closers = {closer: opener for opener, closer in pairs.items()}
    count = 0
    for i, char in enumerate(paragraph):
        if char in pairs:
            depth[char] += 1
        elif char in closers:
            depth[closers[char]] = max(0, depth[closers[char]] - 1)
        nested = any(depth.values())
        following = paragraph[i + 1 : i + 2]
        if not nested and char in "。!?！？" and following not in ("”", "!", "?", "！", "？"):
            count += 1
    return count


def test_ten_articles_with_titles_and_pen_names(doc):
    assert [(a.title, a.author) for a in doc.articles] == EXPECTED
    assert [a.position for a in doc.articles] == list(range(1, 11))
    assert [a.line for a in doc.articles] == [7, 13, 19, 25, 31, 37, 43, 49, 55, 61]
    assert doc.source == SOURCE


def test_chrome_is_the_four_site_lines_and_nowhere_else(doc):
    assert doc.chrome == CHROME
    for a in doc.articles:
        for line in CHROME:
            assert line not in a.body
            assert line not in a.standfirst
        assert "加倍考研网" not in a.body


@pytest.mark.parametrize("fragment", BOILERPLATE)
def test_no_boilerplate_in_any_body(doc, fragment):
    for a in doc.articles:
        assert fragment not in a.body, (a.position, fragment)
        assert fragment not in a.standfirst, (a.position, fragment)
        assert all(fragment not in t.definition for t in a.terms)


def test_text_around_removed_boilerplate_joins_up(doc):
    assert "没有云存储，只有脑回路。最近，国士无双正在全力开启" in article(doc, 3).body
    assert article(doc, 2).body.startswith("腾讯全球数字生态大会于5月21日-23日")
    assert article(doc, 2).body.endswith("才能抓住发展机遇，从激烈的竞争中脱颖而出。")
    assert article(doc, 4).body.endswith("产业在加速，市场在进化，而我们都是剧中人。")
    assert article(doc, 6).body.endswith("我们来深入的分析下。")
    assert article(doc, 7).body.endswith(
        "千万要记住：互联网的伟大之处在于自我修正，自我革命，自我进化。"
    )
    assert "(图片来自" not in article(doc, 3).body and "（图片来自" not in article(doc, 3).body


def test_credits(doc):
    assert article(doc, 4).credit == "皮爷 / 产业家"
    assert article(doc, 6).credit == "人人都是产品经理"
    assert article(doc, 7).credit == "孟永辉 / 人人都是产品经理"
    assert article(doc, 10).credit == "《产业互联网生态构建的道法术器势》"
    assert [article(doc, n).credit for n in (1, 3, 5, 8, 9)] == [""] * 5
    assert "作者|" not in article(doc, 4).body
    assert "出品|" not in article(doc, 4).body


def test_standfirsts(doc):
    assert article(doc, 4).standfirst == (
        "时代的一粒灰，在给产业互联网带来压力的同时，也凝实着最底层的基座。"
        "产业在加速，市场在进化，而我们都是剧中人。"
    )
    assert article(doc, 4).body.startswith("2020年，注定是不平凡的一年。")
    assert article(doc, 6).standfirst == (
        "本文作者从版本迭代、生态圈和存在问题几个方面对工业互联网的基本架构做了一个简单的分析。"
    )
    assert article(doc, 6).body.startswith("“工业互联网”的概念最早于2012年由通用电气提出")
    assert article(doc, 7).standfirst == (
        "产业互联网是基于互联网技术和生态，对各个垂直产业的产业链和内部的价值链进行重塑和改造，"
        "从而形成的互联网生态和形态。它是一种新的经济形态，利用信息技术与互联网平台，"
        "充分发挥互联网在生产要素配置中的优化和集成作用，实现互联网与传统产业深度融合。"
    )
    assert article(doc, 7).body.startswith("互联网的伟大之处在于自我修正")
    assert "编辑导语" not in article(doc, 7).body
    assert [article(doc, n).standfirst for n in (1, 2, 3, 5, 8, 9, 10)] == [""] * 7


def test_headings_of_article_4(doc):
    assert article(doc, 4).headings == (
        "一、新基建开启元年",
        "二、云热词：“用云量”、云原生、超融合",
        "三、TO B成资本“座上宾”",
        "四、新能源电车开启“狂欢年”",
        "五、自动驾驶迎来高光时刻",
        "六、SaaS赛道的边缘崛起",
        "七、大健康产业站在舞台中心",
        "八、5G“姗姗来迟”",
    )
    body = article(doc, 4).body
    assert "## 一、新基建开启元年\n\n疫情对于新基建的定义" in body
    assert "## 二、云热词：“用云量”、云原生、超融合\n\n云计算成了热词。" in body
    assert "## 四、新能源电车开启“狂欢年”\n\n自动驾驶迎来高光时刻，从2019" in body
    assert "## 六、SaaS赛道的边缘崛起\n\nSaaS赛道，是2020年" in body
    assert "## 八、5G“姗姗来迟”\n\n如果说在今年开始之前" in body


def test_headings_of_article_8(doc):
    assert article(doc, 8).headings == (
        "1、转变思维模式，找准转型方向",
        "2、创新商业模式，搭建企业平台",
        "3、整合资源，转变供应链模式",
    )
    body = article(doc, 8).body
    assert "## 1、转变思维模式，找准转型方向\n\n找准企业转型方向" in body
    assert "## 2、创新商业模式，搭建企业平台\n\n互联网情境下" in body
    assert "## 3、整合资源，转变供应链模式\n\n产业互联网时代" in body


def test_headings_of_article_9(doc):
    assert article(doc, 9).headings == (
        "01产业的三大层次",
        "02产业互联网的三大层级",
        "03腾讯智慧零售的“倍增计划”",
        "04产业互联网的核心价值",
        "05“普惠”的不同理解及价值体现",
        "05存量时代的“产业网络效应”",
    )
    body = article(doc, 9).body
    assert "## 04产业互联网的核心价值\n\n互联网从建立以来" in body
    assert "## 05“普惠”的不同理解及价值体现\n\n从头部品牌商家" in body


def test_heading_lines_match_headings(doc):
    for a in doc.articles:
        found = tuple(line[3:] for line in a.body.split("\n") if line.startswith("## "))
        assert found == a.headings
        assert "##" not in "".join(a.headings)


def test_heading_sets(doc):
    """Only the articles with run-in headings have headings, and only those."""
    assert [len(a.headings) for a in doc.articles] == [1, 0, 0, 8, 3, 0, 0, 3, 6, 0]


def test_colon_introduced_list_is_an_ordered_list(doc):
    body = article(doc, 3).body
    assert (
        "可以总结为这样几条：\n\n"
        "1. 产业互联网对应的是 B to B，企业对企业之间的各种三角关系网络。"
        "消费互联网是人对人，C to C或者B to C等等。\n"
        "2. 产业互联网的服务模式是定制的模式。就是说玻璃行业跟服装行业，"
        "同样一个产业在产业互联网里边的流程特点是不同的，汽车行业和医疗行业当然也不同。"
        "这个和消费互联网里13亿人是一种特性、一种模式，对100万人有用就可以理解为对1亿人也有用"
        "（不同），所以它们一个是标准化的机制，一个是定制化的机制。\n"
        "3. 产业互联网是不断地提高产业链、供应链的效率和效益。消费互联网最重要的是提高流量，"
        "它不管你效益怎么样，流量好，流量大，哪怕赔本，照干。\n"
        "4. 产业互联网毫无疑问提供的是以各种公平、公正平台服务共享的活动过程。"
        "消费互联网是由某种垄断性或者差异性来体现它的服务，总之这两个方面有不同。\n\n"
        "最后，什么是政企互联网？政企互联网简单说，"
    ) in body
    assert "1、" not in body and "4、" not in body


def test_labelled_list_inside_a_section_is_an_ordered_list(doc):
    body = article(doc, 9).body
    section = body.split("## 05“普惠”的不同理解及价值体现\n\n")[1].split("\n\n## ")[0]
    assert blocks(section)[-1] == (
        "1. 现有客流数字化：商超类企业，平均沉淀数字化会员数超1600万（永辉、沃尔玛、步步高、天虹）"
        "万达小程序上线后沉淀了千万级会员，商场店铺内客流提升了30%-50%优码服务30+客户，"
        "平均提升营销活动 ROI 15%，总计节约营销资金3亿+蒙牛2018世界杯FIFA小程序线下参与扫码人次"
        "2亿+（优码）\n"
        "2. 新增业态 .com 2.0：优秀商户智慧零售业务占整体零售大盘比超10%优衣库小程序购买转化率"
        "超行业3倍（微信生态下的服饰类小程序）永辉借助社交裂变（社交红包+砍价+KOL带货），"
        "使得小程序订单在到家业态中，贡献超50%2018年12月，绫致集团通过导购小程序WeMall"
        "获得的销售收入达4500万这些案例是腾讯智慧零售亲自下场取得的成绩，仅沧海之一粟。"
    )
    assert blocks(section)[-2].endswith("仅1年时间为某些企业贡献的业绩量甚至高达10%。")
    assert "一、二线城市门店优惠券核销率超16%" in body  # not a list


def test_lists_render_as_ordered_lists(doc):
    # Article 1's "(1)核心技术——…;(2)…" is one sentence and stays a paragraph.
    for a in doc.articles:
        html = markdown.markdown(a.body)
        assert html.count("<li>") == {3: 4, 9: 2}.get(a.position, 0), a.position
        assert html.count("<ol>") == html.count("</p>\n<ol>\n<li>") == (a.position in (3, 9))


def test_unnumbered_run_in_headings_of_article_5(doc):
    a = article(doc, 5)
    cuts = [
        ("趋势介绍清楚了。", "产业互联网打破产业边界改善结构效率", "一直沾沾自喜于自己"),
        ("创造的价值。", "过往工作经验都与迈克尔.波特的预言相关", "最近仔细重新阅读了"),
        ("称为服务业革命。”", "智能产品重新定义行业边界", "根据波特的文章："),
    ]
    assert a.headings == tuple(heading for _, heading, _ in cuts)
    for before, heading, after in cuts:
        assert f"{before}\n\n## {heading}\n\n{after}" in a.body
    assert a.body.startswith("一直以来，都是通过实践研究行业")


def test_paragraphs_start_cleanly(doc):
    bad_start = re.compile(r"[、,:;，：；。!?！？”’》)）】的了着]|[1-9一二三四五六七八九十]、")
    for a in doc.articles:
        assert not any(bad_start.match(block) for block in blocks(a.body)), a.position


def test_glossary_terms_in_order(doc):
    assert [t.term for t in article(doc, 1).terms] == TERMS
    assert {t.line for t in article(doc, 1).terms} == {9}


def test_glossary_definitions(doc):
    terms = {t.term: t.definition for t in article(doc, 1).terms}
    assert terms["C2B"] == (
        "企业将业务聚焦于同客户的直接互动，以支持按需研发、按需制造、按需供应链以及按需营销，"
        "这种模式被称之为 C2B 模式。"
    )
    assert terms["智慧产业"] == (
        "腾讯利用自身的产品技术和能力，整合成不同的解决方案，促进不同产业的数字化升级。"
        "智慧医疗、智慧教育、智慧出行、智慧零售皆属此类。"
    )
    assert terms["智慧医疗"] == (
        "智慧医疗是一门融合各类核心技术，同时融合生命科学与信息技术，以患者为中心，"
        "提升患者就诊体验，降低医生诊疗难度，使医疗资源合理化分配的服务模式。"
    )
    assert terms["去中心化"] == (
        "去中心化是一种现象或结构，其只能出现在拥有众多用户或众多节点的系统中，"
        "每个用户都可以连接或影响其他节点。"
    )
    assert terms["孵化"] == (
        "结合腾讯技术、资本、流量和经验，为个人和企业提供各类服务如培训、资本、竞赛等，"
        "降低商业运营的风险和成本，培育和服务新兴企业。一般而言，“孵化”的主体是企业，"
        "但腾讯拓展了“孵化”的概念，不仅针对企业，也覆盖个人、园区和产业基地。"
    )
    assert terms["智慧出行"].endswith("交通行业全生命周期的“智慧交通”。")
    assert terms["智慧零售"].startswith("腾讯智能零售的概念相对于阿里“新零售”而言")
    assert terms["产业互联网生态"].startswith("1993年，詹姆斯·弗·穆尔(James F. Moore)")


def test_definitions_are_complete_and_stop_at_the_next_term(doc):
    for t in article(doc, 1).terms:
        assert t.definition.endswith("。"), t.term
        assert "本站资源" not in t.definition
        assert not re.search(f"[{CJK}] [{CJK}]", t.definition), t.term
        for other in TERMS:
            assert not re.search(f"{other}[:：]", t.definition), (t.term, other)


def test_glossary_is_a_section_of_article_1(doc):
    body = article(doc, 1).body
    assert article(doc, 1).headings == ("名词解释",)
    prose, glossary = body.split("\n\n## 名词解释\n\n")
    entries = glossary.split("\n\n")
    assert [re.match(r"\*\*(.+?)\*\*：", e).group(1) for e in entries] == TERMS
    assert entries[0] == (
        "**C2B**：企业将业务聚焦于同客户的直接互动，以支持按需研发、按需制造、按需供应链以及按需营销，"
        "这种模式被称之为 C2B 模式。"
    )
    assert prose.endswith("需要统一的生态圈群管理协调机制。")
    assert "C2B:" not in prose and "C2B：" not in prose
    assert "孵化:" not in prose and "孵化：" not in prose


def test_prose_colons_are_not_terms(doc):
    assert [a.position for a in doc.articles if a.terms] == [1]
    found = {t.term for a in doc.articles for t in a.terms}
    for prose in "挑战在于 数据 网络 安全 他说 千万要记住 叮叮叮注意1 比如产业边界包括".split():
        assert prose not in found


def test_paragraph_lengths(doc):
    for a in doc.articles:
        for section in prose_sections(a.body):
            for i, paragraph in enumerate(section):
                if len(paragraph) > 300:
                    assert sentence_count(paragraph) <= 1, (a.position, paragraph)
                if i < len(section) - 1:
                    assert len(paragraph) >= 40, (a.position, paragraph)


def test_paragraphs_never_cut_inside_quotes(doc):
    for a in doc.articles:
        for paragraph in blocks(a.body):
            assert paragraph.count("“") == paragraph.count("”"), (a.position, paragraph)
            assert paragraph.count("《") == paragraph.count("》"), (a.position, paragraph)
    assert any(
        "他说：“产业互联网至少应该符合几个条件" in p and p.endswith("而是合作发展。”")
        for p in blocks(article(doc, 3).body)
    )


def test_paragraphs_end_at_sentence_ends(doc):
    for a in doc.articles:
        for section in prose_sections(a.body):
            for paragraph in section:
                ends = "。！？”：" if f"{paragraph}\n\n1. " in a.body else "。！？”"  # list lead-in
                if not paragraph.startswith(">"):
                    assert paragraph[-1] in ends, (a.position, paragraph[-20:])


def test_markdown_layout(doc):
    for a in doc.articles:
        assert a.body == a.body.strip()
        assert "\n\n\n" not in a.body
        assert all(block.strip() == block and block for block in blocks(a.body))


def test_pdf_spaces_removed_between_chinese_characters(doc):
    for a in doc.articles:
        assert not re.search(f"[{CJK}] +[{CJK}]", a.body), a.position
        assert not re.search(f"[,、。;:，；：] +[{CJK}]", a.body), a.position
        assert "  " not in a.body
    body1 = article(doc, 1).body
    for joined in ("诊疗难度", "发展的基石", "在一定程度上", "培育和服务", "智慧出行、智慧零售"):
        assert joined in body1
    assert "B to B" in article(doc, 3).body
    assert "TO B成资本" in article(doc, 4).body
    assert "发展到 3.0 阶段" in article(doc, 2).body


def test_closing_quotation_is_a_blockquote(doc):
    assert article(doc, 10).body == (
        "> 互联网行业对于一件事情研究的颗粒度非常小，每次做事情之后的复盘、迭代都需要精细化运作。"
        "这也就是为什么说每个传统行业都值得用互联网理念重新做一遍。\n"
        ">\n"
        "> ——《产业互联网生态构建的道法术器势》"
    )
