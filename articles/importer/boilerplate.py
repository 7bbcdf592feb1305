"""What the seed parser recognises, kept as data: site chrome aside, every pattern lives here.

Scraped pages use full-width and half-width punctuation interchangeably, so every
pattern accepts both (`:`/`：`, `,`/`，`, `(`/`（` …). The rules at the end restore the
full-width marks in the parser's output.
"""

import re

# Character classes.
CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3007"
SENTENCE_END = "。!?！？"
CLOSING_QUOTES = "”’」』"
QUOTE_PAIRS = {"“": "”", "‘": "’", "《": "》", "「": "」", "『": "』"}
PUNCT = "。，、；：！？“”‘’《》（）【】「」『』…—·" + ",;:!?()"
COLON = ":："
BAR = "|\uff5c\u4e28\u2502"  # | ｜ 丨 │ between credit fields
SPACE = " \t\u3000\u00a0"

# --- Document structure -------------------------------------------------------------------
AUTHOR_MAX = 12  # a pen name line: short, letters only
AUTHOR_LINE = re.compile(rf"[{CJK}A-Za-z0-9·・ ]{{1,{AUTHOR_MAX}}}")
BODY_MIN = 40  # a body line is at least this long and holds a sentence end …
BODY_ANY = 80  # … or is simply this long

# --- Paragraph hints ----------------------------------------------------------------------
# A space after a sentence end is what is left of an original paragraph break.
BREAK_HINT = re.compile(rf"([{SENTENCE_END}][{CLOSING_QUOTES}]?)[{SPACE}]+")
HINT = "\n"  # stands for such a break while the body is processed

# --- Boilerplate --------------------------------------------------------------------------
# A column tag before a compiling or publishing word, "#文化产业参考# 整合编译": it opens
# the tail, and the column is the credit.
COLUMN_TAG = re.compile(r"#\s*(?P<name>[^#\s]{2,16}?)\s*#\s*(?:整合)?(?:编译|整理|出品|供稿)")
# Markers that open a trailing block (sign-off, bio, republishing notice): the marker and
# everything after it go, provided it sits in the closing part of the body.
TAIL_MARKERS = (
    COLUMN_TAG,
    re.compile(r"[-—–]\s*(?:END|End|end)\s*\.?\s*[-—–]"),  # "- End. -"
    re.compile(r"#\s*专栏作家\s*#"),  # column-writer bio
    re.compile(r"本文(?:由[^,，。]{1,20})?原创发布于"),  # republishing notice
    re.compile(r"(?:本文)?未经(?:作者)?(?:许可|授权)[,，]?禁止转载"),
    re.compile(r"题图来自"),  # cover-image credit
    re.compile(rf"(?:本文编辑|本文责编|责任编辑)[{COLON}]"),  # editor sign-off
)
TAIL_REGION = 0.5  # a tail marker counts only in the second half of a body …
TAIL_SPAN = 800  # … or within this many characters of its end

# Fragments removed wherever they occur.
INLINE_BOILERPLATE = (
    # WeChat call to action: "(报告原文)回复关键词【…】下载完整报告"
    re.compile(
        r"(?:报告原文|原文|全文|报告)?(?:后台)?回复(?:关键词|关键字)?\s*[【\[][^】\]]{1,30}[】\]]"
        r"(?:即可)?(?:免费)?(?:下载|获取|领取|查看)(?:完整|全部)?(?:报告|资料|原文|全文|文件|PDF)?"
    ),
    re.compile(r"欢迎(?:分享|转发)(?:至|到|给)?朋友圈"),  # share prompt
    # post counter, "这是申鹤公众号第578天的第578篇原创文章"
    re.compile(
        rf"(?:这是|^|(?<=[{SENTENCE_END}{CLOSING_QUOTES}{HINT}]))[^。，,！？!?]{{0,20}}?"
        r"公众号第\d+天(?:的第\d+篇)?(?:原创)?文章"
    ),
    re.compile(r"剩下的内容[^。]{0,30}?敬请期待[。.]?"),  # serial teaser
    re.compile(r"关注我[,，]?第一时间(?:收到|获取)[^。]{0,10}?更新[。.]?"),  # follow prompt
    # copyright notice, with its trailing clauses: "本站资源来源于网络,版权归原作者所有,…"
    re.compile(
        r"本站(?:资源|内容|文章)?[^。，,]{0,6}?(?:来源于|来自|转载自|源于)(?:网络|互联网)"
        r"(?:[,，][^,，。]{1,20}){0,4}[。.]?"
    ),
    re.compile(r"(?:版权归原作者所有|图片素材(?:出自|来自)互联网)[,，。]?"),
    re.compile(r"注[:：]\s*(?:文中)?(?:部分)?图片(?:源于|来自|来源于|源自)网络[^。]{0,20}?[。.]?"),
    re.compile(r"[(（]\s*(?:图片|图)(?:来自|来源|源于|源自|出自)[^)）]{0,30}[)）]"),  # image credit
    re.compile(rf"(?<=[{SENTENCE_END}])图\s?\d+(?:[.\-]\d+)+"),  # figure number left from a caption
    re.compile(r"[▼▲►◆]"),  # stray layout markers
)

# --- Credits ------------------------------------------------------------------------------
# "作者|皮爷出品|产业家": labelled fields glued into the text.
CREDIT_LABEL = r"(?:作者|出品|来源|编辑|撰文|文|责编|策划|编译|整理|出品人|原创)"
CREDIT_FIELD = re.compile(
    rf"{CREDIT_LABEL}\s*[{BAR}]\s*(?P<name>[^\W\d_]{{1,10}}?)"
    rf"(?=\d|[{PUNCT}{SPACE}]|{CREDIT_LABEL}\s*[{BAR}]|$)"
)
CREDIT_RUN = re.compile(rf"(?:{CREDIT_FIELD.pattern}\s*)+")
CREDIT_REACH = 400  # glued credits sit near the start of a body
COLUMNIST = re.compile(rf"#\s*专栏作家\s*#\s*(?P<name>[{CJK}A-Za-z·]{{2,8}})[,，]")
PUBLISHER = re.compile(r"原创发布于(?P<name>[^,，。.\s]{2,20})")
# A closing quotation attributed to a book: "…重新做一遍。——《书名》"
CITATION = re.compile(
    rf"(?<=[{SENTENCE_END}{CLOSING_QUOTES}])\s*——\s*(?P<work>《[^》]{{1,60}}》)\s*$"
)

# --- Standfirsts --------------------------------------------------------------------------
STANDFIRST_MARKER = re.compile(
    rf"^(?:编辑导语|编者按|导语|导读|摘要|内容提要|核心提示)\s*[{COLON}]\s*"
)
# An editor's opening sentence: "本文作者从…几个方面对…做了一个简单的分析。"
EDITOR_INTRO = re.compile(
    rf"^本文(?:作者)?[^{SENTENCE_END}]{{2,120}}?"
    rf"(?:分析|介绍|探讨|梳理|解读|总结|阐述|剖析|讲述|盘点)[^{SENTENCE_END}]{{0,30}}[{SENTENCE_END}]"
)
STANDFIRST_MIN = 80
STANDFIRST_MAX = 300

# --- Run-in section headings --------------------------------------------------------------
# Numbered families; a marker counts only at the start of a body or after a sentence end.
HEADING_FAMILIES = {
    "chinese": re.compile(r"(?P<num>[一二三四五六七八九十]{1,3})、"),
    "zero": re.compile(rf"0(?P<num>[1-9])(?=[“《{CJK}A-Za-z])"),
    "arabic": re.compile(r"(?P<num>[1-9]\d?)、"),
}
MARKER_AFTER = SENTENCE_END + CLOSING_QUOTES + HINT
CHINESE_NUMERALS = "一二三四五六七八九"
HEADING_MIN = 4
HEADING_MAX = 24
HEADING_WINDOW = 48  # characters after a marker searched for the end of its heading
HEADING_GAP = 2  # numbers may repeat or skip up to this much
# Words that open a sentence: the heading ends right before them.
STRONG_OPENERS = tuple(
    "如果说 如果 假如 随着 结合 毫无疑问 根据 当前 目前 作为 首先 其次 "
    "最后 总之 总的来说 事实上 实际上 众所周知 可以说 近年来 近几年 此外 "
    "另外 同时 然而 但是 因此 所以 基于 伴随 面对 为了 自从 截至 不难 "
    "显然".split()
)
# Prepositions that open a sentence but may also follow a subject inside one.
WEAK_OPENERS = ("在", "从", "对", "当", "对于", "关于", "由于", "通过", "据")
# A sentence-opening adverbial ending in one of these, then a comma: "产业互联网时代,"
FRAMING_SUFFIXES = tuple(
    "时代 时期 以来 之后 以后 之前 期间 阶段 背景下 情况下 前提下 过程中 "
    "来说 而言 看来 来看".split()
)
FRAMING_MAX = 8
# "从…来看,", "在…中,": a preposition and a postposition framing a sentence opener.
FRAMED_OPENER = re.compile(
    r"^(?:从|在|对于|就|据|站在)[^,，。;；:：]{1,20}(?:来看|来说|而言|看来|之中|之下|方面)[,，]"
)
# A heading ends with a word of two or more characters (or closing punctuation), never
# with a function word; the text after it never starts with a particle or punctuation.
HEADING_BAD_END_WORDS = ("以及", "或者", "对于", "关于", "通过", "由于", "因为", "而且", "并且")
HEADING_BAD_END = "、，,：:；;“‘《（(【"
HEADING_BAD_START_WORDS = ("的", "地", "得", "了", "着", "过", "和", "与", "及", "或", "之", "等")
HEADING_BAD_START = "、，,：:；;。!?！？”’》）)】"
# Unnumbered run-in headings, only in a body without numbered ones: a punctuation-free run
# right after a sentence end, directly followed by a word that opens a sentence without a
# subject ("…介绍清楚了。产业互联网打破产业边界改善结构效率一直沾沾自喜于…"). The run
# ends on a word of two or more characters and does not start like a subject (`这…`,
# `我们…`); at least `PLAIN_HEADING_RUN` are found, each heading (and following) a section
# of at least `PLAIN_SECTION_MIN` characters. Otherwise none is taken.
PLAIN_OPENERS = ("一直", "最近", "近年来", "近期", "根据", "依据")
PLAIN_HEADING = re.compile(
    rf"(?<=[{MARKER_AFTER}])(?P<heading>[^{PUNCT}{SENTENCE_END}{SPACE}{HINT}]{{10,24}}?)"
    rf"(?P<opener>{'|'.join(PLAIN_OPENERS)})"
)
PLAIN_HEADING_BAD_START = tuple("这 那 该 其 此 我 你 他 她 它 每 各 某".split())
PLAIN_HEADING_RUN = 3
PLAIN_SECTION_MIN = 200

# --- Glossary -----------------------------------------------------------------------------
TERM = re.compile(rf"(?:^|(?<=[{SENTENCE_END}{HINT}]))(?P<term>[A-Za-z0-9{CJK}]{{2,12}})[{COLON}]")
# Words that end a prose lead-in ("优势在于:", "比如产业边界包括:", "叮叮叮注意1:").
TERM_BAD_ENDINGS = re.compile(
    r"(?:在于|包括|是|即|如下|注意|表示|认为|指出|记住|比如|例如|显示|发现|强调|提到"
    r"|说道|问道|写道|他说|她说|所示)\d*$"
)
TERM_MIN_RUN = 3  # a glossary is a run of at least this many term sentences
DEFINITION_MAX = 400
GLOSSARY_HEADING = "名词解释"
GLOSSARY_COLON = "："  # between a bold term and its definition in the body

# --- Paragraphs ---------------------------------------------------------------------------
PARAGRAPH_MIN = 100
PARAGRAPH_TARGET = 180
PARAGRAPH_MAX = 300
# A sentence opening a numbered list item is a good place for a paragraph break.
LIST_ITEM = re.compile(rf"(?:[1-9]\d?|[{CHINESE_NUMERALS}十]{{1,2}})、")

# --- Numbered lists -----------------------------------------------------------------------
# `1、…2、…` or `一、…二、…` numbered 1, 2, 3 … outside the heading family is an ordered list
# when introduced by a colon with every later item opening a sentence, or when every item
# opens with a short label and a colon (`一、现有客流数字化:…`), wherever it starts.
LIST_FAMILIES = (HEADING_FAMILIES["chinese"], HEADING_FAMILIES["arabic"])
LIST_LABEL = re.compile(rf"[^{PUNCT}{SENTENCE_END}{HINT}]{{2,20}}[{COLON}]")
LIST_ITEM_MAX = 400  # characters from one item's marker to the next
# The last item has no more sentences than the longest earlier one, and stops at a
# paragraph break or before a sentence that leaves the list:
LIST_EXIT = tuple("最后 总之 总而言之 综上 总的来说 由此可见 可见 以上 接下来 下面".split())

# --- Chinese punctuation ------------------------------------------------------------------
# The scraped text has ASCII marks where the original had full-width ones. Output text gets
# the full-width mark back next to Chinese: a run of these marks with a Chinese character,
# or a Chinese closing (before) or opening (after) quote or bracket, on either side.
FULL_WIDTH_MARKS = {",": "，", ":": "：", ";": "；", "!": "！", "?": "？"}
CHINESE_BEFORE_MARK = re.compile(rf"[{CJK}”’」』》）】]")
CHINESE_AFTER_MARK = re.compile(rf"[{CJK}“‘「『《（【]")
# Parentheses become full-width when what they enclose holds Chinese; `(CSIG)`, `(1)` and
# `(James F. Moore)` keep the half-width ones, as in Chinese typesetting.
FULL_WIDTH_PARENS = {"(": "（", ")": "）"}
HAS_CHINESE = re.compile(rf"[{CJK}]")
