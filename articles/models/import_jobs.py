"""Imports started from the admin: the uploaded files and how far their processing got."""

from django.conf import settings
from django.db import models

from .article import Article


class ImportJob(models.Model):
    """One upload of seed files, checked (dry run) and, once confirmed, imported by a
    background task; the report of the last step is kept as the import's record."""

    class State(models.TextChoices):
        CHECKING = "checking", "试运行中"
        READY = "ready", "待确认"
        IMPORTING = "importing", "导入中"
        DONE = "done", "已完成"
        FAILED = "failed", "失败"

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name="上传人",
    )
    created_at = models.DateTimeField("上传时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    state = models.CharField(
        "进度", max_length=10, choices=State.choices, default=State.CHECKING, db_index=True
    )
    new_status = models.CharField(
        "新文章的状态", max_length=10, choices=Article.Status.choices, default="draft"
    )
    force = models.BooleanField("覆盖编辑的修改", default=False)
    separate = models.BooleanField(
        "近似重复也独立导入", default=False, help_text="确认导入时的选择。"
    )
    marks = models.JSONField(
        "标记",
        default=dict,
        blank=True,
        help_text="确认导入时勾选的保留、删除片段，导入时记为站点规则。",
    )
    report = models.JSONField("报告", default=dict, blank=True)
    error = models.TextField("错误", blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "导入任务"
        verbose_name_plural = "导入任务"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(state__in=["checking", "ready", "importing", "done", "failed"]),
                name="importjob_state_valid",
            )
        ]

    def __str__(self):
        return f"导入 #{self.pk}（{self.get_state_display()}）"

    @property
    def working(self) -> bool:
        return self.state in {self.State.CHECKING, self.State.IMPORTING}


class ImportUpload(models.Model):
    """A file of an import, kept in the database until the import is done, so the task
    worker needs no shared disk with the web server."""

    job = models.ForeignKey(
        ImportJob, on_delete=models.CASCADE, related_name="uploads", verbose_name="导入任务"
    )
    position = models.PositiveSmallIntegerField("序号")
    name = models.CharField("文件名", max_length=255)
    data = models.BinaryField("内容")

    class Meta:
        ordering = ["job", "position"]
        verbose_name = "导入文件"
        verbose_name_plural = "导入文件"
        constraints = [
            models.UniqueConstraint(fields=["job", "position"], name="importupload_unique")
        ]

    def __str__(self):
        return self.name
