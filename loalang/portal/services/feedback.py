"""Citizen questions (Decree 49/2024): intake, triage, answer, publication."""

from __future__ import annotations

import secrets
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from loalang.core.audit import audit_log, snapshot
from loalang.core.text import fold
from loalang.portal import notify as portal_notify
from loalang.portal import pagecache
from loalang.portal.models import Question
from loalang.portal.richtext import clean_line, clean_text

Q = Question.Status
TRANSITIONS: dict[str, set[str]] = {
    Q.NEW: {Q.ASSIGNED, Q.ANSWERED, Q.DECLINED},
    Q.ASSIGNED: {Q.ASSIGNED, Q.ANSWERED, Q.DECLINED},
    Q.ANSWERED: {Q.ANSWERED, Q.PUBLISHED, Q.DECLINED},
    Q.PUBLISHED: {Q.ANSWERED},
    Q.DECLINED: {Q.ASSIGNED},
}


def _check(question: Question, to: str) -> dict:
    if to not in TRANSITIONS[question.status]:
        raise ValidationError(
            _("Không thể chuyển câu hỏi từ “%(a)s” sang “%(b)s”.")
            % {"a": question.get_status_display(), "b": Q(to).label}
        )
    return snapshot(question)


REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read over the phone


def new_reference() -> str:
    """'HD-7K3P9QXA': 40 random bits, so a reference cannot be guessed from another."""
    return "HD-" + "".join(secrets.choice(REFERENCE_ALPHABET) for _i in range(8))


def question_by_reference(*, commune: Any, reference: str) -> Question | None:
    code = "".join(reference.split()).upper()
    if not code.startswith("HD-"):
        code = "HD-" + code.removeprefix("HD")
    if len(code) != 11:
        return None
    return Question.objects.filter(commune=commune, reference=code).first()


def _search_text(q: Question) -> str:
    return fold(f"{q.subject} {q.body} {q.answer}")


@transaction.atomic
def question_submit(
    *,
    commune: Any,
    category: str,
    subject: str,
    body: str,
    name: str = "",
    phone: str = "",
    email: str = "",
    has_consent: bool = False,
) -> Question:
    """Take in a citizen's question. Contact details are stored only with consent."""
    q = Question(
        commune=commune,
        category=category,
        subject=clean_line(subject),
        body=clean_text(body),
        has_consent=has_consent,
    )
    if has_consent:
        q.name, q.phone, q.email = clean_line(name), clean_line(phone), email.strip()
    if not q.subject or not q.body:
        raise ValidationError(_("Hãy nhập tiêu đề và nội dung câu hỏi."))
    q.search_text = _search_text(q)
    q.reference = new_reference()
    q.full_clean()
    q.save()
    audit_log(actor=None, verb="question.submitted", target=q, commune=commune)
    portal_notify.question_waiting(q)
    return q


@transaction.atomic
def question_assign(*, question: Question, assignee: Any, actor: Any) -> Question:
    before = _check(question, Q.ASSIGNED)
    question.assigned_to = assignee
    question.status = Q.ASSIGNED
    question.full_clean()
    question.save()
    audit_log(
        actor=actor,
        verb="question.assigned",
        target=question,
        commune=question.commune,
        before=before,
    )
    return question


@transaction.atomic
def question_answer(*, question: Question, answer: str, actor: Any) -> Question:
    """Write (or correct) the answer. A published answer that is corrected stays public."""
    was_public = question.status == Q.PUBLISHED
    target = Q.PUBLISHED if was_public else Q.ANSWERED
    before = snapshot(question) if was_public else _check(question, Q.ANSWERED)
    text = clean_text(answer)
    if not text:
        raise ValidationError({"answer": _("Hãy nhập câu trả lời.")})
    question.answer = text
    question.answered_at = timezone.now()
    question.status = target
    if question.assigned_to_id is None and getattr(actor, "is_authenticated", False):
        question.assigned_to = actor
    question.search_text = _search_text(question)
    question.full_clean()
    question.save()
    audit_log(
        actor=actor,
        verb="question.answered",
        target=question,
        commune=question.commune,
        before=before,
    )
    if was_public:
        transaction.on_commit(lambda: pagecache.bump(question.commune))
    return question


@transaction.atomic
def question_reword(*, question: Question, subject: str, body: str, actor: Any) -> Question:
    """Correct a question's wording (spelling, a name that should not be public) before it is
    published. The citizen's own words are kept once, privately, and the change is audited."""
    if question.status in (Q.PUBLISHED, Q.DECLINED):
        raise ValidationError(_("Chỉ sửa lời câu hỏi trước khi công khai."))
    new_subject, new_body = clean_line(subject), clean_text(body)
    if not new_subject or not new_body:
        raise ValidationError(_("Hãy nhập tiêu đề và nội dung câu hỏi."))
    if (new_subject, new_body) == (question.subject, question.body):
        return question
    before = snapshot(question)
    if not question.original_body:
        question.original_subject, question.original_body = question.subject, question.body
    question.subject, question.body = new_subject, new_body
    question.search_text = _search_text(question)
    question.full_clean()
    question.save()
    audit_log(
        actor=actor, verb="question.reworded", target=question, commune=question.commune,
        before=before,
    )  # fmt: skip
    return question


def question_to_radio(*, question: Question, actor: Any) -> Any:
    """A draft radio bulletin that reads the question and the commune's answer (Hỏi – đáp).

    Raises ValidationError when the question has no answer yet. The bulletin goes through the
    radio's own approval before it is broadcast; its origin is the question."""
    from loalang.radio.services import bulletin_create_draft

    if not question.answer.strip():
        raise ValidationError(_("Câu hỏi chưa có câu trả lời."))
    return bulletin_create_draft(
        commune=question.commune,
        title=f"Hỏi – đáp: {question.subject}",
        script=f"Bà con hỏi: {question.body}\n\nUBND xã trả lời: {question.answer}",
        actor=actor,
        origin=question,
    )


@transaction.atomic
def question_publish(*, question: Question, actor: Any) -> Question:
    """Show the question (without the asker's contact details) and its answer on the portal."""
    before = _check(question, Q.PUBLISHED)
    question.status = Q.PUBLISHED
    question.published_at = timezone.now()
    question.full_clean()
    question.save()
    audit_log(
        actor=actor,
        verb="question.published",
        target=question,
        commune=question.commune,
        before=before,
    )
    commune = question.commune
    transaction.on_commit(lambda: pagecache.bump(commune))
    return question


@transaction.atomic
def question_decline(*, question: Question, reason: str, actor: Any) -> Question:
    was_public = question.status == Q.PUBLISHED
    before = _check(question, Q.DECLINED) if not was_public else snapshot(question)
    question.status = Q.DECLINED
    question.decline_reason = clean_line(reason)[:300]
    question.full_clean()
    question.save()
    audit_log(
        actor=actor,
        verb="question.declined",
        target=question,
        commune=question.commune,
        before=before,
    )
    return question
