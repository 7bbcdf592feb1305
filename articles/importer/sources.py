"""Finding and reading seed documents: paths in, documents to import out.

A `RawDocument` is read (and parsed) only when the loader reaches it, so an import holds
one document's text at a time however many files it is given.
"""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from . import limits
from .parse import ParsedDocument, ParseError, parse_bytes
from .rules import NO_RULES, Rules

SEED_SUFFIXES = (".txt",)


@cache
def parser_version() -> str:
    """A digest of the importer's code: documents imported by other code are parsed again."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


@dataclass(frozen=True)
class RawDocument:
    """A document's name and a way to read its bytes."""

    source: str
    read: Callable[[], bytes]

    @classmethod
    def from_path(cls, path: Path) -> "RawDocument":
        return cls(path.name, path.read_bytes)

    @classmethod
    def from_bytes(cls, source: str, data: bytes) -> "RawDocument":
        return cls(source, lambda: data)


def digest(data: bytes, rules: Rules = NO_RULES) -> str:
    """What identifies a document's bytes as the current parser and editors' rules read
    them: a document is parsed again after either changes."""
    return hashlib.sha256(f"{parser_version()}\0{rules.version}\0".encode() + data).hexdigest()


def parse(source: str, data: bytes, rules: Rules = NO_RULES) -> ParsedDocument:
    """`data` parsed with `rules`, its values checked against their columns (ParseError
    otherwise)."""
    return limits.check([parse_bytes(data, source, rules)])[0]


def collect_paths(paths: list[Path]) -> list[Path]:
    """Files named directly, plus the seed files inside named folders, in name order."""
    files = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.is_file() and p.suffix in SEED_SUFFIXES)
            if not found:
                raise ParseError("文件夹中没有 .txt 种子文件", source=str(path))
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            raise ParseError("路径不存在", source=str(path))
    return files
