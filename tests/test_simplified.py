"""`articles.simplified.to_simplified` gives exactly what zhconv's `convert(…, "zh-cn")` gives."""

import zhconv
from hypothesis import given, settings
from hypothesis import strategies as st

from articles.simplified import to_simplified

# Traditional characters, phrases zhconv converts as a whole (滑鼠 → 鼠标) or protects
# (乾隆 keeps its 乾), their parts, simplified text, Latin, digits and punctuation.
PIECES = [
    *"數字化轉型產業網際網路雲端軟體資訊乾燥乾隆髮發後台灣臺裏裡於著麼么",
    *"数字化转型产业互联网云端软件信息干燥后台湾里于着么的了是在和与",
    "滑鼠",
    "記憶體",
    "乾隆",
    "乾淨",
    "頭髮",
    "皇后",
    "之後",
    "软件",
    "軟體",
    "印表機",
    "SaaS",
    "O2O",
    "2026年",
    "，",
    "。",
    " ",
    "\n",
    "“",
    "”",
    "—",
    "\ue000",  # the private-use character the scan marks keys' first characters with
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_same_as_zhconv_on_mixed_text(text):
    assert to_simplified(text) == zhconv.convert(text, "zh-cn")


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_same_as_zhconv_on_any_text(text):
    assert to_simplified(text) == zhconv.convert(text, "zh-cn")


def test_real_text(seed_path):
    text = seed_path.read_text(encoding="utf-8")
    traditional = zhconv.convert(text, "zh-tw")
    assert to_simplified(text) == zhconv.convert(text, "zh-cn")
    assert to_simplified(traditional) == zhconv.convert(traditional, "zh-cn")
    assert to_simplified("用滑鼠打開記憶體設定") == "用鼠标打开内存设定"
