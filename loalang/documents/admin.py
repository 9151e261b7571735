from django.contrib import admin

from loalang.documents.models import NumberCounter


@admin.register(NumberCounter)
class NumberCounterAdmin(admin.ModelAdmin):
    list_display = ("commune", "symbol", "year", "last_number")
    list_filter = ("year",)
