"""Routers are attached here; the API object itself is in loalang.api.base."""

from loalang.api.base import api
from loalang.api.routers import ops

api.add_router("/v1/", ops.router)

__all__ = ["api"]
