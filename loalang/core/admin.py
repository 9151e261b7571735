from django.contrib import admin

from loalang.core.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only: the audit log is never edited, not even by a system administrator."""

    list_display = ["at", "actor_name", "commune", "verb", "target_repr"]
    list_filter = ["verb", "commune"]
    search_fields = ["target_repr", "actor_name", "verb"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
