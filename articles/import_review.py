"""What the import preview shows of each article, for editors to correct the importer.

Every recorded credit, every removed segment with its reason, and the kept body cut into
the segments the boilerplate judge sees. A segment the judge removed may be marked
“keep”, a kept one “remove”; each checkbox's value names the document (its index in
the upload) and the segment's text, and becomes a site rule (`articles.site_rules`).
"""

from dataclasses import dataclass

from articles.importer.judge import segments
from articles.importer.parse import ParsedArticle, ParsedDocument
from articles.importer.rules import normalise

# The removals an editor can overrule: the judge's, the rules', the known notices', the
# credit lines and the closing sign-off. (A standfirst's label goes with its standfirst.)
OVERRULABLE = frozenset({"boilerplate", "pattern", "credit", "tail"})


@dataclass(frozen=True)
class Choice:
    text: str
    value: str  # the checkbox value: "document index:text"; "" when it cannot be a rule


@dataclass(frozen=True)
class Removed:
    choice: Choice
    reason: str


@dataclass(frozen=True)
class ArticleReview:
    title: str
    credits: list[tuple[str, str]]
    removed: list[Removed]
    paragraphs: list[list[Choice]]


@dataclass(frozen=True)
class DocumentReview:
    source: str
    site: str
    articles: list[ArticleReview]


def review(documents: list[ParsedDocument]) -> list[DocumentReview]:
    return [
        DocumentReview(doc.source, doc.site, [_article(n, doc.site, a) for a in doc.articles])
        for n, doc in enumerate(documents)
    ]


def choice_of(value: str, sites: list[str]) -> tuple[str, str] | None:
    """(site, text) for a checkbox value, or None if it names no uploaded document
    (`sites`: each uploaded document's site, in upload order)."""
    index, _, text = value.partition(":")
    if not index.isdigit() or int(index) >= len(sites) or not text:
        return None
    return sites[int(index)], text


def _article(index: int, site: str, parsed: ParsedArticle) -> ArticleReview:
    def choice(text: str, allowed: bool = True) -> Choice:
        usable = allowed and site and normalise(text)
        return Choice(text, f"{index}:{text}" if usable else "")

    credits = parsed.credits
    labelled = [
        ("原作者", credits.original_author),
        ("来源", credits.source),
        ("原标题", credits.original_title),
        ("责任编辑", "、".join(credits.editors)),
        ("署名", parsed.credit),
    ]
    paragraphs = [
        [choice(segment) for segment in segments(paragraph)]
        for paragraph in parsed.body.split("\n\n")
        if not paragraph.startswith("#")
    ]
    return ArticleReview(
        title=parsed.title,
        credits=[(label, value) for label, value in labelled if value],
        removed=[
            Removed(choice(r.text.strip(), r.rule in OVERRULABLE), r.reason) for r in parsed.removed
        ],
        paragraphs=[p for p in paragraphs if p],
    )
