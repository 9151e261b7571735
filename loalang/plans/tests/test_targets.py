"""A target's village: set and cleared through the service and the section editor, only a
village of the plan's own commune, kept through plan data, shown wherever targets are shown;
the demo plan's sample targets."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from loalang.core.models import AuditEntry
from loalang.plans import services
from loalang.plans.data import plan_data
from loalang.plans.document import plan_document
from loalang.plans.models import PlanTarget
from loalang.plans.selectors import revision_diff
from loalang.plans.tests.factories import make_plan
from loalang.testing.factories import VillageFactory

pytestmark = pytest.mark.django_db


def _target(**overrides):  # type: ignore[no-untyped-def]
    row = {
        "description": "Hướng dẫn 150 hộ kích hoạt tài khoản VNeID mức độ 2",
        "metric": "households",
        "channel": "team_guidance",
        "activity_kind": "",
        "target_value": 150,
        "unit": "hộ",
        "period": "total",
        "per_village": False,
        "village_id": None,
        "due_on": "",
    }
    row.update(overrides)
    return row


@pytest.fixture
def khamm(commune):  # type: ignore[no-untyped-def]
    return VillageFactory(commune=commune, name="Khằm")


@pytest.fixture
def foreign_village(other_commune):  # type: ignore[no-untyped-def]
    return VillageFactory(commune=other_commune, name="Lũng Cao")


def _url(name, commune, **kwargs):  # type: ignore[no-untyped-def]
    return reverse(f"plans:{name}", kwargs={"commune_slug": commune.slug, **kwargs})


# --- service ---------------------------------------------------------------------------------


def test_set_and_clear_a_targets_village_through_the_service(commune, culture_user, khamm):
    plan = make_plan(commune)
    services.plan_update_section(
        plan=plan, actor=culture_user, section="targets",
        value=[_target(), _target(description="Mỗi thôn 01 buổi", per_village=True)],
    )  # fmt: skip
    first = plan.targets.get(sort_order=0)
    assert first.village_id is None

    services.plan_update_section(
        plan=plan, actor=culture_user, section="targets",
        value=[_target(village_id=khamm.pk), _target(description="Mỗi thôn 01 buổi",
                                                     per_village=True)],
    )  # fmt: skip
    target = PlanTarget.objects.get(pk=first.pk)  # updated in place, not replaced
    assert target.village == khamm
    assert AuditEntry.objects.filter(verb="plan.targets_updated", target_id=str(plan.pk)).exists()

    services.plan_update_section(
        plan=plan, actor=culture_user, section="targets",
        value=[_target(village_id=None), _target(description="Mỗi thôn 01 buổi",
                                                 per_village=True)],
    )  # fmt: skip
    target.refresh_from_db()
    assert target.village_id is None


def test_another_communes_village_is_refused_and_nothing_saved(
    commune, culture_user, khamm, foreign_village
):
    plan = make_plan(commune)
    services.plan_update_section(
        plan=plan, actor=culture_user, section="targets", value=[_target(village_id=khamm.pk)]
    )
    revisions = plan.revisions.count()
    with pytest.raises(ValidationError) as exc:
        services.plan_update_section(
            plan=plan, actor=culture_user, section="targets",
            value=[_target(village_id=foreign_village.pk, description="Đổi mô tả"),
                   _target(description="Thêm một chỉ tiêu")],
        )  # fmt: skip
    assert "Thôn được chọn không thuộc xã của kế hoạch này." in exc.value.messages
    target = plan.targets.get()
    assert target.village == khamm and target.description.startswith("Hướng dẫn 150 hộ")
    assert plan.revisions.count() == revisions


def test_a_village_target_is_not_also_for_every_village(commune, culture_user, khamm):
    plan = make_plan(commune)
    with pytest.raises(ValidationError) as exc:
        services.plan_update_section(
            plan=plan, actor=culture_user, section="targets",
            value=[_target(village_id=khamm.pk, per_village=True)],
        )  # fmt: skip
    assert "per_village" in exc.value.message_dict
    assert not plan.targets.exists()


def test_plan_data_round_trip_keeps_the_village(commune, culture_user, khamm):
    plan = make_plan(commune)
    services.plan_update_section(
        plan=plan, actor=culture_user, section="targets",
        value=[_target(village_id=khamm.pk), _target(description="Toàn xã 1.000 hộ")],
    )  # fmt: skip
    data = plan_data(plan)
    assert [t["village_id"] for t in data["targets"]] == [khamm.pk, None]
    assert [t["village_name"] for t in data["targets"]] == ["Bản Khằm", ""]
    # Written back as it was read (village_name is read-only), nothing changes.
    services.plan_update(plan=plan, actor=culture_user, data=data)
    assert plan_data(plan)["targets"] == data["targets"]
    # A copy for next year and a new version keep the village too.
    copy = services.plan_copy_for_year(plan=plan, actor=culture_user, year=plan.year + 1)
    assert [t.village_id for t in copy.targets.all()] == [khamm.pk, None]


def test_document_and_history_name_the_village(commune, culture_user, khamm):
    plan = make_plan(commune)
    before = plan_data(plan)
    services.plan_update_section(
        plan=plan, actor=culture_user, section="targets", value=[_target(village_id=khamm.pk)]
    )
    after = plan_data(plan)
    bullets = [getattr(b, "text", "") for b in plan_document(after).body]
    assert "Bản Khằm: hướng dẫn 150 hộ kích hoạt tài khoản VNeID mức độ 2;" in bullets
    added = [line.text for line in revision_diff(before, after) if line.kind == "added"]
    assert any("Bản Khằm" in text for text in added)


# --- section editor ----------------------------------------------------------------------------


def _post(rows):  # type: ignore[no-untyped-def]
    data = {
        "targets-TOTAL_FORMS": str(len(rows)),
        "targets-INITIAL_FORMS": "0",
        "targets-MIN_NUM_FORMS": "0",
        "targets-MAX_NUM_FORMS": "1000",
    }
    for i, row in enumerate(rows):
        for key, value in row.items():
            data[f"targets-{i}-{key}"] = value
    return data


def _row(**overrides):  # type: ignore[no-untyped-def]
    row = {
        "description": "Hướng dẫn 150 hộ kích hoạt tài khoản VNeID mức độ 2",
        "metric": "households",
        "channel": "team_guidance",
        "target_value": "150",
        "unit": "hộ",
        "period": "total",
        "village": "",
        "due_on": "",
        "ORDER": "1",
    }
    row.update(overrides)
    return row


# What a browser sends for the blank "add one more" row: the selects' first options.
BLANK = {"description": "", "metric": "activity_count", "channel": "", "target_value": "",
         "unit": "", "period": "total", "village": "", "due_on": "", "ORDER": ""}  # fmt: skip


def test_editor_offers_only_the_communes_villages(
    client, commune, culture_user, khamm, foreign_village
):
    plan = make_plan(commune)
    client.force_login(culture_user)
    body = client.get(_url("edit_section", commune, pk=plan.pk, section="targets")).content
    body = body.decode()
    assert f'<option value="{khamm.pk}">Bản Khằm</option>' in body
    assert "Lũng Cao" not in body


def test_editor_sets_and_clears_the_village(client, commune, culture_user, khamm):
    plan = make_plan(commune)
    client.force_login(culture_user)
    url = _url("edit_section", commune, pk=plan.pk, section="targets")
    response = client.post(url, _post([_row(village=str(khamm.pk)), BLANK]))
    assert response.status_code == 302, response.content.decode()
    target = plan.targets.get()
    assert target.village == khamm

    # The page shows the chosen village selected, and the detail page names it.
    page = client.get(url).content.decode()
    assert f'<option value="{khamm.pk}" selected>Bản Khằm</option>' in page
    detail = client.get(_url("detail", commune, pk=plan.pk)).content.decode()
    assert "<strong>Bản Khằm:</strong> Hướng dẫn 150 hộ" in detail

    data = _post([_row(village=""), BLANK])
    data["targets-INITIAL_FORMS"] = "1"
    assert client.post(url, data).status_code == 302
    target.refresh_from_db()
    assert target.village_id is None


def test_editor_refuses_another_communes_village(
    client, commune, culture_user, khamm, foreign_village
):
    plan = make_plan(commune)
    client.force_login(culture_user)
    url = _url("edit_section", commune, pk=plan.pk, section="targets")
    response = client.post(url, _post([_row(village=str(foreign_village.pk)), BLANK]))
    assert response.status_code == 200
    assert "Thôn được chọn không thuộc xã của kế hoạch này." in response.content.decode()
    assert not plan.targets.exists()


def test_editor_refuses_a_village_target_marked_for_every_village(
    client, commune, culture_user, khamm
):
    plan = make_plan(commune)
    client.force_login(culture_user)
    url = _url("edit_section", commune, pk=plan.pk, section="targets")
    response = client.post(url, _post([_row(village=str(khamm.pk), per_village="on"), BLANK]))
    assert response.status_code == 200
    assert "Áp dụng cho từng thôn" in response.content.decode()
    assert "chỉ tiêu riêng của thôn đó" in response.content.decode()
    assert not plan.targets.exists()


# --- demo --------------------------------------------------------------------------------------


def test_demo_plan_gets_its_sample_targets_once(db):
    from loalang.home.demo import load_foundation
    from loalang.plans.demo import SAMPLE_TARGETS, SEED_TITLE
    from loalang.plans.demo import load_seed as load  # the seed plan only (ADR 0105)

    commune = load_foundation()
    load(commune)
    plan = commune.plans.get(title=SEED_TITLE)
    targets = list(plan.targets.select_related("village"))
    assert len(targets) == len(SAMPLE_TARGETS) >= 5
    assert all(t.is_sample for t in targets)
    by_village = {t.village.name: t for t in targets if t.village}
    assert set(by_village) == {"Khằm", "Ấm"}
    assert all(t.village.commune_id == commune.pk for t in by_village.values())
    assert any(t.per_village and t.period == "quarter" for t in targets)
    assert any(t.channel == "radio" and t.period == "month" for t in targets)
    assert any("VNeID mức độ 2" in t.description for t in targets)
    ids = [t.pk for t in targets]

    load(commune)
    assert commune.plans.count() == 1
    assert list(plan.targets.values_list("pk", flat=True)) == ids
    assert PlanTarget.objects.filter(plan__commune=commune).count() == len(SAMPLE_TARGETS)


def test_untouched_blank_row_with_selects_is_skipped_in_other_sections(
    client, commune, culture_user
):
    """The selects' first options, sent untouched for the blank row, are not an entry."""
    plan = make_plan(commune)
    client.force_login(culture_user)
    channels = plan_data(plan)["channels"]
    data = {
        "channels-TOTAL_FORMS": str(len(channels) + 1),
        "channels-INITIAL_FORMS": str(len(channels)),
        "channels-MIN_NUM_FORMS": "0",
        "channels-MAX_NUM_FORMS": "1000",
    }
    for i, c in enumerate(channels):
        data.update({f"channels-{i}-channel": c["channel"], f"channels-{i}-text": c["text"],
                     f"channels-{i}-ORDER": str(i + 1)})  # fmt: skip
    n = len(channels)
    data.update({f"channels-{n}-channel": "radio", f"channels-{n}-text": "",
                 f"channels-{n}-ORDER": ""})  # fmt: skip
    url = _url("edit_section", commune, pk=plan.pk, section="channels")
    assert client.post(url, data).status_code == 302
    assert plan.channels.count() == n


def test_detail_page_names_the_village_and_marks_every_village_targets(
    client, commune, culture_user, khamm
):
    plan = make_plan(commune)
    services.plan_update_section(
        plan=plan, actor=culture_user, section="targets",
        value=[_target(village_id=khamm.pk),
               _target(description="Một buổi tuyên truyền", per_village=True, period="quarter")],
    )  # fmt: skip
    client.force_login(culture_user)
    body = client.get(_url("detail", commune, pk=plan.pk)).content.decode()
    assert "<strong>Bản Khằm:</strong> Hướng dẫn 150 hộ kích hoạt tài khoản VNeID" in body
    assert "Một buổi tuyên truyền — 150 hộ (Mỗi quý, mỗi thôn)" in body
