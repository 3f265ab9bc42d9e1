import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils.translation import override

from partners.models import Partner
from tests.factories import create_partner

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def messages_in_english():
    # Model messages are lazy: they are read in the assertions, so English must stay active.
    with override("en"):
        yield


END_OF_2024 = dt.date(2024, 12, 31)


def test_partner_whose_relationship_ended_is_not_active_after_that_day():
    partner = create_partner(established_on=dt.date(2015, 4, 1), ended_on=dt.date(2024, 6, 30))

    assert list(Partner.objects.active_on(dt.date(2024, 6, 29))) == [partner]
    assert list(Partner.objects.active_on(dt.date(2024, 6, 30))) == []
    assert partner.is_active_on(dt.date(2024, 6, 29)) is True
    assert partner.is_active_on(dt.date(2024, 7, 1)) is False


def test_partner_established_on_31_december_is_active_at_the_end_of_that_year():
    create_partner(established_on=END_OF_2024)

    assert Partner.objects.active_on(END_OF_2024).count() == 1
    assert Partner.objects.active_on(dt.date(2024, 12, 30)).count() == 0


def test_prospective_partner_is_never_active():
    create_partner(established_on=None)

    assert Partner.objects.active_on(dt.date(2030, 1, 1)).count() == 0


def test_organisations_are_not_localities():
    create_partner(name="CITYNET", kind=Partner.Kind.NETWORK, country="")
    daegu = create_partner(name="Daegu")

    assert list(Partner.objects.localities().active_on(END_OF_2024)) == [daegu]


def test_locality_without_a_country_is_refused_on_the_country_field():
    partner = Partner(ref="P-X", name="Somewhere", kind=Partner.Kind.LOCALITY, country="")

    with pytest.raises(ValidationError) as refused:
        partner.full_clean()

    assert refused.value.message_dict["country"] == ["A locality must have a country."]


def test_database_refuses_a_locality_without_a_country():
    with pytest.raises(IntegrityError):
        Partner.objects.create(ref="P-X", name="Somewhere", kind=Partner.Kind.LOCALITY, country="")


def test_relationship_cannot_end_before_it_was_established():
    partner = Partner(
        ref="P-Y",
        name="Daegu",
        kind=Partner.Kind.LOCALITY,
        country="KR",
        established_on=dt.date(2020, 1, 1),
        ended_on=dt.date(2019, 1, 1),
    )

    with pytest.raises(ValidationError) as refused:
        partner.full_clean()

    assert refused.value.message_dict["ended_on"] == [
        "The relationship cannot end before it was established."
    ]


def test_unknown_country_code_is_refused():
    partner = Partner(ref="P-Z", name="Atlantis", kind=Partner.Kind.LOCALITY, country="XX")

    with pytest.raises(ValidationError) as refused:
        partner.full_clean()

    assert "country" in refused.value.message_dict


def test_two_partners_cannot_share_a_code():
    create_partner(ref="KR-DAEGU")

    with pytest.raises(IntegrityError):
        create_partner(ref="KR-DAEGU")


def test_country_has_vietnamese_and_english_names():
    partner = create_partner(country="KR")

    with override("vi"):
        assert partner.country.name == "Hàn Quốc"
    with override("en"):
        assert partner.country.name == "South Korea"
