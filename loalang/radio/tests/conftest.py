from __future__ import annotations

import pytest

from loalang.radio.speech.fake import FakeEngine


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    """Run on_commit callbacks (job enqueues, pushes) as the real commit would."""

    class Runner:
        def __enter__(self):  # type: ignore[no-untyped-def]
            self._ctx = django_capture_on_commit_callbacks(execute=True)
            return self._ctx.__enter__()

        def __exit__(self, *exc):  # type: ignore[no-untyped-def]
            return self._ctx.__exit__(*exc)

    return Runner


@pytest.fixture
def fake_engine(settings):
    from loalang.radio.speech import base

    settings.LOALANG_SPEECH_ENGINE = "loalang.radio.speech.fake.FakeEngine"
    FakeEngine.calls = []
    FakeEngine.fail_with = None
    yield FakeEngine
    FakeEngine.fail_with = None
    base._instances.pop("loalang.radio.speech.fake.FakeEngine", None)


@pytest.fixture
def plan_theme(commune):
    from loalang.plans.models import Plan, PlanTheme

    plan = Plan.objects.create(commune=commune, title="Truyền thông chuyển đổi số", year=2026)
    return PlanTheme.objects.create(
        plan=plan, letter="a", short_name="Khái niệm CĐS", text="Giới thiệu CĐS"
    )
