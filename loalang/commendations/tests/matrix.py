import datetime as dt

from loalang.accounts.access import Cap
from loalang.testing.matrix import Case, World


def _c(w: World) -> dict:
    from loalang.commendations.models import Commendation

    c = Commendation.objects.create(
        commune=w.commune,
        subject_kind="village",
        village=w.village,
        subject_name=str(w.village),
        reason="Tiêu biểu",
        awarded_on=dt.date(2023, 12, 20),
    )
    return {"pk": c.pk}


CASES = [
    Case("commendations:list", Cap.VIEW),
    Case("commendations:create", Cap.EDIT_PLAN),
    Case("commendations:activity_search", Cap.EDIT_PLAN, query="q=vneid"),
    Case("commendations:detail", Cap.VIEW, kwargs=_c),
    Case("commendations:edit", Cap.EDIT_PLAN, kwargs=_c),
    Case("commendations:delete", Cap.EDIT_PLAN, method="post", kwargs=_c),
]
