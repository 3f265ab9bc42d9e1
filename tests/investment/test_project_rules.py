import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils.translation import override

from investment.models import CapitalChange, CapitalContribution, FdiProject
from tests.factories import create_capital_change, create_project

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def messages_in_english():
    # Model messages are lazy: they are read in the assertions, so English must stay active.
    with override("en"):
        yield


def test_project_terminated_mid_year_is_not_valid_at_the_end_of_that_year():
    create_project(certified_on=dt.date(2018, 1, 1), terminated_on=dt.date(2024, 7, 1))

    assert FdiProject.objects.valid_on(dt.date(2023, 12, 31)).count() == 1
    assert FdiProject.objects.valid_on(dt.date(2024, 12, 31)).count() == 0


def test_project_is_valid_from_its_certification_day():
    project = create_project(certified_on=dt.date(2024, 12, 31))

    assert project.is_valid_on(dt.date(2024, 12, 31)) is True
    assert project.is_valid_on(dt.date(2024, 12, 30)) is False


def test_registered_capital_cannot_be_negative():
    project = FdiProject(
        ref="IRC-X",
        name="X",
        investor="Y",
        investor_country="JP",
        sector=FdiProject.Sector.OTHER,
        certified_on=dt.date(2024, 1, 1),
        registered_capital_usd=Decimal("-1"),
    )

    with pytest.raises(ValidationError) as refused:
        project.full_clean()

    assert "registered_capital_usd" in refused.value.message_dict
    with pytest.raises(IntegrityError):
        project.save()


def test_capital_change_may_reduce_capital():
    project = create_project()

    change = create_capital_change(project=project, amount_usd=Decimal("-5000000"))

    change.full_clean()
    assert CapitalChange.objects.get().amount_usd == Decimal("-5000000.00")


def test_capital_cannot_change_before_the_project_is_certified():
    project = create_project(certified_on=dt.date(2024, 5, 1))
    change = CapitalChange(project=project, changed_on=dt.date(2024, 4, 30), amount_usd=1)

    with pytest.raises(ValidationError) as refused:
        change.full_clean()

    assert refused.value.message_dict["changed_on"] == [
        "Capital cannot change before the project is certified."
    ]


def test_contribution_must_be_positive():
    with pytest.raises(IntegrityError):
        CapitalContribution.objects.create(
            ref="C-X",
            investor="X",
            investor_country="SG",
            company="Y",
            contributed_on=dt.date(2024, 1, 1),
            amount_usd=Decimal("0"),
        )


def test_certification_cannot_move_after_an_existing_capital_change():
    project = create_project(certified_on=dt.date(2024, 5, 1))
    create_capital_change(project=project, changed_on=dt.date(2024, 6, 1))
    project.certified_on = dt.date(2024, 7, 1)

    with pytest.raises(ValidationError) as refused:
        project.full_clean()

    assert refused.value.message_dict["certified_on"] == [
        "The project has capital changes dated before this day."
    ]
