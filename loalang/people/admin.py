from django.contrib import admin

from loalang.people.models import DigitalTeam, OrgUnit, Person, TeamMember


class TeamMemberInline(admin.TabularInline):
    model = TeamMember
    extra = 0
    raw_id_fields = ["person"]


@admin.register(DigitalTeam)
class DigitalTeamAdmin(admin.ModelAdmin):
    list_display = ["name", "commune", "village"]
    list_filter = ["commune"]
    inlines = [TeamMemberInline]


@admin.register(OrgUnit)
class OrgUnitAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "commune"]
    list_filter = ["commune", "kind"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["full_name", "position_title", "org_unit", "commune"]
    list_filter = ["commune"]
    search_fields = ["full_name"]
