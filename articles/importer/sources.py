"""Finding and reading seed documents: paths in, parsed documents out."""

from pathlib import Path

from . import limits
from .parse import ParsedDocument, ParseError, parse_bytes
from .rules import NO_RULES, Rules

SEED_SUFFIXES = (".txt",)


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


def read_documents(files: list[Path], rules: Rules = NO_RULES) -> list[ParsedDocument]:
    """Parse every file, with the editors' site `rules`, before anything is written, so one
    bad file stops the whole run."""
    return limits.check([parse_bytes(path.read_bytes(), path.name, rules) for path in files])
