from django.contrib import admin

from loalang.places.models import Commune, CommuneMerger, District, Province, Village


class VillageInline(admin.TabularInline):
    model = Village
    extra = 0


class MergerInline(admin.TabularInline):
    model = CommuneMerger
    fk_name = "commune"
    extra = 0


@admin.register(Commune)
class CommuneAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "province", "district", "slug"]
    list_filter = ["province", "kind"]
    search_fields = ["name", "slug"]
    inlines = [VillageInline, MergerInline]


admin.site.register(Province)
admin.site.register(District)
