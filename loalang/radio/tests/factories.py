"""Factories for the radio app's tests."""

from __future__ import annotations

import datetime as dt

import factory
from factory.django import DjangoModelFactory

from loalang.radio.models import Bulletin, Cluster, Slot
from loalang.testing.factories import CommuneFactory


class ClusterFactory(DjangoModelFactory):
    class Meta:
        model = Cluster

    commune = factory.SubFactory(CommuneFactory)
    name = factory.Sequence(lambda n: f"Cụm loa {n}")
    code = factory.Sequence(lambda n: f"CL-{n:03d}")


class SlotFactory(DjangoModelFactory):
    class Meta:
        model = Slot

    commune = factory.SubFactory(CommuneFactory)
    name = factory.Sequence(lambda n: f"Buổi {n}")
    starts_at = dt.time(6, 0)
    min_minutes = 0


class BulletinFactory(DjangoModelFactory):
    class Meta:
        model = Bulletin

    commune = factory.SubFactory(CommuneFactory)
    title = factory.Sequence(lambda n: f"Bản tin {n}")
    script = ""
