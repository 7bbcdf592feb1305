"""The workflow as the buttons editors think in: 提交审核, 发布, 定时发布, 退回.

Each button submits the article form with `_workflow` naming the action; the form turns it
into the target status (`apply`), so the status change itself follows the usual save.
Only the actions the user's role allows from the article's current state are offered.
"""

from dataclasses import dataclass

from django.utils import timezone

from articles.models import Article

Status = Article.Status
FIELD = "_workflow"


@dataclass(frozen=True)
class Action:
    name: str
    label: str
    target: str
    help: str


ACTIONS = (
    Action("review", "提交审核", Status.REVIEW, "保存并交给编辑审核"),
    Action("publish", "发布", Status.PUBLISHED, "保存并立即发布"),
    Action("schedule", "定时发布", Status.PUBLISHED, "按上面填写的发布时间自动上线"),
    Action("return", "退回", Status.DRAFT, "保存并退回为草稿，可在“状态变更说明”里写明理由"),
)
BY_NAME = {action.name: action for action in ACTIONS}


def offered(article: Article | None, allowed: set[str]) -> list[Action]:
    """The actions to show for `article` (None when new), given the allowed statuses."""
    status = article.status if article is not None else Status.DRAFT
    live = article is not None and article.is_visible
    shown = []
    for action in ACTIONS:
        if action.target not in allowed:
            continue
        if action.name == "review" and status != Status.DRAFT:
            continue
        if action.name in ("publish", "schedule") and live:
            continue
        if action.name == "return" and status not in (Status.REVIEW, Status.PUBLISHED):
            continue
        shown.append(action)
    return shown


def pressed(data, allowed: set[str]) -> Action | None:
    """The action whose button submitted `data`, if it is one the user may take."""
    action = BY_NAME.get(data.get(FIELD, "")) if data else None
    return action if action is not None and action.target in allowed else None


def check_schedule(action: Action | None, published_at) -> str | None:
    """Why the pressed action cannot go ahead with `published_at`, if it cannot."""
    if action is None or action.name != "schedule":
        return None
    if published_at is None or published_at <= timezone.now():
        return "定时发布需要一个将来的发布时间：请在“发布时间”里选好日期和时间。"
    return None
