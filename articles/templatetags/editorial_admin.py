"""`{% editorial_dashboard as dashboard %}` for the admin index (see `articles.admin.dashboard`)."""

from django import template

from articles.admin.dashboard import build

register = template.Library()


@register.simple_tag(takes_context=True)
def editorial_dashboard(context):
    return build(context["request"])
