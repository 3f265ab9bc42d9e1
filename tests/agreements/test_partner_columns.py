"""An agreement keeps its partners' search texts and countries (agreements/partner_columns.py):
the list's filter by partners' country and the search find it through them, and they follow
every change of a partner or of the agreement's partners, in a form, in code and by import."""

import pytest

from agreements.models import Agreement
from dashboard.importer import import_workbook
from tests.lists import listed_refs
from tests.dashboard.test_import import PARTNER_HEADER, write_csv_folder
from tests.factories import create_agreement, create_partner

pytestmark = pytest.mark.django_db


def found(client, **params):
    return sorted(listed_refs(client.get("/agreements/", params)))


def test_agreement_is_found_by_its_partners_new_name_and_country(leader_client):
    partner = create_partner(ref="P-1", name="Daegu", country="KR")
    create_agreement(ref="A-1", partners=[partner])

    partner.name = "Genova"
    partner.country = "IT"
    partner.save()

    assert found(leader_client, q="genova") == ["A-1"]
    assert found(leader_client, q="daegu") == []
    assert found(leader_client, partner_country="IT") == ["A-1"]
    assert found(leader_client, partner_country="KR") == []


def test_agreement_follows_its_partners_added_removed_and_cleared(leader_client):
    daegu = create_partner(ref="P-DAEGU", name="Daegu", country="KR")
    genova = create_partner(ref="P-GENOVA", name="Genova", country="IT")
    agreement = create_agreement(ref="A-1", partners=[daegu])

    agreement.partners.add(genova)
    assert found(leader_client, q="genova") == ["A-1"]
    assert found(leader_client, partner_country="IT") == ["A-1"]

    agreement.partners.remove(daegu)
    assert found(leader_client, q="daegu") == []
    assert found(leader_client, partner_country="KR") == []

    genova.agreements.clear()
    assert found(leader_client, q="genova") == []
    assert Agreement.objects.get(ref="A-1").partners_search_text == ""

    daegu.agreements.add(agreement)
    assert found(leader_client, q="daegu", partner_country="KR") == ["A-1"]


def test_deleted_partner_no_longer_finds_its_agreements(leader_client):
    daegu = create_partner(ref="P-DAEGU", name="Daegu", country="KR")
    genova = create_partner(ref="P-GENOVA", name="Genova", country="IT")
    create_agreement(ref="A-1", partners=[daegu, genova])

    genova.delete()

    assert found(leader_client, q="genova") == []
    assert found(leader_client, partner_country="IT") == []
    assert found(leader_client, q="daegu") == ["A-1"]


def test_a_country_code_matches_only_whole_codes(leader_client):
    create_agreement(ref="A-1", partners=[create_partner(country="KR")])
    create_agreement(ref="A-2", partners=[create_partner(country="KP")])

    assert found(leader_client, partner_country="KR") == ["A-1"]
    assert found(leader_client, partner_country="KP") == ["A-2"]


def test_import_keeps_what_agreements_copy_from_partners(tmp_path, leader_client):
    busan = create_partner(ref="P-1", name="Busan", country="KR")
    create_agreement(ref="A-SAVED", partners=[busan])
    folder = write_csv_folder(
        tmp_path / "file",
        {
            "partners": [
                PARTNER_HEADER,
                ["P-1", "Genova", "locality", "IT", ""],
                ["P-2", "Huế", "locality", "VN", ""],
            ],
            "agreements": [
                ["ref", "title", "kind", "partner_refs"],
                ["A-NEW", "MoU", "mou", "P-2"],
            ],
        },
    )

    assert import_workbook(folder).imported

    # The saved agreement follows its renamed partner; the new one takes its new partner's.
    assert found(leader_client, q="genova") == ["A-SAVED"]
    assert found(leader_client, q="busan") == []
    assert found(leader_client, partner_country="IT") == ["A-SAVED"]
    assert found(leader_client, q="hue") == ["A-NEW"]
    assert found(leader_client, partner_country="VN") == ["A-NEW"]
