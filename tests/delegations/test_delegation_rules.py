import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils.translation import override

from delegations.models import Delegation, HostedEvent
from tests.factories import create_delegation, create_event

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def messages_in_english():
    # Model messages are lazy: they are read in the assertions, so English must stay active.
    with override("en"):
        yield


def test_delegation_cannot_end_before_it_starts():
    delegation = Delegation(
        ref="D-X",
        direction=Delegation.Direction.INBOUND,
        title="Đoàn Daegu",
        level=Delegation.Level.LOCAL_LEADER,
        countries=["KR"],
        start_on=dt.date(2024, 5, 10),
        end_on=dt.date(2024, 5, 9),
    )

    with pytest.raises(ValidationError) as refused:
        delegation.full_clean()

    assert refused.value.message_dict["end_on"] == ["A delegation cannot end before it starts."]


def test_database_refuses_a_delegation_that_ends_before_it_starts():
    with pytest.raises(IntegrityError):
        create_delegation(start_on=dt.date(2024, 5, 10), end_on=dt.date(2024, 5, 9))


def test_delegation_has_at_least_one_member():
    with pytest.raises(IntegrityError):
        create_delegation(members=0)


def test_delegation_needs_a_country():
    delegation = Delegation(
        ref="D-Y",
        direction=Delegation.Direction.OUTBOUND,
        title="Xúc tiến đầu tư",
        level=Delegation.Level.LOCAL_LEADER,
        countries=[],
        start_on=dt.date(2024, 5, 10),
    )

    with pytest.raises(ValidationError) as refused:
        delegation.full_clean()

    assert "countries" in refused.value.message_dict


def test_high_level_delegations_are_heads_of_state_government_royals_parliament_and_ministers():
    for level in Delegation.Level.values:
        create_delegation(level=level)

    high = set(Delegation.objects.high_level().values_list("level", flat=True))

    assert high == {"head_of_state", "head_of_government", "royal", "parliament_leader", "minister"}


def test_event_cannot_end_before_it_starts():
    event = create_event(start_on=dt.date(2024, 6, 1))
    event.end_on = dt.date(2024, 5, 31)

    with pytest.raises(ValidationError) as refused:
        event.full_clean()

    assert refused.value.message_dict["end_on"] == ["An event cannot end before it starts."]


def test_delegation_can_name_the_agreements_it_carries_out():
    from tests.factories import create_agreement

    agreement = create_agreement()
    delegation = create_delegation()
    delegation.agreements.add(agreement)
    event = create_event()
    event.agreements.add(agreement)

    assert list(agreement.delegations.all()) == [delegation]
    assert list(agreement.events.all()) == [event]
    assert HostedEvent.objects.count() == 1
