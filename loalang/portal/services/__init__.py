"""Every write of the portal. Import from here: `from loalang.portal.services import …`."""

from loalang.portal.services.documents import document_publish, document_withdraw

__all__ = ["document_publish", "document_withdraw"]
