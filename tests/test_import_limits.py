"""Values longer than their column are refused before anything is written, naming the
file, the line and the field, on SQLite as on PostgreSQL."""

import dataclasses

import pytest
from django.core.management import CommandError, call_command

from articles.importer import limits
from articles.importer.parse import ParseError, parse_text
from articles.models import Article

pytestmark = pytest.mark.django_db


@pytest.fixture
def long_credit(seed_text):
    document = parse_text(seed_text, "seed.txt")
    first = dataclasses.replace(document.articles[0], credit="某某研究院" * 50)
    return dataclasses.replace(document, articles=(first, *document.articles[1:]))


def test_a_credit_longer_than_its_column_is_refused_with_file_line_and_field(long_credit):
    with pytest.raises(ParseError) as refused:
        limits.check([long_credit])
    assert refused.value.source == "seed.txt"
    assert refused.value.line == long_credit.articles[0].line
    assert "署名" in refused.value.message
    assert "250 个字符，最多 200 个" in refused.value.message


def test_the_command_stops_before_writing(long_credit, monkeypatch, tmp_path):
    (tmp_path / "seed.txt").write_text("占位", encoding="utf-8")
    monkeypatch.setattr(
        "articles.importer.sources.parse_bytes", lambda data, source, rules: long_credit
    )
    with pytest.raises(CommandError, match=r"seed\.txt:\d+: “署名”过长"):
        call_command("import_seeds", str(tmp_path / "seed.txt"))
    assert not Article.objects.exists()


def test_values_within_their_columns_pass(seed_text):
    document = parse_text(seed_text, "seed.txt")
    assert limits.check([document]) == [document]
