"""The parser is linear in its input and never fails with anything but a `ParseError`.

Each pathological input class that once made a stage superlinear is parsed at 100 KB and at
1 MB: the large input may take at most `GROWTH` times as long (CPU time, best of two or three
alternating runs): linear parsing takes 10–16× here, the megabyte also leaving the CPU's
caches.
A hypothesis run feeds random Chinese/ASCII text to the parser.
"""

import contextlib
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.importer.parse import ParseError, parse_text

SMALL = 100_000
LARGE = 1_000_000
GROWTH = 20  # for 10× the input; a quadratic stage would take 100×

CLASSES = {
    "run_in_headings": "一、产业互联网的新阶段随着设备联网率提高，工厂数据成倍增长。",
    "colon_list_runs": "说明：1、",
    "numbered_lists": "说明如下：1、甲方负责设计。2、乙方负责施工。",
    "deep_parentheses": "（产业（互联网（平台（",
    "sentence_end_runs": "。",
    "paragraph_breaks": "好。 ",
    "glossary_runs": "术语甲：定义内容。",
}


def document(body: str) -> str:
    """A one-article document whose body is `body`."""
    return f"站点\n\n标题一二三张三\n\n标题一二三\n\n开头一句话说明情况。{body}\n"


def body_of(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def parse_time(text: str) -> float:
    start = time.process_time()
    parse_text(text, "speed.txt")
    return time.process_time() - start


@pytest.mark.parametrize("unit", CLASSES.values(), ids=CLASSES.keys())
def test_parse_time_grows_linearly(unit):
    small = document(body_of(unit, SMALL))
    large = document(body_of(unit, LARGE))
    # Small and large runs alternate, so a machine busy for a while slows both alike; the
    # best run of each counts, and a third round is taken only if the first two fail.
    small_times, large_times = [], []
    for _ in range(3):
        small_times.append(parse_time(small))
        large_times.append(parse_time(large))
        small_time, large_time = max(min(small_times), 0.01), min(large_times)
        if len(small_times) >= 2 and large_time < GROWTH * small_time:
            break
    assert large_time < GROWTH * small_time, (small_times, large_times)


TEXT = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF),
        st.sampled_from(list("。，、；：！？“”‘’《》（）【】—…·,.;:!?()[]#*_`<>&|/ \n\u3000")),
        st.characters(min_codepoint=0x20, max_codepoint=0x7E),
    ),
    max_size=2000,
)


@settings(max_examples=150, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_random_text_parses_or_raises_parse_error(text):
    with contextlib.suppress(ParseError):
        parse_text(text, "random.txt")


@settings(max_examples=100, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_random_bodies_parse_or_raise_parse_error(body):
    """Random text as the body of a well-formed document reaches every body stage."""
    try:
        doc = parse_text(document(body.replace("\n", " ")), "random.txt")
    except ParseError:
        return
    assert all(article.title == "标题一二三" for article in doc.articles)
