"""The seed parser on constructed variants of the seed, and on broken input."""

import codecs
import random

import pytest

from articles.importer.parse import ParseError, decode, parse_bytes, parse_text

SOURCE = "variant.txt"


def content(doc):
    """What a document says, without line numbers."""
    return [
        (
            a.position,
            a.title,
            a.author,
            a.credit,
            a.standfirst,
            a.body,
            a.headings,
            tuple((t.term, t.definition) for t in a.terms),
        )
        for a in doc.articles
    ]


@pytest.fixture
def baseline(seed_text):
    return parse_text(seed_text, SOURCE)


def test_gb18030_with_crlf_parses_identically(seed_text, baseline):
    data = seed_text.replace("\n", "\r\n").encode("gb18030")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert parse_bytes(data, SOURCE) == baseline


def test_utf8_with_bom_parses_identically(seed_text, baseline):
    assert parse_bytes(codecs.BOM_UTF8 + seed_text.encode("utf-8"), SOURCE) == baseline


def test_utf8_bytes_and_cr_line_ends(seed_text, baseline):
    assert parse_bytes(seed_text.encode("utf-8"), SOURCE) == baseline
    assert parse_bytes(seed_text.replace("\n", "\r").encode("utf-8"), SOURCE) == baseline


def test_decode_normalises_line_ends():
    assert decode("甲\r\n乙\r丙\n".encode("gb18030"), SOURCE) == "甲\n乙\n丙\n"


def test_extra_blank_lines_do_not_matter(seed_text, baseline):
    padded = "\n \n".join(seed_text.split("\n")) + "\n\n\u3000\n"
    doc = parse_text("\n\n" + padded, SOURCE)
    assert content(doc) == content(baseline)
    assert doc.chrome == baseline.chrome
    assert doc.articles[0].line != baseline.articles[0].line


def test_full_width_colons(seed_text, baseline):
    lines = seed_text.split("\n")
    glossary = lines[8].index("C2B:")
    lines[8] = lines[8][:glossary] + lines[8][glossary:].replace(":", "：")
    lines[44] = lines[44].replace("编辑导语:", "编辑导语：")
    doc = parse_text("\n".join(lines), SOURCE)
    expected = [(t.term, t.definition) for t in baseline.articles[0].terms]
    assert [(t.term, t.definition) for t in doc.articles[0].terms] == expected
    assert "**C2B**：企业将业务聚焦于" in doc.articles[0].body
    assert doc.articles[6].standfirst == baseline.articles[6].standfirst
    assert doc.articles[6].body == baseline.articles[6].body


def test_full_width_credit_bars(seed_text, baseline):
    for bar in ("｜", "丨"):
        doc = parse_text(
            seed_text.replace("作者|皮爷出品|产业家", f"作者{bar}皮爷出品{bar}产业家"), SOURCE
        )
        assert doc.articles[3].credit == "皮爷 / 产业家"
        assert doc.articles[3].body == baseline.articles[3].body


@pytest.mark.parametrize(
    "chrome",
    [
        (),
        ("首页 | 资讯 | 产业观察", "登录 注册"),
        ("产业研究网 — 专注产业互联网", "扫码关注公众号", "热线 400-800-1234"),
        (
            "欢迎访问某某文库!",
            "首页",
            "文库分类: 经管营销 > 产业经济",
            "上传文档 赚取积分",
            "© 2021 某某文库 版权所有",
            "相关推荐:",
        ),
    ],
)
def test_other_site_chrome(seed_text, baseline, chrome):
    lines = seed_text.split("\n")
    doc = parse_text("\n".join([*chrome, *lines[4:]]), SOURCE)
    assert doc.chrome == chrome
    assert content(doc) == content(baseline)
    assert doc.articles[0].line == baseline.articles[0].line - 4 + len(chrome)


def test_parse_error_format():
    error = ParseError("坏了", source="a.txt", line=3)
    assert (error.message, error.source, error.line) == ("坏了", "a.txt", 3)
    assert str(error) == "a.txt:3: 坏了"
    assert str(ParseError("坏了", source="a.txt")) == "a.txt: 坏了"
    assert isinstance(error, ValueError)


@pytest.mark.parametrize("data", [b"", b"   \n\t\n", "\u3000\r\n \r\n".encode()])
def test_empty_document_is_reported_at_line_1(data):
    with pytest.raises(ParseError) as caught:
        parse_bytes(data, "empty.txt")
    assert caught.value.source == "empty.txt"
    assert caught.value.line == 1
    assert str(caught.value).startswith("empty.txt:1: ")
    assert "空" in caught.value.message


def test_prose_without_articles():
    text = "\n".join(
        [
            "",
            "产业互联网是一个宽泛的概念。",
            "它涵盖了制造、物流、零售等许多行业,正在改变企业之间的协作方式。",
            "本文只是几行随手写下的笔记。",
        ]
    )
    with pytest.raises(ParseError) as caught:
        parse_text(text, "notes.txt")
    assert caught.value.line == 2
    assert str(caught.value).startswith("notes.txt:2: ")
    assert "no articles" in caught.value.message


def test_random_bytes():
    data = random.Random(20).randbytes(4096)
    with pytest.raises(ParseError) as caught:
        parse_bytes(data, "junk.bin")
    assert caught.value.source == "junk.bin"
    assert caught.value.line is not None
    assert str(caught.value).startswith(f"junk.bin:{caught.value.line}: ")


def test_binary_control_characters():
    with pytest.raises(ParseError) as caught:
        parse_bytes("标题\n\x00\x01\x02".encode(), "nul.txt")
    assert caught.value.line == 2


def test_damaged_utf8_names_the_line(seed_text):
    data = bytearray(seed_text.encode("utf-8"))
    offset = seed_text.encode("utf-8").index("脑回路".encode())
    data[offset] = 0xFF
    with pytest.raises(ParseError) as caught:
        parse_bytes(bytes(data), "damaged.txt")
    assert caught.value.line == 21
    assert str(caught.value).startswith("damaged.txt:21: ")


def test_truncated_after_a_pen_name(seed_text):
    truncated = "\n".join(seed_text.split("\n")[:47])
    with pytest.raises(ParseError) as caught:
        parse_text(truncated, "cut.txt")
    assert caught.value.line == 47
    assert "鬼赌鬼" in caught.value.message
    assert str(caught.value).startswith("cut.txt:47: ")


def test_missing_body(seed_text):
    lines = seed_text.split("\n")
    del lines[50]  # the body of 传统行业如何进行产业互联网转型?
    with pytest.raises(ParseError) as caught:
        parse_text("\n".join(lines), "gap.txt")
    assert caught.value.line == 47


def test_unexpected_line_between_articles(seed_text):
    lines = seed_text.split("\n")
    lines[46] = "这一行既不是笔名,也不是标题,而是一段没头没尾的话,"
    with pytest.raises(ParseError) as caught:
        parse_text("\n".join(lines), "odd.txt")
    assert caught.value.line == 47


def test_full_width_punctuation_throughout(seed_text, baseline):
    table = str.maketrans(
        {":": "：", ",": "，", ";": "；", "(": "（", ")": "）", "!": "！", "?": "？"}
    )
    lines = seed_text.split("\n")
    doc = parse_text("\n".join(lines[:4] + [line.translate(table) for line in lines[4:]]), SOURCE)
    expected = [
        tuple(field.translate(table) if isinstance(field, str) else field for field in row[:6])
        + (tuple(h.translate(table) for h in row[6]),)
        + (tuple((term, definition.translate(table)) for term, definition in row[7]),)
        for row in content(baseline)
    ]
    assert content(doc) == expected


CONSTRUCTED = """\
某某产业网 — 首页 | 研究 | 数据
客服热线：400-123-4567
数字化转型的三个信号张三

数字化转型的三个信号

导读：产业互联网正在进入新的阶段，越来越多的传统企业开始把数字化当作基本功。\
本文梳理了三个值得关注的信号，供读者参考。 过去一年，我们走访了几十家制造企业，\
发现它们对数字化的态度正在发生变化。一、数据成为生产要素随着设备联网率的提高，\
工厂每天产生的数据量成倍增长，如何用好这些数据成了管理者的新课题。很多企业开始设立专门的数据团队。\
二、平台走向开放在过去，大型企业倾向于自建封闭的系统，如今越来越多的企业选择接入开放平台，\
与上下游共享信息。三、人才结构“大换血”如果说技术是骨架，那么人才就是血肉。\
企业对既懂业务又懂技术的复合型人才需求旺盛，招聘市场上这类岗位的薪资持续上涨。

李四

供应链金融的新玩法

作者｜王五 来源｜某某研究院 供应链金融并不是新鲜事物，但在产业互联网的背景下，\
它正在被重新定义。核心企业的信用可以沿着供应链传递，让中小供应商更容易获得融资。 \
应收账款：企业因销售商品或提供服务而应向客户收取的款项。\
保理：供应商把应收账款转让给金融机构，换取融资的业务。\
确权：核心企业对债务的真实性进行确认，这是融资的前提。 \
与此同时，区块链等技术让交易数据更加透明可信，金融机构的风控成本随之下降。\
难点：数据标准尚不统一。本文未经许可，禁止转载。
"""


def test_constructed_document_from_another_site():
    doc = parse_text(CONSTRUCTED, "other.txt")
    assert doc.chrome == ("某某产业网 — 首页 | 研究 | 数据", "客服热线：400-123-4567")
    first, second = doc.articles
    assert (first.title, first.author, first.line) == ("数字化转型的三个信号", "张三", 5)
    assert first.standfirst == (
        "产业互联网正在进入新的阶段，越来越多的传统企业开始把数字化当作基本功。"
        "本文梳理了三个值得关注的信号，供读者参考。"
    )
    assert first.headings == ("一、数据成为生产要素", "二、平台走向开放", "三、人才结构“大换血”")
    assert first.body.startswith("过去一年，我们走访了几十家制造企业")
    assert "## 二、平台走向开放\n\n在过去，大型企业" in first.body
    assert "## 三、人才结构“大换血”\n\n如果说技术是骨架" in first.body
    assert (second.title, second.author, second.credit) == (
        "供应链金融的新玩法",
        "李四",
        "王五 / 某某研究院",
    )
    assert second.body.startswith("供应链金融并不是新鲜事物")


def test_glossary_run_inside_prose_ends_at_the_paragraph_break():
    second = parse_text(CONSTRUCTED, "other.txt").articles[1]
    assert [(t.term, t.definition, t.line) for t in second.terms] == [
        ("应收账款", "企业因销售商品或提供服务而应向客户收取的款项。", 13),
        ("保理", "供应商把应收账款转让给金融机构，换取融资的业务。", 13),
        ("确权", "核心企业对债务的真实性进行确认，这是融资的前提。", 13),
    ]
    prose = second.body.split("\n\n## 名词解释")[0]
    assert "金融机构的风控成本随之下降。难点：数据标准尚不统一。" in prose
    assert "禁止转载" not in second.body
    assert second.body.endswith("**确权**：核心企业对债务的真实性进行确认，这是融资的前提。")


LISTS_AND_SUBJECTS = """\
某某观察网
产业带的三个变化王六

产业带的三个变化

过去十年，产业带经历了深刻的变化，我们把这些变化归纳为以下三点：1、订单从线下转到线上。\
采购商不再依赖展会，而是直接在平台上下单。2、生产从大批量转向小批量。柔性产线让小单快返成为可能。\
3、服务从单一走向综合。总之，产业带正在被互联网重新组织，这一过程还远未结束。\
#产业观察# 整合编译

赵七

平台企业的两种路径

平台企业的发展大致有两种路径，一种是自建生态，一种是开放合作，两者各有利弊。\
国内头部电商平台的物流体系一直是其核心竞争力，自建仓储和配送网络投入巨大但壁垒很高。\
这家成立于十年前的物流公司最近完成了新一轮融资，估值翻了一番。\
不少中小企业的数字化投入近年来持续增加，但回报并不均衡，很多项目停留在试点阶段。
"""


def test_colon_introduced_list_and_column_credit():
    first = parse_text(LISTS_AND_SUBJECTS, "lists.txt").articles[0]
    assert first.body == (
        "过去十年，产业带经历了深刻的变化，我们把这些变化归纳为以下三点：\n\n"
        "1. 订单从线下转到线上。采购商不再依赖展会，而是直接在平台上下单。\n"
        "2. 生产从大批量转向小批量。柔性产线让小单快返成为可能。\n"
        "3. 服务从单一走向综合。\n\n"
        "总之，产业带正在被互联网重新组织，这一过程还远未结束。"
    )
    assert first.headings == ()
    assert first.credit == "产业观察"


def test_subject_before_an_adverb_is_not_a_heading():
    second = parse_text(LISTS_AND_SUBJECTS, "lists.txt").articles[1]
    assert second.headings == ()
    assert second.body.startswith("平台企业的发展大致有两种路径")
    assert "两者各有利弊。国内头部电商平台的物流体系一直是其核心竞争力" in second.body


def one_article(body: str) -> str:
    """A document of one article (`标题笔名`, the bare title, the body) from an unknown site."""
    return f"某某产业网\n工厂的三次尝试王六\n\n工厂的三次尝试\n\n{body}\n"


def test_numbered_heading_right_after_a_standfirst_and_credit():
    body = (
        "摘要:中小工厂上系统屡屡受挫。本文记录了一家工厂的三次尝试。作者:韩露 "
        "一、买来的系统没人管如果车间主任并不知情,工人就会在下班前集中补录数据。"
        "二、定制的功能用不上随着流程变化,定制的功能大半用不上了。"
        "三、先改流程再上系统根据前两次的教训,他们先花两个月梳理流程,系统上线后很快就用了起来。"
    )
    article = parse_text(one_article(body), "doc.txt").articles[0]
    assert article.standfirst == "中小工厂上系统屡屡受挫。本文记录了一家工厂的三次尝试。"
    assert article.headings == (
        "一、买来的系统没人管",
        "二、定制的功能用不上",
        "三、先改流程再上系统",
    )


def test_interview_label_after_a_run_in_heading_opens_the_text():
    body = (
        "我们采访了一家焊接厂的厂长,他讲了工厂上系统的经过。"
        "一、第一次:买了系统没人用问:第一次上线是什么情况?答:集团统一采购了一套MES,车间没人愿意用。"
        "二、第二次:定制过头问:第二次做了哪些调整?答:我们按自己的流程定制,结果流程一变就用不上了。"
        "三、第三次:先改流程再上系统问:第三次为什么成功了?答:这一次我们先梳理流程,再谈系统。"
    )
    article = parse_text(one_article(body), "doc.txt").articles[0]
    assert article.headings == (
        "一、第一次：买了系统没人用",
        "二、第二次：定制过头",
        "三、第三次：先改流程再上系统",
    )
    assert "## 二、第二次：定制过头\n\n问：第二次做了哪些调整？" in article.body


def test_chart_caption_and_source_line_leave_the_body_and_are_no_credit():
    body = (
        "平台市场正在整合,头部平台的份额持续上升。图表1:2021-2026年平台市场规模(亿元) "
        "数据来源:公开资料,某研究院整理 从细分领域看,垂直平台增长最快,部分平台收入翻番。"
        "调研显示,多数企业仍在观望。图表2:企业上云比例(%)来源:某研究院调研 "
        "一、头部平台加速扩张头部平台通过并购补齐行业能力,市场集中度明显提高。"
        "二、中小平台寻找细分赛道中小平台放弃通用路线,转向具体行业的深度服务。"
    )
    article = parse_text(one_article(body), "doc.txt").articles[0]
    assert "图表" not in article.body and "来源" not in article.body
    assert "从细分领域看，垂直平台增长最快" in article.body
    assert article.credits.source == ""
    assert [r.text for r in article.removed if r.reason == "图表标题或数据来源"] == [
        "图表1:2021-2026年平台市场规模(亿元) 数据来源:公开资料,某研究院整理",
        "图表2:企业上云比例(%)来源:某研究院调研",
    ]


def test_a_colon_before_several_sentences_or_a_heading_opens_no_glossary_entry():
    body = (
        "边缘和云怎么分工,是读者问得最多的问题。一句话概括:要求快的放边缘,要求多的放云上。"
        "(一)哪些计算必须留在边缘设备控制和视觉质检要求毫秒级响应,只能在车间完成。"
        "(二)哪些计算适合放到云上模型训练需要大量算力,但对延迟不敏感。"
        "评论区有人追问:小工厂有必要上边缘服务器吗?我的回答是,一台工控机就够了。"
        "这里顺便解释几个词。边缘计算:在靠近数据产生源头的位置进行的计算。"
        "云边协同:云端和边缘节点分工配合的方式。推理:用训练好的模型对新数据做出判断的过程。"
    )
    article = parse_text(one_article(body), "doc.txt").articles[0]
    assert [t.term for t in article.terms] == ["边缘计算", "云边协同", "推理"]
    assert "一句话概括：要求快的放边缘" in article.body
    assert "评论区有人追问：小工厂有必要上边缘服务器吗？" in article.body


def test_bracketed_disclaimer_between_sentences_and_bracketed_credit_leave_nothing():
    body = (
        "试点地区开放了工厂的分时负荷数据,售电公司可以据此设计套餐。"
        "受此影响,能源管理软件板块近期表现活跃。(注:文中所涉个股仅为客观陈述,不构成投资建议)"
        "也有企业对数据开放心存顾虑,担心负荷曲线暴露生产节奏。"
        "业内人士认为,只有把数据安全的规矩立在前面,数据开放才能走得更远。(来源:能源周刊 记者 闵佳)"
    )
    article = parse_text(one_article(body), "doc.txt").articles[0]
    assert "投资建议" not in article.body
    assert "表现活跃。也有企业对数据开放心存顾虑" in article.body
    assert article.body.endswith("数据开放才能走得更远。")
    assert (article.credits.source, article.credits.original_author) == ("能源周刊", "闵佳")


def test_labelled_standfirst_stops_before_a_long_sentence_that_opens_the_report():
    body = (
        "摘要:报告显示,原创内容的转载率明显提升,但未经授权转载的比例仍然偏高。"
        "近日,促进会宣传部联合三所高校的新闻传播研究团队,发布了《行业媒体传播年度报告》。"
        "报告监测了两百余个行业媒体账号全年发布的四万多篇文章,覆盖制造、能源和物流等领域。"
    )
    article = parse_text(one_article(body), "doc.txt").articles[0]
    assert article.standfirst == (
        "报告显示，原创内容的转载率明显提升，但未经授权转载的比例仍然偏高。"
    )
    assert article.body.startswith("近日，促进会宣传部联合三所高校")


def test_site_name_from_the_chrome_and_bracketed_calls_to_action_leave_a_body():
    text = (
        "中国某某促进会资讯\n首页 协会动态 联系我们\n\n"
        "协会发布评估指南秘书处\n\n协会发布评估指南\n\n"
        "5月12日,协会在京发布《中小企业数字化转型评估指南》,供会员企业对照自查。"
        "【协会推荐】更多政策资讯,请关注协会官方微博 "
        "指南设置了二十八项指标,覆盖基础设施、业务流程和数据应用。"
        "(点击作者头像,关注专栏,第一时间获取更新) 中国某某促进会\n"
    )
    article = parse_text(text, "doc.txt").articles[0]
    assert article.body == (
        "5月12日，协会在京发布《中小企业数字化转型评估指南》，供会员企业对照自查。"
        "指南设置了二十八项指标，覆盖基础设施、业务流程和数据应用。"
    )
    assert {r.text for r in article.removed} == {
        "【协会推荐】更多政策资讯,请关注协会官方微博",
        "(点击作者头像,关注专栏,第一时间获取更新)",
        "中国某某促进会",
    }


def test_dashes_of_an_end_marker_go_with_it():
    body = (
        "受访企业普遍认为,出海建厂的数字化投入应当占到总投资的百分之三到五,"
        "低于这个比例,后期补课的代价会更高。— 完 — 投稿邮箱:tougao@example.cn"
    )
    article = parse_text(one_article(body), "doc.txt").articles[0]
    assert article.body.endswith("后期补课的代价会更高。")


def test_a_footer_of_many_small_pieces_is_judged_at_the_edge_as_a_whole():
    text = (
        "中国某某促进会资讯\n首页 协会动态 联系我们\n咨询电话：010-6852 3377\n\n"
        "协会举办案例评审会秘书处\n\n协会举办案例评审会\n\n"
        "今年共收到申报案例一百六十余个,最终入选四十二个,中小企业牵头的案例首次超过一半。"
        "入选案例覆盖机械、纺织、食品等行业。多数案例的投入在三百万元以内。"
        "投资回收期大多在一年半以内。评审专家认为,可复制性比投入规模更重要。"
        "推荐阅读:《协会举办数据流通研讨会》"
        "转载请联系授权 中国某某促进会 咨询电话：010-6852 3377 会员服务热线：400-650-1188\n"
    )
    article = parse_text(text, "doc.txt").articles[0]
    assert article.body.endswith("评审专家认为，可复制性比投入规模更重要。")


def test_sub_headings_glued_to_their_parent_heading_are_headings():
    body = (
        "今年的专项资金申报已经启动,下面是要点。"
        "一、支持哪些方向(一)中小企业数字化改造对年营业收入在四亿元以下的制造企业,按实际投入给予补助。"
        "(二)产业链协同项目由链主企业牵头的协同制造项目,可以联合申报。"
        "二、申报中常见的问题从往年的情况看,不少项目因为投入明细不清晰被退回。"
    )
    article = parse_text(one_article(body), "doc.txt").articles[0]
    assert article.headings == (
        "一、支持哪些方向",
        "（一）中小企业数字化改造",
        "（二）产业链协同项目",
        "二、申报中常见的问题",
    )


def test_a_heading_from_one_thing_to_another_is_not_cut_before_its_second_half():
    body = (
        "企业软件的商业模式正在变化。一、从“卖软件”走向“卖服务”传统的软件公司按授权收费,"
        "一次性确认收入。二、从项目走向订阅项目制模式的问题在于难以规模化,每个客户都要重新实施。"
        "三、从单点走向平台平台化之后,厂商可以把能力复用到更多客户。"
    )
    article = parse_text(one_article(body), "doc.txt").articles[0]
    assert article.headings == (
        "一、从“卖软件”走向“卖服务”",
        "二、从项目走向订阅",
        "三、从单点走向平台",
    )


PDF_REPORT = (
    "云启产业研究院\nYUNQI RESEARCH\n\n"
    "平台赋能成效评估王六\n\n平台赋能成效评估\n\n"
    "第一部分 评估方法 本研究采用接入前后对比的方法,以企业接入平台前一年的数据为基准,"
    "云启产业研究院对比了接入后第二年的关键指标。\n"
    "云启产业研究院 平台赋能成效评估报告 第二部分 主要发现 "
    "接入企业的设备综合效率平均提高了6.8个百分点。\n"
    "云启产业研究院 | 平台赋能成效评估报告 - 15 - 到第二年,能耗和库存方面的节约开始显现。\n"
)


def test_a_pdf_running_header_goes_and_the_site_named_in_prose_stays():
    article = parse_text(PDF_REPORT, "report.txt").articles[0]
    assert "平台赋能成效评估报告" not in article.body
    assert "云启产业研究院对比了接入后第二年的关键指标" in article.body
    assert article.headings == ("第一部分评估方法", "第二部分主要发现")
    headers = [r for r in article.removed if r.reason == "PDF 页眉（站点名称与报告标题）"]
    assert [r.text.split()[-1] for r in headers] == ["平台赋能成效评估报告"] * 2


def test_the_sites_name_glued_after_a_reading_list_goes_with_it():
    text = (
        "中国某某促进会资讯\n首页 协会动态 联系我们\n咨询电话：010-6852 3377\n\n"
        "协会举办案例评审会秘书处\n\n协会举办案例评审会\n\n"
        "今年共收到申报案例一百六十余个,最终入选四十二个,中小企业牵头的案例首次超过一半。"
        "评审专家认为,可复制性比投入规模更重要。"
        "推荐阅读:《协会举办数据流通研讨会》《工控安全的五个漏洞》中国某某促进会 "
        "咨询电话：010-6852 3377\n"
    )
    article = parse_text(text, "doc.txt").articles[0]
    assert article.body.endswith("评审专家认为，可复制性比投入规模更重要。")


def test_a_readers_letters_address_and_what_is_left_between_footer_pieces_go():
    body = (
        "只有当你的业务模式确实独特,而且这种独特性正是你的竞争力所在,自建才值得认真考虑。"
        "欢迎读者继续来信,来信请寄:上海市徐汇区漕溪北路88号《智造周刊》编辑部 读者服务部 "
        "订阅热线:400-820-6617 本期完"
    )
    article = parse_text(one_article(body), "doc.txt").articles[0]
    assert article.body.endswith("自建才值得认真考虑。")
    reasons = {r.text.strip(): r.reason for r in article.removed}
    assert reasons["读者服务部"] == "页脚中夹在站点信息之间的片段"


def test_a_fragment_between_footer_pieces_stays_when_it_ends_a_sentence():
    body = (
        "只有当你的业务模式确实独特,自建才值得认真考虑。订阅热线:400-820-6617 "
        "以上是本期的全部内容。 投稿邮箱:tougao@example.cn"
    )
    article = parse_text(one_article(body), "doc.txt").articles[0]
    assert "以上是本期的全部内容。" in article.body


def test_a_download_prompt_for_the_full_pdf_goes_whole():
    body = (
        "订阅模式对平台的产品化能力提出了更高要求,平台需要把精力集中在通用能力的打磨上。"
        "回复关键词【平台报告】获取完整版PDF"
    )
    article = parse_text(one_article(body), "doc.txt").articles[0]
    assert article.body.endswith("通用能力的打磨上。")
