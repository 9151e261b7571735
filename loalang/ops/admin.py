from django.contrib import admin

from loalang.ops.models import BackupRun, JobProbe, WorkerHeartbeat


class ReadOnlyAdmin(admin.ModelAdmin):
    """Operations records are written by the system only."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(BackupRun)
class BackupRunAdmin(ReadOnlyAdmin):
    list_display = ("day", "status", "started_at", "finished_at", "size", "path")
    list_filter = ("status",)


@admin.register(WorkerHeartbeat)
class WorkerHeartbeatAdmin(ReadOnlyAdmin):
    list_display = ("worker_id", "hostname", "pid", "seen_at")


@admin.register(JobProbe)
class JobProbeAdmin(ReadOnlyAdmin):
    list_display = ("label", "task_id", "worker_id", "ran_at")
