"""Small helpers that create records with sensible defaults; tests pass only what matters."""

import datetime as dt
import itertools
from decimal import Decimal

from django.contrib.auth.models import Group, User

from agreements.models import Agreement, ImplementationEntry
from dashboard.models import StatisticsEntry
from dashboard.roles import ADMINISTRATORS, LEADERSHIP, STAFF
from delegations.models import Delegation, HostedEvent
from investment.models import CapitalChange, CapitalContribution, FdiProject
from partners.models import Partner

_seq = itertools.count(1)


def _ref(prefix):
    return f"{prefix}-{next(_seq):05d}"


def create_partner(**fields):
    defaults = {
        "ref": _ref("P"),
        "name": "Daegu",
        "kind": Partner.Kind.LOCALITY,
        "country": "KR",
        "relationship": Partner.Relationship.FRIENDSHIP_COOPERATION,
        "established_on": dt.date(2020, 1, 1),
    }
    return Partner.objects.create(**(defaults | fields))


def create_agreement(*, partners=(), **fields):
    defaults = {
        "ref": _ref("A"),
        "title": "Biên bản ghi nhớ hợp tác",
        "kind": Agreement.Kind.MOU,
        "signed_on": dt.date(2020, 6, 1),
    }
    agreement = Agreement.objects.create(**(defaults | fields))
    agreement.partners.set(partners or [create_partner()])
    return agreement


def create_implementation_entry(*, agreement, **fields):
    defaults = {"done_on": dt.date(2021, 1, 1), "text": "Trao đổi đoàn"}
    return ImplementationEntry.objects.create(agreement=agreement, **(defaults | fields))


def create_delegation(**fields):
    defaults = {
        "ref": _ref("D"),
        "direction": Delegation.Direction.INBOUND,
        "title": "Đoàn thành phố Daegu",
        "level": Delegation.Level.LOCAL_LEADER,
        "countries": ["KR"],
        "start_on": dt.date(2024, 3, 1),
    }
    return Delegation.objects.create(**(defaults | fields))


def create_event(**fields):
    defaults = {
        "ref": _ref("E"),
        "name": "Lễ hội pháo hoa quốc tế Đà Nẵng",
        "kind": HostedEvent.Kind.FESTIVAL,
        "start_on": dt.date(2024, 6, 1),
    }
    return HostedEvent.objects.create(**(defaults | fields))


def create_project(**fields):
    defaults = {
        "ref": _ref("IRC"),
        "name": "Nhà máy ICT VINA III",
        "investor": "Dentium Co., Ltd.",
        "investor_country": "KR",
        "sector": FdiProject.Sector.MANUFACTURING,
        "certified_on": dt.date(2024, 5, 1),
        "registered_capital_usd": Decimal("177000000"),
    }
    return FdiProject.objects.create(**(defaults | fields))


def create_capital_change(*, project, **fields):
    defaults = {
        "changed_on": project.certified_on + dt.timedelta(days=30),
        "amount_usd": Decimal("1000000"),
    }
    return CapitalChange.objects.create(project=project, **(defaults | fields))


def create_contribution(**fields):
    defaults = {
        "ref": _ref("C"),
        "investor": "Tokyo Capital",
        "investor_country": "JP",
        "company": "Công ty CP Du lịch Đà Nẵng",
        "contributed_on": dt.date(2024, 7, 1),
        "amount_usd": Decimal("2500000"),
    }
    return CapitalContribution.objects.create(**(defaults | fields))


def create_statistic(**fields):
    defaults = {"indicator": "exports_usd", "year": 2025, "value": Decimal("4530000000")}
    return StatisticsEntry.objects.create(**(defaults | fields))


def create_user(username, *, role=None, password="correct-horse-battery", **fields):
    """A user in one of the roles; everyone who signs in to admin is is_staff."""
    user = User.objects.create_user(username, password=password, is_staff=True, **fields)
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


def create_leader(username="leader"):
    return create_user(username, role=LEADERSHIP)


def create_staff_member(username="staffer"):
    return create_user(username, role=STAFF)


def create_administrator(username="admin"):
    return create_user(username, role=ADMINISTRATORS, is_superuser=False)
