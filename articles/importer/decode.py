"""Bytes to text for seed documents, and the error every parsing step raises."""

import codecs
import re

from articles.text import unix_newlines

# Control characters that never occur in a text document.
_BINARY = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


class ParseError(ValueError):
    """A seed document that cannot be parsed, located by file name and 1-based line."""

    def __init__(self, message: str, *, source: str, line: int | None = None):
        self.message = message
        self.source = source
        self.line = line
        where = f"{source}:{line}" if line is not None else source
        super().__init__(f"{where}: {message}")

    def __reduce__(self):  # raised in a parsing process, raised again in the importing one
        return _parse_error, (self.message, self.source, self.line)


def _parse_error(message: str, source: str, line: int | None) -> ParseError:
    return ParseError(message, source=source, line=line)


def decode(data: bytes, source: str) -> str:
    """UTF-8 (with or without BOM) or GB18030 bytes to text with `\\n` line ends."""
    bom = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    try:
        text = data[bom:].decode("utf-8")
    except UnicodeDecodeError as exc:
        start = bom + exc.start
        if bom or not data[:start].isascii():
            # Valid UTF-8 up to here, Chinese included: a damaged UTF-8 file, not GB18030.
            raise _undecodable(data, start, source) from exc
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError as gb_exc:
            raise _undecodable(data, gb_exc.start, source) from gb_exc
    text = unix_newlines(text)
    junk = _BINARY.search(text)
    if junk:
        line = text.count("\n", 0, junk.start()) + 1
        raise ParseError("binary data, not a text document", source=source, line=line)
    return text


def _undecodable(data: bytes, offset: int, source: str) -> ParseError:
    line = data.count(b"\n", 0, offset) + 1
    return ParseError(
        f"undecodable byte 0x{data[offset]:02x} at offset {offset}: neither UTF-8 nor GB18030",
        source=source,
        line=line,
    )
