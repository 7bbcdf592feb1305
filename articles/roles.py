"""The editorial roles and the questions the admin asks about a user.

Roles are groups created by a data migration: 作者 (writers) may add articles and edit
their own drafts; 编辑 (editors) may do everything about content. Checks go through
permissions, so a superuser passes every one of them.
"""

from django.contrib.auth.models import AbstractBaseUser

WRITER = "作者"
EDITOR = "编辑"

PUBLISH = "articles.publish_article"
CHANGE_ANY = "articles.change_any_article"


def can_publish(user: AbstractBaseUser) -> bool:
    """May publish, unpublish and archive articles."""
    return user.has_perm(PUBLISH)


def can_change_any(user: AbstractBaseUser) -> bool:
    """May edit anybody's article, whatever its status."""
    return user.has_perm(CHANGE_ANY)


def may_edit(user: AbstractBaseUser, article) -> bool:
    """Editors edit any article; everyone else only the drafts they created."""
    if can_change_any(user):
        return True
    return article.created_by_id == user.pk and article.status == article.Status.DRAFT


def display_name(user: AbstractBaseUser | None) -> str:
    """A person's name the Chinese way (姓 then 名), else the login name."""
    if user is None:
        return "系统（导入或后台以外）"
    full = f"{user.last_name}{user.first_name}".strip()
    return full or user.get_username()
