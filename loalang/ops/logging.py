"""JSON log lines that keep every field an event carries (`log.info("x", extra={...})`)."""

from __future__ import annotations

import json
import logging

from loalang.core.logging import JsonFormatter as CoreJsonFormatter

# Attributes every LogRecord has; anything else on a record came from `extra=`.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime"}


class JsonFormatter(CoreJsonFormatter):
    def format(self, record: logging.LogRecord) -> str:
        data = json.loads(super().format(record))
        for key, value in vars(record).items():
            if key not in _STANDARD and key not in data and not key.startswith("_"):
                data[key] = value
        return json.dumps(data, ensure_ascii=False, default=str)
