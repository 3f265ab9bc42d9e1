import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils.translation import override

from agreements.models import Agreement
from tests.factories import create_agreement

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def messages_in_english():
    # Model messages are lazy: they are read in the assertions, so English must stay active.
    with override("en"):
        yield


def test_expired_agreement_is_not_in_force():
    agreement = create_agreement(signed_on=dt.date(2019, 3, 1), expires_on=dt.date(2024, 2, 29))

    assert list(Agreement.objects.in_force_on(dt.date(2024, 2, 29))) == [agreement]
    assert list(Agreement.objects.in_force_on(dt.date(2024, 3, 1))) == []
    assert agreement.is_in_force_on(dt.date(2024, 3, 1)) is False


def test_agreement_expiring_on_31_december_is_in_force_that_year_only():
    create_agreement(signed_on=dt.date(2020, 1, 1), expires_on=dt.date(2024, 12, 31))

    assert Agreement.objects.in_force_on(dt.date(2024, 12, 31)).count() == 1
    assert Agreement.objects.in_force_on(dt.date(2025, 12, 31)).count() == 0


def test_terminated_agreement_is_not_in_force_from_its_termination_day():
    create_agreement(signed_on=dt.date(2020, 1, 1), terminated_on=dt.date(2025, 1, 1))

    assert Agreement.objects.in_force_on(dt.date(2024, 12, 31)).count() == 1
    assert Agreement.objects.in_force_on(dt.date(2025, 1, 1)).count() == 0


def test_agreement_takes_effect_from_its_signing_date_when_no_effective_date_is_given():
    create_agreement(signed_on=dt.date(2024, 5, 2), effective_on=None)
    create_agreement(signed_on=dt.date(2024, 5, 2), effective_on=dt.date(2025, 1, 1))

    assert Agreement.objects.in_force_on(dt.date(2024, 12, 31)).count() == 1
    assert Agreement.objects.in_force_on(dt.date(2025, 1, 1)).count() == 2


def test_agreement_still_being_negotiated_is_not_in_force():
    create_agreement(signed_on=None)

    assert Agreement.objects.in_force_on(dt.date(2030, 1, 1)).count() == 0
    assert Agreement.objects.signed().count() == 0


def test_agreement_cannot_expire_before_it_takes_effect():
    agreement = create_agreement()
    agreement.effective_on = dt.date(2021, 1, 1)
    agreement.expires_on = dt.date(2020, 12, 31)

    with pytest.raises(ValidationError) as refused:
        agreement.full_clean()

    assert refused.value.message_dict["expires_on"] == [
        "An agreement cannot expire before it takes effect."
    ]


def test_database_refuses_an_agreement_expiring_before_its_signature():
    with pytest.raises(IntegrityError):
        Agreement.objects.create(
            ref="A-X",
            title="MoU",
            kind=Agreement.Kind.MOU,
            signed_on=dt.date(2024, 1, 1),
            expires_on=dt.date(2023, 1, 1),
        )


def test_renewals_form_a_chain():
    first = create_agreement(signed_on=dt.date(2015, 1, 1), expires_on=dt.date(2020, 1, 1))
    second = create_agreement(signed_on=dt.date(2020, 1, 1), renews=first)
    third = create_agreement(signed_on=dt.date(2025, 1, 1), renews=second)

    assert list(first.renewals.all()) == [second]
    assert third.renews.renews == first


def test_renewal_chain_cannot_loop():
    first = create_agreement()
    second = create_agreement(renews=first)
    first.renews = second

    with pytest.raises(ValidationError) as refused:
        first.full_clean()

    assert refused.value.message_dict["renews"] == ["Renewals cannot form a loop."]


def test_signed_scan_must_be_a_pdf_or_an_image():
    from django.core.files.uploadedfile import SimpleUploadedFile

    agreement = create_agreement()
    agreement.scan = SimpleUploadedFile("scan.exe", b"MZ")

    with pytest.raises(ValidationError) as refused:
        agreement.full_clean()

    assert "scan" in refused.value.message_dict
