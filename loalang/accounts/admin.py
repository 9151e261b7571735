from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from loalang.accounts.models import Membership, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    fields = ["role", "commune", "province", "village", "org_unit", "team", "is_active"]
    raw_id_fields = ["commune", "province", "village", "org_unit", "team"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    inlines = [MembershipInline]
    list_display = ["username", "full_name", "email", "is_active", "is_superuser"]
    fieldsets = (
        *(BaseUserAdmin.fieldsets or ()),
        ("Loa Làng", {"fields": ("full_name", "person")}),
    )
