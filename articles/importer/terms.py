"""Writing the glossary terms an import's documents define."""

from dataclasses import dataclass

from articles import text
from articles.models import Article
from glossary.models import GlossaryEntry

from .parse import Term


@dataclass(frozen=True)
class Defined:
    term: Term
    ref: str  # the defining article's fingerprint


def as_defined(entry: GlossaryEntry, definition: str) -> bool:
    return entry.status != GlossaryEntry.Status.REJECTED and entry.definition == definition


def write_terms(terms: list[Defined], articles: dict, status: str, force: bool, report) -> None:
    """New terms are created; existing ones belong to the editors unless `force`.

    `force` replaces a definition and nothing else: a term an editor rejected stays rejected.
    """
    if not terms:
        return
    keys = [text.fold(d.term.term) for d in terms]
    existing = {e.term_key: e for e in GlossaryEntry.objects.filter(term_key__in=keys)}
    entry_status = (
        GlossaryEntry.Status.PUBLISHED
        if status == Article.Status.PUBLISHED
        else GlossaryEntry.Status.SUGGESTED
    )
    for defined in terms:
        source_article = articles.get(defined.ref) or (
            Article.objects.filter(import_ref=defined.ref).first()
        )
        entry = existing.get(text.fold(defined.term.term))
        definition = defined.term.definition
        if entry is None:
            GlossaryEntry.objects.create(
                term=defined.term.term,
                definition=definition,
                status=entry_status,
                source_article=source_article,
            )
            report.count("glossary", "created")
        elif force and entry.definition != definition:
            entry.definition = definition
            entry.save()
            report.count("glossary", "updated")
        elif entry.status == GlossaryEntry.Status.REJECTED:
            report.skip("glossary", f"术语“{entry.term}”：已被编辑驳回")
        elif entry.definition == definition:
            report.count("glossary", "unchanged")
        else:
            report.skip("glossary", f"术语“{entry.term}”：编辑已修改，保留编辑版本")
