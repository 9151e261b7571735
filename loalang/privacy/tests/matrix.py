from loalang.accounts.access import Cap
from loalang.testing.matrix import Case, World


def _i(w: World) -> dict:
    from loalang.privacy.tests.factories import make_incident

    return {"pk": make_incident(w.commune).pk}


CASES = [
    Case("privacy:list", Cap.PRIVACY),
    Case("privacy:create", Cap.PRIVACY),
    Case("privacy:detail", Cap.PRIVACY, kwargs=_i),
    Case("privacy:edit", Cap.PRIVACY, kwargs=_i),
    Case("privacy:notice_docx", Cap.PRIVACY, kwargs=_i),
    Case("privacy:notice_pdf", Cap.PRIVACY, kwargs=_i),
    Case("privacy:dossier", Cap.PRIVACY),
    Case("privacy:dossier_docx", Cap.PRIVACY),
    Case("privacy:dossier_pdf", Cap.PRIVACY),
]
