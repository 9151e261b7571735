from django.contrib import admin, messages
from django.utils import timezone

from loalang.api.models import ApiToken
from loalang.api.tokens import api_token_revoke


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens are made with `manage.py api_token create` (the key is shown once); here they
    can be seen and revoked."""

    list_display = (
        "prefix",
        "name",
        "commune",
        "scopes",
        "created_at",
        "last_used_at",
        "revoked_at",
    )
    list_filter = ("commune",)
    readonly_fields = [f.name for f in ApiToken._meta.fields]
    actions = ["revoke"]

    def has_add_permission(self, request, obj=None):
        return False

    @admin.action(description="Thu hồi các khóa đã chọn")
    def revoke(self, request, queryset):
        for token in queryset.filter(revoked_at__isnull=True):
            api_token_revoke(token=token, actor=request.user)
        messages.success(request, f"Revoked at {timezone.now():%H:%M}")
