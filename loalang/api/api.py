"""Routers are attached here; the API object itself is in loalang.api.base."""

from loalang.api.base import api
from loalang.api.routers import ops, read, write

assert write.router is read.router  # writes register on the read router (same paths)
api.add_router("/v1/", read.router)
api.add_router("/v1/", ops.router)

__all__ = ["api"]
