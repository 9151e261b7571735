"""Every write of the portal. Import from here: `from loalang.portal.services import …`."""

from loalang.portal.services.articles import (
    article_archive,
    article_expire_due,
    article_publish,
    article_publish_due,
    article_return,
    article_save,
    article_submit,
    article_to_radio,
)
from loalang.portal.services.documents import document_publish, document_withdraw
from loalang.portal.services.events import event_save, profile_update
from loalang.portal.services.feedback import (
    question_answer,
    question_assign,
    question_by_reference,
    question_decline,
    question_publish,
    question_reword,
    question_submit,
    question_to_radio,
)
from loalang.portal.services.images import image_make_renditions, image_upload

__all__ = [
    "article_archive",
    "article_expire_due",
    "article_publish",
    "article_publish_due",
    "article_return",
    "article_save",
    "article_submit",
    "article_to_radio",
    "document_publish",
    "document_withdraw",
    "event_save",
    "image_make_renditions",
    "image_upload",
    "profile_update",
    "question_answer",
    "question_assign",
    "question_by_reference",
    "question_decline",
    "question_publish",
    "question_reword",
    "question_submit",
    "question_to_radio",
]
