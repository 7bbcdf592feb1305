"""Authors, sections, articles and their tags, their history and related articles."""

from .article import (
    CREDIT_FIELDS,
    SCHEDULED_LABEL,
    Article,
    content_hash,
    new_preview_key,
    published_q,
)
from .authors import Author
from .history import (
    ArticleRevision,
    DeletedImport,
    SlugRedirect,
    StatusChange,
    TagAlias,
)
from .import_jobs import ImportJob, ImportUpload
from .imports import BodySignature, DuplicateImport, ImportedDocument
from .related import RelatedArticle
from .sections import Section
from .site_rules import SiteRule, SourceText
from .tags import Tag, TaggedArticle

__all__ = [
    "CREDIT_FIELDS",
    "SCHEDULED_LABEL",
    "Article",
    "ArticleRevision",
    "Author",
    "BodySignature",
    "DeletedImport",
    "DuplicateImport",
    "ImportJob",
    "ImportUpload",
    "ImportedDocument",
    "RelatedArticle",
    "Section",
    "SiteRule",
    "SourceText",
    "SlugRedirect",
    "StatusChange",
    "Tag",
    "TagAlias",
    "TaggedArticle",
    "content_hash",
    "new_preview_key",
    "published_q",
]
