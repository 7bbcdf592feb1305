"""Admin for topics (专题): title, standfirst, cover and an ordered list of articles; only
published topics are public."""

from django import forms
from django.contrib import admin, messages
from django.db.models import Count, Max

from articles.admin.autocomplete import NamedAutocompleteMixin
from articles.admin.named import PinyinSlugForm, SiteLinkColumn, SlugKeptAdmin
from articles.models import published_q

from .models import Topic, TopicArticle


class TopicArticleForm(forms.ModelForm):
    class Meta:
        model = TopicArticle
        fields = ["position", "article"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["position"].required = False
        self.fields["position"].widget.attrs.update({"aria-label": "排序", "min": 0})
        self.fields["article"].widget.attrs["aria-label"] = "文章"

    def clean_position(self):
        return self.cleaned_data.get("position") or 0


class TopicArticleInline(NamedAutocompleteMixin, admin.TabularInline):
    model = TopicArticle
    form = TopicArticleForm
    fields = ["position", "article", "article_state"]
    readonly_fields = ["article_state"]
    autocomplete_fields = ["article"]
    extra = 3
    verbose_name = "文章"
    verbose_name_plural = "专题中的文章（按排序数字从小到大；未发布的文章读者看不到）"

    class Media:
        js = ["topics/admin/topic_articles.js"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("article").order_by("position", "id")

    @admin.display(description="文章状态")
    def article_state(self, obj):
        return obj.article.state_label if obj.article_id else "-"


class TopicForm(PinyinSlugForm):
    class Meta:
        model = Topic
        fields = ["title", "slug", "standfirst", "intro", "cover", "status"]
        widgets = {
            "title": forms.TextInput(attrs={"class": "vLargeTextField"}),
            "standfirst": forms.Textarea(attrs={"rows": 2}),
            "intro": forms.Textarea(attrs={"rows": 6}),
        }


@admin.register(Topic)
class TopicAdmin(SlugKeptAdmin, SiteLinkColumn, NamedAutocompleteMixin, admin.ModelAdmin):
    form = TopicForm
    inlines = [TopicArticleInline]
    list_display = ["title", "status", "article_count", "published_count", "published_at"]
    list_display_links = ["title"]
    list_filter = ["status"]
    search_fields = ["title", "standfirst"]
    autocomplete_fields = ["cover"]
    actions = ["publish", "unpublish"]
    readonly_fields = ["published_at", "view_on_site_link"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                n_articles=Count("links"),
                n_published=Count("links", filter=published_q("links__article__")),
            )
        )

    def get_fields(self, request, obj=None):
        fields = ["title", "slug", "standfirst", "intro", "cover", "status", "published_at"]
        return [*fields, "view_on_site_link"] if obj is not None else fields

    def save_formset(self, request, form, formset, change):
        """Articles added without a position go to the end, in the order they were listed."""
        links = formset.save(commit=False)
        for link in formset.deleted_objects:
            link.delete()
        stored = form.instance.links.aggregate(last=Max("position"))["last"] or 0
        last = max([stored, *(link.position for link in links)])
        for link in links:
            if not link.position:
                last += 1
                link.position = last
            link.save()
        formset.save_m2m()

    @admin.display(description="文章数", ordering="n_articles")
    def article_count(self, obj):
        return obj.n_articles

    @admin.display(description="已发布文章", ordering="n_published")
    def published_count(self, obj):
        return obj.n_published

    @admin.action(description="发布所选专题", permissions=["change"])
    def publish(self, request, queryset):
        self._set_status(request, queryset, Topic.Status.PUBLISHED)

    @admin.action(description="将所选专题撤回为草稿", permissions=["change"])
    def unpublish(self, request, queryset):
        self._set_status(request, queryset, Topic.Status.DRAFT)

    def _set_status(self, request, queryset, status):
        changed = 0
        for topic in queryset.exclude(status=status):
            topic.status = status
            topic.save()
            changed += 1
        label = Topic.Status(status).label
        self.message_user(request, f"{changed} 个专题已设为“{label}”。", messages.SUCCESS)
