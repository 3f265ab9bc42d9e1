import pytest
from django.core.management import call_command

from partners.models import CooperationField
from partners.reference import COOPERATION_FIELDS


@pytest.mark.django_db(transaction=True)
def test_every_field_code_of_the_contract_exists_even_after_the_database_is_flushed():
    call_command("flush", "--noinput")

    codes = set(CooperationField.objects.values_list("code", flat=True))

    assert codes == {code for code, _, _ in COOPERATION_FIELDS}


@pytest.mark.django_db
def test_field_of_cooperation_is_named_in_the_user_language():
    from django.utils.translation import override

    tourism = CooperationField.objects.get(code="tourism")

    with override("vi"):
        assert str(tourism) == "Du lịch"
    with override("en"):
        assert str(tourism) == "Tourism"
