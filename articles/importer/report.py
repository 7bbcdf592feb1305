"""What an import reports: counts per kind and outcome, skipped items, near-duplicates."""

from collections import Counter
from dataclasses import dataclass, field

KINDS = ("articles", "authors", "tags", "glossary")
OUTCOMES = ("created", "updated", "unchanged", "skipped")
KIND_LABELS = {"articles": "文章", "authors": "作者", "tags": "标签", "glossary": "术语"}
OUTCOME_LABELS = {"created": "新建", "updated": "更新", "unchanged": "未变", "skipped": "跳过"}


@dataclass(frozen=True)
class Duplicate:
    """An article of the import found to be a near-duplicate of an existing one."""

    where: str  # file #position
    title: str
    article_id: int  # the existing article
    article_title: str
    distance: int  # differing SimHash bits
    separate: bool  # imported as an article of its own anyway


@dataclass
class ImportReport:
    counts: dict[str, Counter] = field(default_factory=lambda: {k: Counter() for k in KINDS})
    skipped: list[str] = field(default_factory=list)
    kept_deleted: int = 0  # imported articles an editor deleted, left deleted
    duplicates: list[Duplicate] = field(default_factory=list)

    def count(self, kind: str, outcome: str) -> None:
        self.counts[kind][outcome] += 1

    def skip(self, kind: str, note: str) -> None:
        self.count(kind, "skipped")
        self.skipped.append(note)

    @property
    def changed(self) -> bool:
        return any(c["created"] or c["updated"] for c in self.counts.values())
