"""`{% article_topics article as topics %}`: the published topics an article belongs to."""

from django import template

from topics.selectors import topics_of

register = template.Library()


@register.simple_tag
def article_topics(article):
    return topics_of(article)
