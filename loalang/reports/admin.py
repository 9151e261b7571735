"""System admins manage indicator sets here (province viewers are read-only; ADR 0075)."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from loalang.core.audit import audit_log
from loalang.reports.models import Indicator, IndicatorSet, Report
from loalang.reports.rules import RULES


class IndicatorInline(admin.TabularInline):
    model = Indicator
    extra = 0
    fields = [
        "sort_order",
        "code",
        "group",
        "name",
        "unit",
        "rule",
        "params",
        "is_key",
        "target_value",
        "max_points",
    ]

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        help_lines = "; ".join(f"{code}: {rule.label}" for code, rule in RULES.items())
        formset.form.base_fields["rule"].help_text = (
            _("Để trống = nhập tay. Quy tắc: ") + help_lines
        )
        return formset


@admin.register(IndicatorSet)
class IndicatorSetAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "version", "province", "is_active"]
    list_filter = ["is_active", "province"]
    filter_horizontal = ["communes"]
    inlines = [IndicatorInline]
    actions = ["new_version"]

    def has_change_permission(self, request, obj=None):
        # A version that reports already use is frozen: copy it to a new version instead.
        if obj is not None and obj.reports.exists():
            return False
        return super().has_change_permission(request, obj)

    @admin.action(description=_("Tạo phiên bản mới (sao chép)"))
    def new_version(self, request, queryset):
        for old in queryset:
            with transaction.atomic():
                version = (
                    IndicatorSet.objects.filter(code=old.code).aggregate(m=Max("version"))["m"] or 0
                ) + 1
                new = IndicatorSet.objects.create(
                    code=old.code,
                    version=version,
                    name=old.name,
                    province=old.province,
                    recipients=old.recipients,
                    note=old.note,
                )
                new.communes.set(old.communes.all())
                for ind in old.indicators.all():
                    ind.pk = None
                    ind.indicator_set = new
                    ind.save()
                old.is_active = False
                old.save(update_fields=["is_active"])
                audit_log(
                    actor=request.user, verb="indicator_set.versioned", target=new, commune=None
                )
            messages.success(request, _("Đã tạo %(set)s.") % {"set": new})


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["__str__", "commune", "date_from", "date_to", "status"]
    list_filter = ["status", "kind", "period"]
    readonly_fields = [f.name for f in Report._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
