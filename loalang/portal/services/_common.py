from __future__ import annotations

import datetime as dt
from typing import Any


def enqueue_at(job: Any, when: dt.datetime | None, *args: Any) -> None:
    """Run `job(*args)` at `when` on the job worker (no cron). A backend that cannot defer
    (the Immediate backend in tests) runs it now; the job itself checks whether it is due."""
    backend = job.get_backend()
    if when is not None and backend.supports_defer:
        job.using(run_after=when).enqueue(*args)
    else:
        job.enqueue(*args)
