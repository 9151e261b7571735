from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from loalang.accounts.access import Cap, CommuneRequest, commune_view
from loalang.notifications.models import Notification
from loalang.notifications.selectors import notification_list
from loalang.notifications.services import notification_mark_all_read, notification_mark_read
from loalang.places.models import Commune


@require_GET
@commune_view(Cap.VIEW)
def notification_list_view(request: CommuneRequest, commune: Commune) -> HttpResponse:
    page = Paginator(notification_list(user=request.user, commune=commune), 30).get_page(
        request.GET.get("page")
    )
    return render(request, "notifications/notification_list.html", {"page": page})


@require_POST
@commune_view(Cap.VIEW)
def notification_open_view(request: CommuneRequest, commune: Commune, pk: int) -> HttpResponse:
    """Mark the notification read and follow its link. Someone else's notification: 403."""
    notification = get_object_or_404(Notification, pk=pk, commune=commune)
    if notification.user_id != request.user.pk:
        raise PermissionDenied
    notification_mark_read(notification=notification, actor=request.user)
    target = notification.url
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("notifications:list", commune_slug=commune.slug)


@require_POST
@commune_view(Cap.VIEW)
def notification_read_all_view(request: CommuneRequest, commune: Commune) -> HttpResponse:
    changed = notification_mark_all_read(user=request.user, commune=commune, actor=request.user)
    if changed:
        messages.success(request, _("Đã đánh dấu %(n)d thông báo là đã đọc.") % {"n": changed})
    return redirect("notifications:list", commune_slug=commune.slug)
