"""Data-migration helper: move a model's files between the public and the private storage.

Used by the migrations that took private files out of MEDIA_ROOT (ADR 0085). Works through
the storage API, so the same code moves files on a local disk and in an S3 bucket. Both
directions are idempotent: a row whose file is already where it belongs is left alone, and
a row whose file is missing keeps a name that fits its new storage.
"""

from __future__ import annotations

from typing import Any

from django.core.files.storage import Storage, storages


def _move(src: Storage, dst: Storage, old: str, new: str) -> str:
    if not src.exists(old):
        return new
    with src.open(old, "rb") as fh:
        saved = dst.save(new, fh)
    src.delete(old)
    return saved


def move_files(
    apps: Any,
    app_label: str,
    model_name: str,
    fields: list[str],
    *,
    old_prefix: str,
    to_private: bool,
) -> None:
    """Move every file of `fields` on `app_label.model_name`.

    to_private=True: a name `<old_prefix><rest>` in the public storage becomes `<rest>` in the
    private one. to_private=False (the reverse): `<rest>` in private goes back to
    `<old_prefix><rest>` in public.
    """
    model = apps.get_model(app_label, model_name)
    public, private = storages["default"], storages["private"]
    for row in model.objects.all().only("pk", *fields).iterator():
        changes: dict[str, str] = {}
        for field in fields:
            name = str(getattr(row, field).name or "")
            if not name:
                continue
            if to_private:
                if not name.startswith(old_prefix):
                    continue  # already moved
                new = _move(public, private, name, name[len(old_prefix) :])
            else:
                if old_prefix and name.startswith(old_prefix):
                    continue  # already back
                new = _move(private, public, name, old_prefix + name)
            if new != name:
                changes[field] = new
        if changes:
            model.objects.filter(pk=row.pk).update(**changes)
