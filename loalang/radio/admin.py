from django.contrib import admin

from loalang.radio.models import BroadcastLog, Bulletin, Cluster, LexiconEntry, Slot


@admin.register(Cluster)
class ClusterAdmin(admin.ModelAdmin):
    list_display = ("name", "commune", "kind", "status")
    list_filter = ("status", "kind")


@admin.register(Bulletin)
class BulletinAdmin(admin.ModelAdmin):
    list_display = ("title", "commune", "source", "priority", "status", "approved_at")
    list_filter = ("status", "priority", "source")
    search_fields = ("title",)


@admin.register(Slot)
class SlotAdmin(admin.ModelAdmin):
    list_display = ("name", "commune", "starts_at", "weekdays", "is_active")


@admin.register(BroadcastLog)
class BroadcastLogAdmin(admin.ModelAdmin):
    list_display = ("bulletin", "commune", "aired_at", "seconds_aired", "source")


@admin.register(LexiconEntry)
class LexiconEntryAdmin(admin.ModelAdmin):
    list_display = ("written", "spoken", "commune")
