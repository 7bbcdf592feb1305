"""One editor saving one article through the admin change form, again and again.

Run as a separate process by `test_concurrent_saves.py`:
`python -m tests.save_worker USERNAME ARTICLE_ID SAVES`, with DATABASE_URL naming the
shared database. Prints one JSON object: the status code of every save and any errors.
"""

import json
import os
import sys

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")


def main(username: str, article_id: int, saves: int) -> dict:
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone

    from articles.models import Article

    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    url = reverse("admin:articles_article_change", args=[article_id])
    statuses, errors = [], []
    for n in range(saves):
        try:
            article = Article.objects.get(pk=article_id)
            local = timezone.localtime(article.published_at)
            data = {
                "title": article.title,
                "standfirst": article.standfirst,
                "body": f"{article.body}\n\n{username} 的第{n + 1}次保存。",
                "status": article.status,
                "published_at_0": local.strftime("%Y-%m-%d"),
                "published_at_1": local.strftime("%H:%M:%S"),
                "author": article.author_id,
                "credit": article.credit,
                "tags": "、".join(t.name for t in article.tags.all()),
                "slug": article.slug,
                "base_version": article.updated_at.isoformat(),
            }
            response = client.post(url, data)
            statuses.append(response.status_code)
        except Exception as error:  # every failure is reported, not just the first
            errors.append(f"{type(error).__name__}: {error}")
    return {"statuses": statuses, "errors": errors}


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))))
