"""Follow-up (đôn đốc): who is responsible for a task, one-click reminders, the daily digest.

Reminders go two ways at once: an in-app notification (notifications.notify) and an email
through Django's email backend (console in development, SMTP in production).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from loalang.accounts.models import Membership, Role, User
from loalang.core.audit import audit_log, snapshot
from loalang.notifications.services import notify
from loalang.tasks.models import DigestRun, Task, TaskReminder

DUE_SOON_DAYS = 3
DIGEST_MAX_LINES = 40  # an email listing hundreds of tasks gets read by nobody


Recipients = tuple[list[User], list[str]]


def task_recipients(task: Task, cache: dict[tuple, Recipients] | None = None) -> Recipients:
    """(users to notify in the app, email addresses) for the people responsible for `task`.

    The assignee's account; else the accounts linked to the assignee person; else the
    representatives of the responsible unit. A person without an account still gets the email.
    `cache` (one dict per digest run) saves repeating the look-ups for the same person or unit.
    """
    user = task.assignee_user
    if user is not None:
        return [user], [user.email] if user.email else []
    key = (task.commune_id, task.assignee_person_id, task.org_unit_id)
    if cache is not None and key in cache:
        return cache[key]
    found = _lookup_recipients(task)
    if cache is not None:
        cache[key] = found
    return found


def _lookup_recipients(task: Task) -> Recipients:
    users: list[User] = []
    emails: list[str] = []
    active = Membership.objects.filter(commune_id=task.commune_id, is_active=True)
    if task.assignee_person_id:
        users = list(
            User.objects.filter(
                person_id=task.assignee_person_id,
                is_active=True,
                memberships__in=active,
            ).distinct()
        )
        person = task.assignee_person
        if not users and person is not None and person.email:
            emails.append(person.email)
    if not users and not emails and task.org_unit_id:
        users = list(
            User.objects.filter(
                is_active=True,
                memberships__in=active.filter(role=Role.ORG_REP, org_unit_id=task.org_unit_id),
            ).distinct()
        )
    emails = [u.email for u in users if u.email] + emails
    return users, sorted(set(emails))


def _task_path(task: Task) -> str:
    return reverse("tasks:detail", kwargs={"commune_slug": task.commune.slug, "pk": task.pk})


def _absolute(path: str, base_url: str) -> str:
    base = base_url or getattr(settings, "LOALANG_SITE_URL", "")
    return base.rstrip("/") + path


def _due_text(task: Task, today: dt.date) -> str:
    if task.due_on is None:
        return _("chưa có hạn")
    if task.due_on < today:
        return _("quá hạn %(n)d ngày (hạn %(d)s)") % {
            "n": (today - task.due_on).days,
            "d": task.due_on.strftime("%d/%m/%Y"),
        }
    return _("hạn %(d)s") % {"d": task.due_on.strftime("%d/%m/%Y")}


@transaction.atomic
def task_remind(
    *, task: Task, actor: Any, base_url: str = "", today: dt.date | None = None
) -> TaskReminder:
    """Remind the people responsible for `task`: a notification each and one email.

    Raises ValidationError when the task is done or nobody can be reached (no assignee with
    an account or email, no representative of the unit). The email is sent after the commit,
    so a failed write never sends mail and a mail failure never undoes the reminder record.
    """
    today = today or timezone.localdate()
    if not task.is_open or task.is_series:
        raise ValidationError(_("Chỉ nhắc được nhiệm vụ chưa hoàn thành."))
    users, emails = task_recipients(task)
    if not users and not emails:
        raise ValidationError(
            _(
                "Không có ai để nhắc: hãy giao nhiệm vụ cho một người có tài khoản hoặc "
                "thư điện tử, hoặc cho một đơn vị có người đại diện."
            )
        )
    sender = str(actor) if getattr(actor, "is_authenticated", False) else ""
    path = _task_path(task)
    text = _("Đôn đốc: «%(title)s» — %(due)s.") % {
        "title": task.title,
        "due": _due_text(task, today),
    }
    for user in users:
        notify(user=user, commune=task.commune, text=text, url=path)
    names = [str(u) for u in users] + [e for e in emails if e not in {u.email for u in users}]
    reminder = TaskReminder(
        task=task,
        sent_by=actor if sender else None,
        recipients=", ".join(names),
        emails_sent=len(emails),
    )
    reminder.full_clean()
    reminder.save()
    before = snapshot(task)
    task.last_reminded_at = timezone.now()
    task.save(update_fields=["last_reminded_at", "updated_at"])
    audit_log(actor=actor, verb="task.reminded", target=task, commune=task.commune, before=before)
    if emails:
        subject = _("[%(commune)s] Đôn đốc nhiệm vụ: %(title)s") % {
            "commune": task.commune.name,
            "title": task.title[:120],
        }
        body = "\n".join(
            [
                text,
                "",
                _("Đơn vị chủ trì: %(u)s") % {"u": task.org_unit or "—"},
                _("Người nhắc: %(s)s") % {"s": sender or _("hệ thống")},
                _("Cập nhật tiến độ tại: %(url)s") % {"url": _absolute(path, base_url)},
            ]
        )
        transaction.on_commit(lambda: send_mail(subject, body, None, emails, fail_silently=False))
    return reminder


def digest_send(*, commune: Any, today: dt.date | None = None, base_url: str = "") -> int:
    """Send today's digest for `commune`; returns how many people got one.

    Each responsible person gets their own overdue and due-soon tasks; each Culture-Social
    officer (who follows every task up) gets the whole commune's overdue list. Idempotent per
    commune and day (DigestRun): a retry or a second scheduler chain sends nothing more.
    """
    today = today or timezone.localdate()
    try:
        with transaction.atomic():
            run = DigestRun.objects.create(commune=commune, sent_on=today)
    except IntegrityError:
        return 0
    open_tasks = list(
        Task.objects.filter(
            commune=commune, recurrence="", due_on__lte=today + dt.timedelta(days=DUE_SOON_DAYS)
        )
        .exclude(status=Task.Status.DONE)
        .select_related("commune", "org_unit", "assignee_user", "assignee_person")
        .order_by("due_on", "id")
    )
    per_user: dict[User, list[Task]] = defaultdict(list)
    per_email: dict[str, list[Task]] = defaultdict(list)
    cache: dict[tuple, Recipients] = {}
    for task in open_tasks:
        users, emails = task_recipients(task, cache)
        for user in users:
            per_user[user].append(task)
        user_emails = {u.email for u in users}
        for email in emails:
            if email not in user_emails:
                per_email[email].append(task)
    overdue = [t for t in open_tasks if t.due_on and t.due_on < today]
    if overdue:
        officers = User.objects.filter(
            is_active=True,
            memberships__commune=commune,
            memberships__role=Role.CULTURE,
            memberships__is_active=True,
        ).distinct()
        for officer in officers:
            mine = per_user[officer]
            seen = {t.pk for t in mine}
            per_user[officer] = mine + [t for t in overdue if t.pk not in seen]
    list_path = reverse("tasks:list", kwargs={"commune_slug": commune.slug})
    sent = 0
    for user, tasks in per_user.items():
        n_over = sum(1 for t in tasks if t.due_on and t.due_on < today)
        notify(
            user=user,
            commune=commune,
            text=_("Nhắc việc hằng ngày: %(over)d quá hạn, %(soon)d sắp đến hạn.")
            % {"over": n_over, "soon": len(tasks) - n_over},
            url=list_path + "?status=open",
        )
        if user.email:
            _send_digest_mail(commune, [user.email], tasks, today, _absolute(list_path, base_url))
        sent += 1
    for email, tasks in per_email.items():
        _send_digest_mail(commune, [email], tasks, today, _absolute(list_path, base_url))
        sent += 1
    run.recipients = min(sent, 32767)
    run.save(update_fields=["recipients"])
    return sent


def _send_digest_mail(
    commune: Any, to: list[str], tasks: list[Task], today: dt.date, url: str
) -> None:
    subject = _("[%(commune)s] Nhắc việc ngày %(d)s") % {
        "commune": commune.name,
        "d": today.strftime("%d/%m/%Y"),
    }
    lines = [_("Các nhiệm vụ cần chú ý:"), ""]
    lines += [f"- {t.title} — {_due_text(t, today)}" for t in tasks[:DIGEST_MAX_LINES]]
    if len(tasks) > DIGEST_MAX_LINES:
        lines.append(_("… và %(n)d nhiệm vụ khác.") % {"n": len(tasks) - DIGEST_MAX_LINES})
    lines += ["", _("Xem và cập nhật tại: %(url)s") % {"url": url}]
    send_mail(subject, "\n".join(lines), None, to, fail_silently=False)


def digest_send_all(*, today: dt.date | None = None) -> int:
    """The daily digest for every commune with open tasks."""
    from loalang.places.models import Commune

    today = today or timezone.localdate()
    ids = (
        Task.objects.filter(recurrence="")
        .exclude(status=Task.Status.DONE)
        .values_list("commune_id", flat=True)
        .distinct()
    )
    return sum(
        digest_send(commune=c, today=today) for c in Commune.objects.filter(pk__in=list(ids))
    )
