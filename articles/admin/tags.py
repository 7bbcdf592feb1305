"""Admin for tags: published counts, renames that keep the URL, and merging."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db.models import Count
from django.template.response import TemplateResponse

from articles import editing, text
from articles.models import Tag, published_q

from .named import PinyinSlugForm, SlugKeptAdmin
from .tag_warnings import warn_near


class TagForm(PinyinSlugForm):
    """Refuses a name that differs from another tag's only in case or width."""

    class Meta:
        model = Tag
        fields = ["name", "slug"]
        help_texts = {"slug": "留空则由名称拼音生成；保存后不再改变，以免旧链接失效。"}

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        other = Tag.objects.filter(name_key=text.fold(name)).exclude(pk=self.instance.pk).first()
        if other is not None:
            raise forms.ValidationError(
                f"标签“{other.name}”已存在；如需合并，请在列表中使用“合并所选标签”。"
            )
        return name


class SurvivorField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name}（{obj.slug}，{obj.n_articles} 篇文章）"


class MergeForm(forms.Form):
    survivor = SurvivorField(
        queryset=Tag.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        label="保留的标签",
        help_text="其余所选标签的文章移到这个标签下，然后删除其余标签。",
    )

    def __init__(self, *args, tags, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["survivor"].queryset = tags


@admin.register(Tag)
class TagAdmin(SlugKeptAdmin, admin.ModelAdmin):
    form = TagForm
    list_display = ["name", "slug", "published_count", "article_count"]
    search_fields = ["name", "slug"]
    ordering = ["slug", "name"]  # the slug is the name's pinyin: 产业 before 零售, as on the site
    actions = ["merge"]

    def get_queryset(self, request):
        published = published_q("tagged_articles__content_object__")
        return (
            super()
            .get_queryset(request)
            .annotate(
                n_published=Count("tagged_articles", filter=published),
                n_articles=Count("tagged_articles"),
            )
        )

    def save_model(self, request, obj, form, change):
        """Saves, then warns (without undoing anything) if the new name is close to a tag."""
        super().save_model(request, obj, form, change)
        if not change or "name" in form.changed_data:
            warn_near(request, obj.name, exclude={obj.pk})

    @admin.display(description="已发布文章数", ordering="n_published")
    def published_count(self, obj):
        return obj.n_published

    @admin.display(description="文章总数", ordering="n_articles")
    def article_count(self, obj):
        return obj.n_articles

    @admin.action(description="合并所选标签", permissions=["change", "delete"])
    def merge(self, request, queryset):
        tags = queryset.order_by("-n_articles", "name")
        if len(tags) < 2:
            self.message_user(request, "请至少选择两个标签再合并。", messages.WARNING)
            return None
        form = MergeForm(request.POST if "post" in request.POST else None, tags=tags)
        if form.is_valid():
            survivor = form.cleaned_data["survivor"]
            merged = [tag for tag in tags if tag.pk != survivor.pk]
            moved = editing.merge_tags(survivor, merged)
            self.message_user(
                request,
                f"已将 {len(merged)} 个标签合并到“{survivor.name}”，移动 {moved} 篇文章。",
                messages.SUCCESS,
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": "合并标签",
            "opts": self.model._meta,
            "tags": tags,
            "form": form,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/articles/tag/merge_tags.html", context)
