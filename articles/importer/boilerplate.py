"""What the seed parser recognises, kept as data: site chrome aside, every pattern lives here.

Scraped pages use full-width and half-width punctuation interchangeably, so every
pattern accepts both (`:`/`：`, `,`/`，`, `(`/`（` …). The rules at the end restore the
full-width marks in the parser's output.
"""

import re

from articles import text

# Character classes.
CJK = text.CJK  # Chinese characters: one definition, in `articles.text`
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
CREDIT_MARK = "\x1f"  # where a credit field was taken out: a boundary, like a break

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
TAIL_LEAD_MAX = 30  # the start of a marker's sentence, at most this far back, goes too

# Fragments removed wherever they occur.
INLINE_BOILERPLATE = (
    # WeChat call to action: "(报告原文)回复关键词【…】下载完整报告"
    re.compile(
        r"(?:报告原文|原文|全文|报告)?(?:后台)?回复(?:关键词|关键字)?\s*[【\[][^】\]]{1,30}[】\]]"
        r"(?:即可)?(?:免费)?(?:下载|获取|领取|查看)(?:完整|全部)?版?(?:报告|资料|原文|全文|文件|PDF)?"
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
    re.compile(r"(?<![\w\-—–%])[-—–][ \u3000]?\d{1,3}[ \u3000]?[-—–](?![\w\-—–])"),  # "- 7 -"
)

# --- Credits ------------------------------------------------------------------------------
CREDIT_REACH = 400  # a lead before the first credit line, within this reach, is the standfirst
COLUMNIST = re.compile(rf"#\s*专栏作家\s*#\s*(?P<name>[{CJK}A-Za-z·]{{2,8}})[,，]")
PUBLISHER = re.compile(r"原创发布于(?P<name>[^,，。.\s]{2,20})")
# A closing quotation attributed to a book: "…重新做一遍。——《书名》"
CITATION = re.compile(
    rf"(?<=[{SENTENCE_END}{CLOSING_QUOTES}])\s*——\s*(?P<work>《[^》]{{1,60}}》)\s*$"
)

# --- Standfirsts --------------------------------------------------------------------------
STANDFIRST_LABELS = (
    "编辑导语 编者按 编者的话 导语 导读 摘要 内容提要 核心提示 前言 引言 提要".split(" ")
)
_STANDFIRST_LABEL = "|".join(STANDFIRST_LABELS)
STANDFIRST_MARKER = re.compile(
    rf"^(?:(?:{_STANDFIRST_LABEL})\s*[{COLON}]|[【\[〖]\s*(?:{_STANDFIRST_LABEL})\s*[】\]〗][{COLON}]?)\s*"
)
# An editor's opening sentence: "本文作者从…几个方面对…做了一个简单的分析。"
EDITOR_INTRO = re.compile(
    rf"^本文(?:作者)?[^{SENTENCE_END}]{{2,120}}?"
    rf"(?:分析|介绍|探讨|梳理|解读|总结|阐述|剖析|讲述|盘点)[^{SENTENCE_END}]{{0,30}}[{SENTENCE_END}]"
)
STANDFIRST_MIN = 80
STANDFIRST_MAX = 300
# After its first sentence, a labelled standfirst takes only short sentences, sentences
# about the article itself or sentences going on about the same subject (`它是…`).
STANDFIRST_FOLLOW_MAX = 40
STANDFIRST_CONTINUES = re.compile(r"本文|本报告|本研究|本期|作者|笔者|它|其|这|该|此")

# --- Run-in section headings --------------------------------------------------------------
# Numbered families, outermost level first; a marker counts only at the start of a body or
# after a sentence end. The heading keeps its marker (`一、新基建开启元年`).
_FOLLOWED = rf"(?=[{SPACE}]*[“《{CJK}A-Za-z])"
HEADING_FAMILIES = {
    "part": re.compile(
        rf"(?:第(?P<num>[一二三四五六七八九十]{{1,3}})部分|(?:Part|PART)[{SPACE}]*(?P<num2>[1-9]\d?))"
        rf"[{SPACE}]*{_FOLLOWED}"
    ),
    "chinese": re.compile(r"(?P<num>[一二三四五六七八九十]{1,3})、"),
    "paren": re.compile(r"[(（](?P<num>[一二三四五六七八九十]{1,3})[)）]"),
    "zero": re.compile(rf"0(?P<num>[1-9]){_FOLLOWED}"),
    "dot": re.compile(rf"(?P<num>[1-9]\d?)[.．](?!\d){_FOLLOWED}"),
    "arabic": re.compile(r"(?P<num>[1-9]\d?)、"),
    "circled": re.compile(rf"(?P<num>[\u2460-\u2473]){_FOLLOWED}"),
}
# Any numbered heading's marker right after a sentence end (named groups dropped).
HEADING_AFTER_SENTENCE = re.compile(
    rf"[{SENTENCE_END}{CLOSING_QUOTES}]\s*(?:"
    + "|".join(re.sub(r"\(\?P<\w+>", "(?:", p.pattern) for p in HEADING_FAMILIES.values())
    + ")"
)
# Families that may nest inside the first one found, as sub-headings.
NESTED_FAMILIES = ("part", "chinese", "paren")
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
# Other shapes that open a sentence: a speaker's or interviewer's label, someone saying or
# finding something, a time, a demonstrative, a quantifier or a pronoun as the subject.
SENTENCE_OPENER = re.compile(
    rf"(?:问|答|Q|A)[{COLON}]"
    rf"|[^{PUNCT}{SENTENCE_END}]{{1,4}}?(?:说|表示|认为|指出|介绍|显示|坦言|透露|提到|发现|预计)[,，:：]"
    r"|(?:[一二两三四五六七八九十几数\d]+(?:年|个月|天|周)(?:前|来|后|里))"
    r"|(?:过去|去年|今年|明年|前年|近年|近期|近日|日前|此前|以前|最初|起初|早期|如今|现在|当时|眼下"
    r"|上半年|下半年|凌晨|清晨|早上|上午|中午|下午|晚上|每年|每天|每月)"
    r"|(?:这|那|该|此|很多|不少|许多|多数|大多数|大部分|一些|部分|有的|有些|所有|每|各|任何"
    r"|我们|我|你们|你|他们|他|她们|她|它们|大家|业内|记者|笔者|受访)"
)
# A speaker's label (`张岩：`, `问：`): a short name and a colon, counted as one only where
# the same label is written before a colon elsewhere in the body.
SPEAKER_MAX = 4
SPEAKER_NAME = re.compile(rf"[{CJK}A-Za-z]{{1,{SPEAKER_MAX}}}")
SPEAKER_LABEL = re.compile(rf"(?P<label>{SPEAKER_NAME.pattern})[{COLON}]")
# Part-of-speech tags (jieba) a heading never ends with (adverbs, prepositions, particles,
# conjunctions) and the text after it never starts with; tags of a subject opening it.
HEADING_BAD_END_TAGS = frozenset("p c u uj ul uz ud ug uv y e o".split())
HEADING_BAD_START_TAGS = frozenset("u uj ul uz ud ug uv y".split())
ADVERB_TAGS = frozenset("d zg".split())  # jieba tags adverbs loosely: evidence, not a rule
NUMBER_TAGS = frozenset("m mq".split())
CLAUSE_WORD_MAX = 6  # longest word looked up at clause edges
# How much each piece of evidence counts for a heading ending at a word boundary.
HEADING_WEIGHTS = {
    "closing": 3,  # the heading ends with a closing quote or book-title mark
    "break": 5,  # the source breaks the paragraph (or a PDF space) right after it
    "opener": 3,  # the text after it opens like a sentence
    "weak_opener": 1,
    "repeated": 1,  # its first word is a word of the heading
    "subject": 0,  # … a noun, pronoun or time word
    "number": 1.5,  # … a number or a Latin word
    "verb_start": -1.5,
    "adverb": -1,  # the heading ends, or the text starts, with an adverb
    "framing": 2.5,  # the text opens with a short framing adverbial
    "edge": 1,  # per side: the words meet punctuation elsewhere in the text
    "length": -0.15,  # per character: shorter headings first
    "overlong": -0.5,  # per character beyond 14
    "parallel": 1,  # parallel parts of equal length (`转变思维模式,找准转型方向`)
    "short_last": -0.5,  # the heading ends with a one-character word
    "sentence_start": 1,  # its first word starts a sentence elsewhere in the text
    "speaker": 6,  # the text opens with a speaker's label used elsewhere in the body
    "cohesive": -2,
    "sibling": 0.25,  # per character of length beyond `SIBLING_TOLERANCE` from its siblings'
    # the words on both sides are written together elsewhere in the text
}
SIBLING_TOLERANCE = 2
# A heading reports nobody's words: a reporting verb belongs to the sentence after it.
REPORTING = re.compile(r"认为|表示|指出|介绍|坦言|透露|提到|告诉|强调|说[,，:：]")
SUBJECT_TAGS = frozenset("n nr nrt ns nt nz r t m eng j l".split())
# Words that continue a predicate: text starting with one is not a sentence's start.
PREDICATE_STARTS = tuple(
    "没有 仍 从未 并不 并非 也 都 还 就 才 已 正在 将 会 能 可以 更 最 很 非常 总是 是 为 成为 "
    "在于 想要 需要 应该 不 未 越来越 得 地".split()
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
# "从…到…", "从…走向…": a heading holding 从 does not end right before the word that
# completes it.
RANGE_FROM = "从"
RANGE_TO = ("到", "走向", "转向", "迈向", "变成", "变为", "转为", "再到")
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
DEFINITION_SENTENCES_MAX = 2
GLOSSARY_HEADING = "名词解释"
GLOSSARY_COLON = "："  # between a bold term and its definition in the body

# --- Paragraphs ---------------------------------------------------------------------------
PARAGRAPH_MIN = 100
PARAGRAPH_TARGET = 180
PARAGRAPH_MAX = 300
PARAGRAPH_SENTENCES_MAX = 30  # bounds the paragraph search on runs of tiny sentences
# A sentence opening a numbered list item is a good place for a paragraph break.
LIST_ITEM = re.compile(rf"(?:[1-9]\d?|[{CHINESE_NUMERALS}十]{{1,2}})、")

# --- Numbered lists -----------------------------------------------------------------------
# `1、…2、…` or `一、…二、…` numbered 1, 2, 3 … outside the heading family is an ordered list
# when introduced by a colon with every later item opening a sentence, or when every item
# opens with a short label and a colon (`一、现有客流数字化:…`), wherever it starts.
LIST_FAMILIES = (
    re.compile(r"(?P<num>[一二三四五六七八九十]{1,3})、"),
    re.compile(r"(?P<num>[1-9]\d?)、"),
)
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

# --- Credit fields (structured credits) ---------------------------------------------------
# Each label names a role: who wrote the article, who edited it, where it came from, what
# it was first called. A field is a label, a separator and a value ending at a boundary.
CREDIT_ROLES = {
    "author": "文 作者 撰文 撰稿 记者 编译 采写 采访 整理 口述 主笔".split(),
    "editor": "编辑 责编 责任编辑 本文编辑 值班编辑 审核 审校 校对 主编 编审".split(),
    "source": "来源 本文来源 文章来源 出品 转自 稿源".split(),
    "title": "原标题 原文标题".split(),
}
# `数据来源:` / `资料来源:` under a chart names where its figures come from, not the article.
FIGURE_SOURCE_PREFIX = "资料|数据"
CREDIT_ROLE_OF = {label: role for role, labels in CREDIT_ROLES.items() for label in labels}
_LABELS = "|".join(sorted(CREDIT_ROLE_OF, key=len, reverse=True))
_NEXT_LABEL = "|".join(sorted([*CREDIT_ROLE_OF, *STANDFIRST_LABELS], key=len, reverse=True))
_VALUE_END = (
    rf"(?=$|[{SPACE}\n{PUNCT}/{BAR}【\[]|(?:{_NEXT_LABEL})\s*[/{BAR}{COLON}]|(?<=[{CJK}])\d)"
)
CREDIT_FIELD = re.compile(
    rf"(?<!{FIGURE_SOURCE_PREFIX})(?P<label>{_LABELS})(?P<sep>\s*[/{BAR}{COLON}]\s*|(?<=记者)[{SPACE}]+)"
    rf"(?P<value>《[^》\n]{{1,60}}》|[^{SPACE}\n{PUNCT}/{BAR}【\[]{{1,40}}?{_VALUE_END})"
    rf"(?:\s*[(（]\s*(?:ID|id|微信号|微信ID|公众号)\s*[{COLON}]\s*[\w.\-]+\s*[)）])?"
)
CJK_CHAR = re.compile(f"[{CJK}]")
NAME = re.compile(rf"[{CJK}A-Za-z·・]{{2,12}}")
NAME_MAX = 4  # a longer value glued to prose is cut to its first name-sized word
CREDIT_FRONT = 300  # credit fields with a colon count near the start …
CREDIT_TAIL = 300  # … or the end of a body; with a bar or slash, anywhere
# An author bio at the end: "作者简介:许衡,制造业管理咨询顾问,…。"
BIO = re.compile(
    rf"(?:作者简介|关于作者|作者介绍|本文作者)\s*[{COLON}]\s*(?P<name>[^,，。\s]{{2,10}})[,，][^。\n]*[。.]?"
)

# --- Boilerplate by structure -------------------------------------------------------------
# A body is cut into segments (sentences, paragraph breaks, space-separated fragments); each
# is judged by what makes boilerplate boilerplate (see `judge`). These are the signals.
CALL_TO_ACTION = re.compile(  # strong: only ever said to a reader
    r"点击|点个|长按|扫码|扫一扫|识别(?:图中)?二维码|关注(?:我们|我|本号|公众号|[“\"])|星标|置顶"
    r"|后台回复|阅读原文|在看|加入[^,，。]{0,10}群|加微信|添加微信|名片|App|APP|客户端|关注话题"
)
CALL_WORD = re.compile(r"关注|分享|转发|留言|点赞|订阅|回复|扫描|收藏")  # also said of others
IMPERATIVE = re.compile(  # how a call to action opens
    r"(?:请|点击|点个|长按|扫码|扫一扫|识别|设为|星标|置顶|欢迎|戳|觉得|喜欢|记得|别忘|一键"
    r"|后台回复|阅读原文|分享给|转发给|下载|关注话题|登录|扫描二维码|↓|↑|[^,，。]{0,8}请(?:点击|扫码|关注)"
    r"|更多[^。]{0,12}?请(?:点击|扫码|关注|访问|登录))"
)
RIGHTS_NOTICE = re.compile(
    r"版权归|版权所有|版权声明|如有侵权|侵权必究|侵删|联系删除|请联系.{0,8}删除|转载请|禁止转载"
    r"|未经.{0,8}(?:许可|授权).{0,6}(?:不得|禁止|谢绝)|仅代表|不代表|仅供参考|不构成.{0,6}建议"
    r"|投资有风险|风险自担|免责声明|刊发于|首发于|原载于|本文转载自"
)
READER_META = re.compile(r"本文|本号|本公众号|本平台|本站|本刊|本报告|本回答|小编|我们的公众号")
CONTACT = re.compile(
    r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+"
    r"|(?:微信号?|微信ID|ID|公众号)\s*[:：]\s*[A-Za-z0-9_\-]{3,}"
    r"|\d{3,4}[-‐–—\s]\d{3,4}[-‐–—\s]?\d{3,4}|\b1[3-9]\d{9}\b"
    r"|(?:热线|邮箱|商务合作|广告合作|投稿|电话|联系方式|地址)\s*[:：]|(?:来信|来稿|稿件)请寄"
)
DECORATION_CHARS = "\u2190-\u21ff\u25a0-\u25ff\u2600-\u27bf\u2b00-\u2bff\U0001f000-\U0001faff★☆"
DECORATION = re.compile(f"[{DECORATION_CHARS}]")
# A Q&A or portal page's counters and links: "赞同 236 · 评论 18 · 收藏", "相关问题 举报".
PAGE_WIDGET = re.compile(
    r"(?:赞同|点赞|喜欢)\s*\d+\s*[·•|]\s*评论\s*\d+(?:\s*[·•|]\s*(?:收藏|分享|喜欢|举报))*"
    r"|相关问题\s*举报|查看全部\s*\d+\s*个回答|登录后查看更多回答"
)
# Markers glued to the author's text: only the marker goes.
LISTING = re.compile(
    r"(?:推荐阅读|往期推荐|往期回顾|往期精选|往期文章|相关阅读|延伸阅读|热门文章|精彩回顾|猜你喜欢"
    rf"|相关推荐|近期热文)\s*[{COLON}]?\s*(?:[|丨]?\s*《[^》\n]{{1,40}}》\s*)*"
)
END_MARKER = re.compile(
    r"[-—–\s]*(?:END|End|end|全文完|本期完|完)[-—–\s.。]*(?=$|[^\w])"
    r"|[-—–\s]*(?:END|End|全文完|本期完)[-—–\s.。]*"
)
READING_TIME = re.compile(
    r"(?:(?:全文|本文)(?:约|共)?\s*\d+\s*字[,，]?\s*)?"
    rf"(?:预计)?阅读(?:约需|需要|时间|时长)?(?:约|大约)?[{COLON}]?\s*(?:约|大约)?\s*\d+\s*分钟[。.]?"
    r"|(?:全文|本文)(?:约|共)?\s*\d+\s*字[。.]?"
)
DATELINE = re.compile(r"(?:本刊讯|本报讯|本网讯|[(（][^)）]{2,12}[)）]讯)")
# What a PDF leaves of a chart: its caption (`图表4:…`, `表2 …`) and its source line
# (`数据来源:…`, or `来源:…` right after a caption), each up to a space, a break, a sentence
# end or the next numbered heading it is glued to.
_BEFORE_FIGURE = rf"(?:^|(?<=[{SENTENCE_END}{CLOSING_QUOTES}{SPACE}{HINT}]))"
_FIGURE_END = (
    rf"(?=$|[{SPACE}{HINT}{SENTENCE_END}]|[一二三四五六七八九十]{{1,3}}、"
    rf"|[(（][一二三四五六七八九十]{{1,3}}[)）]|[1-9]\d?、|[\u2460-\u2473]"
    rf"|第[一二三四五六七八九十]{{1,3}}部分|(?:Part|PART)[{SPACE}]*\d)"
)
_FIGURE_SOURCE_VALUE = rf"\s*[{COLON}]\s*[^{SENTENCE_END}{SPACE}{HINT}]{{2,40}}?"
FIGURE_NOTE = re.compile(
    rf"{_BEFORE_FIGURE}(?:(?:图表|图|表)\s*\d{{1,3}}(?:[.\-]\d{{1,2}})?\s*[{COLON}{SPACE}]"
    rf"[^{SENTENCE_END}{HINT}]{{2,50}}?(?:[{SPACE}]*(?:{FIGURE_SOURCE_PREFIX})?来源{_FIGURE_SOURCE_VALUE})?"
    rf"|(?:{FIGURE_SOURCE_PREFIX})来源{_FIGURE_SOURCE_VALUE}){_FIGURE_END}"
)
# A PDF's running header: the site's name, then perhaps the report's title.
SITE_NAME = re.compile(rf"[{CJK}A-Za-z]{{4,20}}")
RUNNING_TITLE = rf"[^{PUNCT}{SENTENCE_END}{SPACE}\n{BAR}]{{2,30}}"
RUNNING_HEADER_REASON = "PDF 页眉（站点名称与报告标题）"
CALL_MAX = 60  # a call to action is short
RIGHTS_MAX = 45  # a rights notice at an edge or on its own is shorter than prose about rights
NOTICE_MAX = 90  # so is a notice or a contact line
EDGE_SEGMENTS = 3  # segments at either end of a body count as its edges
# A short fragment without a sentence end between two removed segments at a body's edge
# (`… 编辑部 读者服务部 订阅热线：…`) is what is left of the site's footer.
FRAGMENT_MAX = 12
# A segment found at the edges of two or more bodies of one document is the site's.
REPEAT_MIN_BODIES = 2
REPEAT_MIN_LENGTH = 6

# Pictures in scraped pages point at other sites, which published pages never show: the
# importer leaves them out and says so; editors fetch the ones they want into the library.
IMAGE_REASON = "外部图片：网站不直接显示其他网站的图片；需要时请在图库中取回后插入正文"
