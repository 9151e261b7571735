import json
import logging

from loalang.ops.logging import JsonFormatter


def test_log_lines_are_json_with_the_event_fields():
    record = logging.LogRecord("loalang.ops", logging.INFO, __file__, 1, "backup.done", (), None)
    record.path = "/srv/backups/a.tar.gz"
    record.size = 1234
    line = JsonFormatter().format(record)
    data = json.loads(line)
    assert data["message"] == "backup.done" and data["level"] == "INFO"
    assert data["path"] == "/srv/backups/a.tar.gz" and data["size"] == 1234
    assert "\n" not in line
