from django.contrib import admin

from loalang.provinces.models import CommuneHost


@admin.register(CommuneHost)
class CommuneHostAdmin(admin.ModelAdmin):
    list_display = ["host", "commune", "is_primary"]
    list_filter = ["commune__province"]
    search_fields = ["host", "commune__name"]
