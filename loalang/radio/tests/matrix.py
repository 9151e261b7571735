"""Every staff URL of the radio app, for the permission matrix."""

from __future__ import annotations

import datetime as dt

from loalang.accounts.access import Cap
from loalang.radio.models import Bulletin, BulletinVersion, Cluster, LexiconEntry, Slot
from loalang.testing.matrix import Case, World


def _cluster(w: World) -> Cluster:
    cluster, _ = Cluster.objects.get_or_create(commune=w.commune, name="Cụm loa ma trận")
    return cluster


def _bulletin(w: World, **extra) -> Bulletin:  # type: ignore[no-untyped-def]
    return Bulletin.objects.create(
        commune=w.commune, title="Bản tin ma trận", script="Xin chào.", **extra
    )


def _version(w: World) -> BulletinVersion:
    return BulletinVersion.objects.create(
        bulletin=_bulletin(w),
        kind=BulletinVersion.Kind.SYNTHESIZED,
        status=BulletinVersion.Status.FAILED,
    )


def _ready_version(w: World) -> BulletinVersion:
    from loalang.radio.audio import opening_jingle
    from loalang.radio.services.audio_files import store_samples

    stored = store_samples(opening_jingle())
    return BulletinVersion.objects.create(
        bulletin=_bulletin(w),
        kind=BulletinVersion.Kind.SYNTHESIZED,
        status=BulletinVersion.Status.READY,
        audio_mp3=stored.mp3_name,
        audio_ogg=stored.ogg_name,
        duration_seconds=stored.seconds,
    )


def _recorded_version(w: World) -> BulletinVersion:
    from django.core.files.base import ContentFile

    from loalang.core.files import private_storage

    version = _ready_version(w)
    version.kind = BulletinVersion.Kind.RECORDED
    version.original.name = private_storage().save(
        "radio/originals/matrix.webm", ContentFile(b"\x1aE\xdf\xa3 webm")
    )
    version.save()
    return version


def _slot(w: World) -> Slot:
    slot, _ = Slot.objects.get_or_create(
        commune=w.commune, name="Sáng", defaults={"starts_at": dt.time(6)}
    )
    return slot


def _device(w: World):  # type: ignore[no-untyped-def]
    from loalang.radio.services.players import player_token_issue

    return player_token_issue(cluster=_cluster(w), name="Máy phát ma trận", actor=None)[0]


CASES = [
    Case("radio:home", Cap.VIEW),
    Case("radio:bulletin_list", Cap.VIEW),
    Case("radio:bulletin_create", Cap.RADIO_EDIT),
    Case("radio:bulletin_create", Cap.RADIO_EDIT, method="post", data=lambda w: {"title": ""}),
    Case("radio:bulletin_detail", Cap.VIEW, kwargs=lambda w: {"pk": _bulletin(w).pk}),
    Case("radio:bulletin_edit", Cap.RADIO_EDIT, kwargs=lambda w: {"pk": _bulletin(w).pk}),
    Case(
        "radio:bulletin_submit",
        Cap.RADIO_EDIT,
        kwargs=lambda w: {"pk": _bulletin(w).pk},
        method="post",
    ),
    Case(
        "radio:bulletin_approve",
        Cap.APPROVE,
        kwargs=lambda w: {"pk": _bulletin(w, status=Bulletin.Status.PENDING).pk},
        method="post",
    ),
    Case(
        "radio:bulletin_return",
        Cap.APPROVE,
        kwargs=lambda w: {"pk": _bulletin(w).pk},
        method="post",
    ),
    Case(
        "radio:bulletin_withdraw",
        Cap.APPROVE,
        kwargs=lambda w: {"pk": _bulletin(w).pk},
        method="post",
    ),
    Case(
        "radio:bulletin_on_air",
        Cap.RADIO_OPERATE,
        kwargs=lambda w: {"pk": _bulletin(w).pk},
        method="post",
    ),
    Case("radio:recording_upload", Cap.RADIO_EDIT, kwargs=lambda w: {"pk": _bulletin(w).pk}),
    Case(
        "radio:version_retry",
        Cap.RADIO_EDIT,
        kwargs=lambda w: {"pk": _version(w).pk},
        method="post",
    ),
    Case(
        "radio:version_audio", Cap.VIEW, kwargs=lambda w: {"pk": _ready_version(w).pk, "fmt": "mp3"}
    ),
    Case(
        "radio:version_original",
        Cap.RADIO_EDIT,
        kwargs=lambda w: {"pk": _recorded_version(w).pk},
    ),
    Case("radio:cluster_list", Cap.VIEW),
    Case("radio:cluster_create", Cap.RADIO_EDIT),
    Case("radio:cluster_edit", Cap.RADIO_EDIT, kwargs=lambda w: {"pk": _cluster(w).pk}),
    Case(
        "radio:player_issue",
        Cap.RADIO_EDIT,
        kwargs=lambda w: {"pk": _cluster(w).pk},
        method="post",
        data=lambda w: {"name": "Máy phát ma trận"},
    ),
    Case(
        "radio:player_revoke",
        Cap.RADIO_EDIT,
        kwargs=lambda w: {"pk": _cluster(w).pk, "device_pk": _device(w).pk},
        method="post",
    ),
    Case("radio:slot_list", Cap.VIEW),
    Case("radio:slot_create", Cap.RADIO_EDIT),
    Case("radio:slot_edit", Cap.RADIO_EDIT, kwargs=lambda w: {"pk": _slot(w).pk}),
    Case("radio:schedule", Cap.VIEW),
    Case("radio:bundle_download", Cap.RADIO_OPERATE),
    Case("radio:bundle_push", Cap.RADIO_OPERATE, method="post"),
    Case("radio:log", Cap.VIEW),
    Case("radio:log_confirm", Cap.RADIO_OPERATE, method="post", data=lambda w: {}),
    Case("radio:log_confirm_session", Cap.RADIO_OPERATE, method="post", data=lambda w: {}),
    Case("radio:log_import", Cap.RADIO_OPERATE),
    Case("radio:log_month_csv", Cap.VIEW),
    Case("radio:log_month_pdf", Cap.VIEW),
    Case("radio:lexicon", Cap.RADIO_EDIT),
    Case(
        "radio:lexicon_delete",
        Cap.RADIO_EDIT,
        kwargs=lambda w: {
            "pk": LexiconEntry.objects.get_or_create(
                commune=w.commune, written="ABC", defaults={"spoken": "a bê xê"}
            )[0].pk
        },
        method="post",
    ),
    Case("radio:settings", Cap.RADIO_EDIT),
]
