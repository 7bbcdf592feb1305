"""Synthetic published articles for bench/run.py, built from the seed articles' sentences.

    .venv/bin/python bench/fill.py COUNT

Runs with Django set up on the benchmark's database (bench/run.py passes the environment),
adds COUNT articles, rebuilds the search index, and prints the pages to measure as JSON.
"""

import io
import json
import os
import random
import re
import sys
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STATIC_ARTICLE = "bench/article.html"
BATCH = 500
SEARCH_CANDIDATES = "的 产业 企业 数字化 平台 数据 腾讯 供应链 SaaS 区块链".split()


def seed_sentences() -> list[str]:
    """Sentences of the seed articles' bodies, as the importer parses them."""
    from django.conf import settings

    from articles.importer.sources import collect_paths, parse

    paths = collect_paths([settings.SEEDS_DIR])
    docs = [parse(path.name, path.read_bytes()) for path in paths]
    sentences = []
    for chunk in "\n".join(a.body for doc in docs for a in doc.articles).split("。"):
        chunk = re.sub(r"\s+", "", chunk.lstrip("#> \n"))
        if 8 <= len(chunk) <= 200:
            sentences.append(chunk + "。")
    return sentences


def clip(sentence: str, length: int) -> str:
    return re.split(r"[,，、;；:：。]", sentence)[0][:length]


def synthetic_tags(sentences, rng, count=300):
    """Existing (seed) tags plus frequent words of the seed text."""
    from collections import Counter

    from articles import segmenter, text
    from articles.models import Tag

    taken = {text.fold(t.name) for t in Tag.objects.all()}
    slugs = set(Tag.objects.values_list("slug", flat=True))
    tokens = (w for s in sentences for w in segmenter.search_tokens(s))
    words = Counter(w for w in tokens if len(w) >= 2 and w.isalpha())
    new = []
    for word, _ in words.most_common():
        if len(new) >= count:
            break
        if text.fold(word) in taken:
            continue
        slug, n = text.pinyin_slug(word, 90), 2
        while slug in slugs:
            slug, n = f"{text.pinyin_slug(word, 85)}-{n}", n + 1
        taken.add(text.fold(word))
        slugs.add(slug)
        key, sort_key = text.fold(word), text.sort_key(word)
        new.append(Tag(name=word, name_key=key, sort_key=sort_key, slug=slug))
    Tag.objects.bulk_create(new)
    return list(Tag.objects.all())


def synthetic_authors(count=40):
    from articles import text
    from articles.models import Author

    names = [f"研究员{n:03d}" for n in range(1, count + 1)]
    Author.objects.bulk_create(
        [Author(name=name, slug=text.pinyin_slug(name)) for name in names], ignore_conflicts=True
    )
    return list(Author.objects.filter(name__in=names))


def synthetic_body(sentences, rng) -> str:
    blocks = []
    for n in range(rng.randint(8, 16)):
        if n and n % 4 == 0:
            blocks.append("## " + clip(rng.choice(sentences), 16))
        blocks.append("".join(rng.sample(sentences, rng.randint(2, 5))))
    return "\n\n".join(blocks)


def synthetic_covers(rng, count=6):
    """A few library images, drawn and stored as an upload would be, to use as covers."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from media import library

    covers = []
    for n in range(count):
        out = io.BytesIO()
        colors = [tuple(rng.randrange(256) for _ in range(3)) for _ in range(2)]
        picture = Image.new("RGB", (1600, 1000), colors[0])
        picture.paste(colors[1], (rng.randrange(800), 0, 1600, rng.randrange(200, 1000)))
        picture.save(out, "JPEG", quality=85)
        image, _ = library.add(SimpleUploadedFile(f"cover{n}.jpg", out.getvalue()))
        image.alt_text = f"封面图{n + 1}"
        image.save(update_fields=["alt_text"])
        covers.append(image)
    return covers


def fill(count: int, static_root: Path, seed: int = 1) -> dict:
    """Add `count` synthetic published articles, reindex, and describe the pages to measure."""
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.cache import cache
    from django.db import connection, transaction
    from django.test import Client
    from django.utils import timezone

    from articles import text
    from articles.models import Article, TaggedArticle
    from articles.related import refresh_all
    from articles.rendering import render_markdown
    from articles.search.index import reindex_all

    rng = random.Random(seed)
    covers = synthetic_covers(rng)
    for n, article in enumerate(Article.objects.filter(cover=None)):  # the seed articles
        article.cover = covers[n % len(covers)]
        article.save(update_fields=["cover"])
    if count:
        sentences = seed_sentences()
        tags = synthetic_tags(sentences, rng)
        authors = synthetic_authors()
        now = timezone.now()
        offset = Article.objects.count()
        for start in range(0, count, BATCH):
            batch = []
            for i in range(start, min(start + BATCH, count)):
                body = synthetic_body(sentences, rng)
                standfirst = body.split("。", 1)[0] + "。"
                full = f"{standfirst}\n{body}"
                batch.append(
                    Article(
                        title=f"{clip(rng.choice(sentences), 24)}({offset + i + 1})",
                        slug=f"bench-{offset + i + 1:05d}",
                        author=rng.choice(authors),
                        cover=rng.choice(covers) if rng.random() < 0.8 else None,
                        standfirst=standfirst,
                        summary=standfirst,
                        body=body,
                        body_html=render_markdown(body),
                        status=Article.Status.PUBLISHED,
                        published_at=now - timedelta(minutes=rng.randint(60, 3 * 365 * 24 * 60)),
                        char_count=text.char_count(full),
                        reading_minutes=text.reading_minutes(full),
                    )
                )
            created = Article.objects.bulk_create(batch)
            TaggedArticle.objects.bulk_create(
                TaggedArticle(content_object=a, tag=t, published_at=a.published_at)
                for a in created
                for t in rng.sample(tags, rng.randint(2, 4))
            )
            print(f"  {start + len(batch)}/{count} articles", file=sys.stderr, flush=True)
    print("  rebuilding the search index", file=sys.stderr, flush=True)
    with transaction.atomic():
        reindex_all()
    print("  storing related articles", file=sys.stderr, flush=True)
    with transaction.atomic():
        refresh_all()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    cache.clear()  # bulk_create sends no signals, so cached pages would not know of the new rows

    article = (
        Article.objects.published()
        .exclude(source_document="")
        .order_by("source_document", "source_position")
        .first()
    )
    tag = article.tags.order_by("name").first()
    response = Client(headers={"host": "127.0.0.1"}).get(article.get_absolute_url())
    if response.status_code != 200:
        raise SystemExit(f"{article.get_absolute_url()} answered {response.status_code}")
    static_file = static_root / STATIC_ARTICLE
    static_file.parent.mkdir(parents=True, exist_ok=True)
    static_file.write_bytes(response.content)
    return {
        "articles": Article.objects.published().count(),
        "article": article.get_absolute_url(),
        "tag": tag.get_absolute_url(),
        **search_words(),
    }


def search_words() -> dict:
    """The candidate word found in the most articles, and the one in the fewest (at least
    one), with the share of published articles each is found in."""
    from articles.models import Article
    from articles.search.backends import backend
    from articles.search.documents import ARTICLE
    from articles.search.query import parse

    published = Article.objects.published()
    total = published.count()
    found = {}
    for word in SEARCH_CANDIDATES:
        found[word] = backend().count(ARTICLE, parse(word).terms, published)
    common = max(found, key=found.get)
    rare = min((w for w in found if found[w]), key=found.get)
    return {
        "common_word": common,
        "common_share": round(found[common] / total, 3),
        "rare_word": rare,
        "rare_share": round(found[rare] / total, 4),
    }


if __name__ == "__main__":
    info = fill(int(sys.argv[1]), Path(os.environ["BENCH_STATIC_ROOT"]))
    print(json.dumps(info))
