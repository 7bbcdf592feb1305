"""Editors' forms: the article change form with its stale-save check, and tag input."""

from datetime import datetime

from django import forms
from django.db import transaction
from django.utils import timezone

from media import checks as media_checks

from . import merge, revisions, roles, workflow, workflow_buttons
from .models import Article, Tag
from .tag_names import names_to_string, parse_tags, unknown


class ArticleAdminForm(forms.ModelForm):
    """The article change form: status choices by role, and refusal of stale saves.

    `base_version` carries the `updated_at` of the article when the form was opened. If
    someone saved the article since, the form is refused with who and when, `conflict`
    holds the difference between the version it started from and theirs, the form's data
    becomes the three-way merge of that version, theirs and this form (`articles.merge`;
    where both changed the same words, this form's text stays), and `base_version`
    moves on, so that saving again is a conscious choice. A post without `base_version`
    (not made from the change page) is not checked.
    """

    base_version = forms.CharField(widget=forms.HiddenInput, required=False)
    status_note = forms.CharField(
        label="状态变更说明",
        required=False,
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 60}),
        help_text="改变状态时写给作者或编辑的话，例如退回的理由；记在状态记录里。",
    )
    editor = None  # the user filling in the form, set by the admin

    class Meta:
        model = Article
        fields = [
            "title",
            "standfirst",
            "body",
            "cover",
            "status",
            "published_at",
            "section",
            "author",
            "credit",
            "original_author",
            "original_source",
            "original_title",
            "editors",
            "tags",
            "slug",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.conflict = None
        if self.instance.pk:
            self.initial["base_version"] = self.instance.updated_at.isoformat()
        if "slug" in self.fields:
            self.fields["slug"].required = False
            self.fields["slug"].help_text = "留空则由标题拼音生成；发布后修改，旧网址会自动跳转。"
        if "tags" in self.fields:
            self.fields["tags"].help_text = "用逗号或顿号分隔，如：产业互联网、SaaS。"
        self.workflow_actions, self.workflow_action = [], None
        if "status" in self.fields and self.editor is not None:
            article = self.instance if self.instance.pk else None
            self.fields["status"].choices = workflow.choices_for(self.editor, article)
            self._take_workflow_button(article)

    def _take_workflow_button(self, article):
        """Offer the workflow buttons; the one pressed sets the status field's value."""
        allowed = {value for value, _ in self.fields["status"].choices}
        self.workflow_actions = workflow_buttons.offered(article, allowed)
        self.workflow_action = workflow_buttons.pressed(self.data, allowed)
        if self.workflow_action is not None:
            self.data = self.data.copy()
            self.data[self.add_prefix("status")] = self.workflow_action.target

    def clean_tags(self):
        names = self.cleaned_data["tags"]
        if self.editor is not None and not self.editor.has_perm("articles.add_tag"):
            missing = unknown(names)
            if missing:
                raise forms.ValidationError(
                    "没有这些标签：%(names)s。只能选择已有的标签，新标签请联系编辑添加。",
                    params={"names": "、".join(missing)},
                    code="unknown_tag",
                )
        return names

    def clean_body(self):
        body = self.cleaned_data["body"]
        if problems := media_checks.body_problems(body):
            raise forms.ValidationError(problems, code="images")
        return body

    def clean(self):
        cleaned = super().clean()
        problem = workflow_buttons.check_schedule(self.workflow_action, cleaned.get("published_at"))
        if problem:
            self.add_error("published_at" if "published_at" in self.fields else None, problem)
        when = cleaned.get("published_at")
        if self.workflow_action and self.workflow_action.name == "publish" and when:
            cleaned["published_at"] = min(when, timezone.now())  # 发布 means now
        publishing = cleaned.get("status") == Article.Status.PUBLISHED
        if publishing:
            for problem in media_checks.missing_alt_text(
                cleaned.get("body", ""), cleaned.get("cover")
            ):
                self.add_error(None, problem)
        if publishing and "published_at" in self.fields and not cleaned.get("published_at"):
            cleaned["published_at"] = timezone.now()  # “now” when left blank
        if self.instance.pk:
            self._refuse_stale_save()
            unmoved = cleaned.get("status", self.instance.status) == self.instance.status
            if cleaned.get("status_note") and unmoved:
                self.add_error(
                    "status_note", "状态没有改变，说明无处记录：请改变状态，或清空说明。"
                )
        return cleaned

    def _refuse_stale_save(self):
        started = _parse_version(self.cleaned_data.get("base_version"))
        if started is None:
            return
        rows = Article.objects.filter(pk=self.instance.pk)
        if transaction.get_connection().in_atomic_block:
            rows = rows.select_for_update()
        current = rows.values_list("updated_at", flat=True).first()
        if current is None or current == started:
            return
        stored = Article.objects.get(pk=self.instance.pk)
        saved = revisions.revision_at(stored, current)
        theirs = revisions.state_of(saved or stored)
        base = revisions.revision_at(stored, started)
        who = roles.display_name(saved.created_by if saved else None)
        when = timezone.localtime(current).strftime("%H:%M")
        self.conflict = {
            "who": who,
            "when": current,
            "rows": revisions.compare(revisions.state_of(base), theirs) if base else None,
        }
        self.data = self.data.copy()
        self.data[self.add_prefix("base_version")] = current.isoformat()
        clashes = self._merge_into_form(revisions.state_of(base), theirs) if base else None
        if clashes == []:
            raise forms.ValidationError(
                "在你编辑期间，%(who)s于 %(when)s 修改了这篇文章。你们改的是不同的地方，"
                "下面的表单已合并了双方的修改；请检查后再次保存。",
                params={"who": who, "when": when},
                code="stale_merged",
            )
        clashing = "、".join(revisions.LABELS[name] for name in clashes or [])
        raise forms.ValidationError(
            "在你编辑期间，%(who)s于 %(when)s 修改了这篇文章。%(clash)s"
            "你的文字仍保留在下面的表单里；请对照上方对方所做的修改，确认后再次保存"
            "（将以你的版本为准）。",
            params={
                "who": who,
                "when": when,
                "clash": f"双方都改了{clashing}的同一处，其余修改已合并。" if clashing else "",
            },
            code="stale",
        )

    def _merge_into_form(self, base: dict, theirs: dict) -> list[str]:
        """Put the three-way merge of base, this form and theirs into the form's data;
        returns the fields whose changes clash, which keep this form's value."""
        mine = dict(base)
        for name in (name for name in base if name in self.fields):
            raw = self.data.get(self.add_prefix(name), "")
            if name in self.cleaned_data:
                mine[name] = self.cleaned_data[name]
            else:  # a value that did not validate: what was typed
                mine[name] = parse_tags(raw) if name == "tags" else raw
        merged, clashes = merge.merge_states(base, mine, theirs)
        if "status" in self.fields:
            allowed = {value for value, _ in self.fields["status"].choices}
            if merged["status"] not in allowed and "status" not in clashes:
                clashes.append("status")
                merged["status"] = mine["status"]
        for name in (*revisions.TEXT_FIELDS, "status"):
            if name in self.fields:
                self.data[self.add_prefix(name)] = merged[name]
        if "tags" in self.fields:
            self.data[self.add_prefix("tags")] = names_to_string(merged["tags"])
        return clashes


def _parse_version(value: str | None) -> datetime | None:
    try:
        return datetime.fromisoformat(value) if value else None
    except ValueError:
        return None


class TagNamesField(forms.CharField):
    """One or more tag names, separated as in the article form."""

    def to_python(self, value):
        return parse_tags(super().to_python(value))


class AddTagsForm(forms.Form):
    tags = TagNamesField(label="要添加的标签", help_text="可填多个，用逗号或顿号分隔。")

    def __init__(self, *args, may_create: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.may_create = may_create

    def clean_tags(self):
        names = self.cleaned_data["tags"]
        missing = unknown(names)
        if missing and not self.may_create:
            raise forms.ValidationError(
                "没有这些标签：%(names)s。", params={"names": "、".join(missing)}, code="unknown"
            )
        return names


class RemoveTagsForm(forms.Form):
    tags = forms.ModelMultipleChoiceField(
        queryset=Tag.objects.none(), label="要移除的标签", widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, tags, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tags"].queryset = tags
