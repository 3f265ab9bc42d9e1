"""Search whatever the script or the accents: the normalised search text, its upkeep on every
kind of write, the search box of the lists and the search page of the header.

These tests must pass on PostgreSQL as well as SQLite (DATABASE_URL=postgres://...).
"""

import datetime as dt
import importlib

import pytest
from django.apps import apps as django_apps
from django.contrib.auth.models import User

from agreements.models import Agreement
from danang_intl.search import (
    SEARCHED_ATTRIBUTES,
    fill_search_text,
    normalise,
    search_q,
    search_text_for,
)
from dashboard.importer import import_workbook
from delegations.models import Delegation, HostedEvent
from investment.models import FdiProject
from partners.models import Partner
from tests.dashboard.test_import import VALID_SHEETS, write_workbook
from tests.factories import (
    create_agreement,
    create_delegation,
    create_event,
    create_partner,
    create_project,
    create_user,
)

pytestmark = pytest.mark.django_db


def refs(response, section=None):
    """The codes of the records a list page shows, in order."""
    rows = response.context["rows"]
    return [record.ref for record, _cells in rows]


def matching_refs(model, query, **kwargs):
    return sorted(
        model.objects.filter(search_q(query, model=model, **kwargs)).values_list("ref", flat=True)
    )


# -- normalisation ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Đà Nẵng", "da nang"),
        ("  ĐÀ   NẴNG ", "da nang"),
        ("Thành phố Hội An", "thanh pho hoi an"),
        ("대구광역시", "대구광역시"),
        ("山东省", "山东省"),
        ("Genova", "genova"),
        ("Zürich", "zurich"),
        ("Straße", "strasse"),
        ("Ｄａｅｇｕ", "daegu"),
        ("ສະຫວັນນະເຂດ", "ສະຫວັນນະເຂດ"),
    ],
)
def test_normalise_drops_latin_accents_and_case_and_keeps_other_scripts(text, expected):
    assert normalise(text) == expected


def test_hangul_query_is_a_substring_of_the_full_korean_name():
    assert normalise("대구") in normalise("대구광역시")


def test_every_searched_attribute_exists_on_its_model():
    for label, attributes in SEARCHED_ATTRIBUTES.items():
        model = django_apps.get_model(label)
        names = {field.name for field in model._meta.get_fields()}
        assert set(attributes) <= names, label


# -- the search text is kept up to date ------------------------------------------------------


def test_saving_a_partner_fills_its_search_text_with_every_name_and_its_country():
    partner = create_partner(name="Daegu", name_local="대구광역시", name_vi="Thành phố Đại Khâu")

    partner.refresh_from_db()
    assert "daegu" in partner.search_text
    assert "대구광역시" in partner.search_text
    assert "thanh pho đai khau".replace("đ", "d") in partner.search_text
    assert "han quoc" in partner.search_text  # Korea, in Vietnamese
    assert "korea" in partner.search_text


def test_saving_with_update_fields_updates_the_search_text_too():
    partner = create_partner(name="Daegu")
    partner.name = "Daejeon"

    partner.save(update_fields=["name"])

    partner.refresh_from_db()
    assert "daejeon" in partner.search_text
    assert "daegu" not in partner.search_text


def test_every_searchable_record_type_gets_its_search_text_on_save():
    records = [
        create_partner(name="Đà Nẵng Partner"),
        create_agreement(title="Hợp tác Đà Nẵng"),
        create_delegation(title="Đoàn Đà Nẵng"),
        create_event(name="Lễ hội Đà Nẵng"),
        create_project(name="Nhà máy Đà Nẵng"),
    ]
    for record in records:
        record.refresh_from_db()
        assert "da nang" in record.search_text, record


def test_import_fills_the_search_text_of_new_and_updated_records(tmp_path):
    path = write_workbook(tmp_path / "first.xlsx", VALID_SHEETS)
    assert import_workbook(path).imported

    daegu = Partner.objects.get(ref="P-DAEGU")
    assert "대구광역시" in daegu.search_text
    assert "dai khau" in daegu.search_text  # "Đại Khâu"
    assert Delegation.objects.get(ref="D-1").search_text.startswith("d-1 doan thanh pho daegu")
    assert "dentium" in FdiProject.objects.get(ref="4321000123").search_text
    assert "le hoi phao hoa" in HostedEvent.objects.get(ref="E-DIFF-2025").search_text

    sheets = {name: [list(row) for row in rows] for name, rows in VALID_SHEETS.items()}
    sheets["partners"][1][1] = "Daegu Metropolitan City"
    second = write_workbook(tmp_path / "second.xlsx", sheets)
    assert import_workbook(second).imported

    assert "daegu metropolitan city" in Partner.objects.get(ref="P-DAEGU").search_text


def test_demo_data_has_search_text_on_every_searchable_record():
    from dashboard.demo import load_demo

    load_demo(seed=7)

    for label in SEARCHED_ATTRIBUTES:
        model = django_apps.get_model(label)
        assert not model.objects.filter(search_text="").exists(), label
    assert Partner.objects.filter(search_q("대구"), ref="KR-DAEGU").exists()


def test_data_migration_fills_rows_saved_before_the_column_existed():
    partner = create_partner(name="Genova", name_vi="Genoa")
    Partner.objects.filter(pk=partner.pk).update(search_text="")
    migration = importlib.import_module("partners.migrations.0003_search_text")

    migration.fill_existing_rows(django_apps, None)

    assert Partner.objects.get(pk=partner.pk).search_text == search_text_for(partner)


def test_fill_search_text_works_in_batches():
    for number in range(7):
        create_partner(name=f"Đà Nẵng {number}")
    Partner.objects.update(search_text="")

    fill_search_text(Partner, batch_size=3)

    assert Partner.objects.filter(search_text__startswith="p-").count() == 7


# -- searching -------------------------------------------------------------------------------


@pytest.fixture
def daegu():
    return create_partner(ref="KR-DAEGU", name="Daegu", name_local="대구광역시")


@pytest.mark.parametrize("query", ["Daegu", "daegu", "DAEGU", "대구", "대구광역시", " daegu  "])
def test_daegu_is_found_by_its_latin_or_korean_name(daegu, query):
    create_partner(ref="KR-BUSAN", name="Busan", name_local="부산광역시")

    assert matching_refs(Partner, query) == ["KR-DAEGU"]


@pytest.mark.parametrize("query", ["Da Nang", "da nang", "ĐÀ NẴNG", "Đà Nẵng", "nang da"])
def test_vietnamese_name_is_found_without_accents_or_case(query):
    create_project(ref="IRC-1", name="Trung tâm dữ liệu Đà Nẵng")
    create_project(ref="IRC-2", name="Nhà máy Hội An")

    assert matching_refs(FdiProject, query) == ["IRC-1"]


@pytest.mark.parametrize("query", ["Genova", "Genoa", "genoa"])
def test_genova_is_found_by_either_of_the_names_it_carries(query):
    create_partner(ref="IT-GENOVA", name="Genova", name_vi="Genoa", country="IT")
    create_partner(ref="IT-ROMA", name="Roma", country="IT", notes="Rome")

    assert matching_refs(Partner, query) == ["IT-GENOVA"]


def test_a_name_in_the_notes_finds_the_partner():
    create_partner(ref="IT-GENOVA", name="Genova", country="IT", notes="English: Genoa")

    assert matching_refs(Partner, "genoa") == ["IT-GENOVA"]


def test_every_word_of_the_query_must_match():
    create_partner(ref="KR-DAEGU", name="Daegu", name_local="대구광역시")
    create_partner(ref="JP-YOKOHAMA", name="Yokohama", country="JP")

    assert matching_refs(Partner, "daegu korea") == ["KR-DAEGU"]
    assert matching_refs(Partner, "daegu japan") == []


def test_like_wildcards_in_the_query_are_plain_characters():
    create_partner(ref="P-1", name="Daegu")

    assert matching_refs(Partner, "%") == []
    assert matching_refs(Partner, "_aegu") == []


def test_an_agreement_is_found_by_its_partners_korean_name(daegu):
    create_agreement(ref="A-DAEGU", title="Biên bản ghi nhớ với Daegu", partners=[daegu])
    create_agreement(ref="A-OTHER", title="Biên bản ghi nhớ khác")

    assert matching_refs(Agreement, "대구", related=[(Partner.objects.all(), "agreements")]) == [
        "A-DAEGU"
    ]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/partners/?q=대구", ["KR-DAEGU"]),
        ("/partners/?q=Daegu", ["KR-DAEGU"]),
        ("/agreements/?q=대구", ["A-DAEGU"]),
        ("/delegations/?q=대구", ["D-DAEGU"]),
        ("/delegations/?q=da+nang", ["D-DAEGU"]),
        ("/events/?q=da+nang", ["E-DIFF"]),
        ("/investment/projects/?q=da+nang", ["IRC-DN"]),
    ],
)
def test_search_box_of_each_list_finds_across_scripts(leader_client, daegu, url, expected):
    create_agreement(ref="A-DAEGU", title="Hợp tác", partners=[daegu])
    create_agreement(ref="A-BUSAN", title="Hợp tác", partners=[create_partner(name="Busan")])
    create_delegation(ref="D-DAEGU", title="Đoàn Daegu thăm Đà Nẵng").partners.set([daegu])
    create_delegation(ref="D-OTHER", title="Đoàn Busan thăm Hội An")
    create_event(ref="E-DIFF", name="Lễ hội pháo hoa quốc tế Đà Nẵng")
    create_event(ref="E-HOIAN", name="Lễ hội đèn lồng Hội An")
    create_project(ref="IRC-DN", name="Trung tâm dữ liệu Đà Nẵng")
    create_project(ref="IRC-HA", name="Khu nghỉ dưỡng Hội An")

    response = leader_client.get(url)

    assert response.status_code == 200
    assert refs(response) == expected


# -- the search page -------------------------------------------------------------------------


def section_refs(response):
    return {
        str(section.title): [record.ref for record, _cells in section.table.rows]
        for section in response.context["sections"]
    }


def test_search_page_lists_matches_of_every_record_type(leader_client, in_english, daegu):
    create_agreement(ref="A-DAEGU", title="Hợp tác", partners=[daegu])
    create_delegation(ref="D-DAEGU", title="Đoàn thành phố Daegu")
    create_event(ref="E-KR", name="Lễ hội Việt Nam - Hàn Quốc", countries=["KR"])
    create_project(ref="IRC-KR", name="Nhà máy", investor="Daegu Tech")

    response = leader_client.get("/search/", {"q": "대구"})

    assert response.status_code == 200
    assert section_refs(response) == {
        "partners": ["KR-DAEGU"],
        "agreements": ["A-DAEGU"],
        "delegations": [],
        "hosted events": [],
        "FDI projects": [],
    }
    assert 'href="/partners/?q=%EB%8C%80%EA%B5%AC"' in response.content.decode()

    response = leader_client.get("/search/", {"q": "daegu"})
    assert section_refs(response) == {
        "partners": ["KR-DAEGU"],
        "agreements": ["A-DAEGU"],
        "delegations": ["D-DAEGU"],
        "hosted events": [],
        "FDI projects": ["IRC-KR"],
    }


def test_search_page_finds_da_nang_without_accents(leader_client, in_english):
    create_event(ref="E-DIFF", name="Lễ hội pháo hoa quốc tế Đà Nẵng")
    create_event(ref="E-HOIAN", name="Lễ hội đèn lồng Hội An")

    response = leader_client.get("/search/", {"q": "da nang"})

    assert section_refs(response)["hosted events"] == ["E-DIFF"]


def test_search_page_shows_ten_matches_and_links_to_the_rest(leader_client, in_english):
    for number in range(12):
        create_event(ref=f"E-{number:02d}", name="Diễn đàn Đà Nẵng", start_on=dt.date(2024, 1, 1))

    response = leader_client.get("/search/", {"q": "dien dan"})

    section = response.context["sections"][3]
    assert section.table.total == 12
    assert len(section.table.rows) == 10
    assert "See all 12 in the list" in response.content.decode()


def test_search_page_without_a_query_shows_the_box_only(leader_client):
    response = leader_client.get("/search/")

    assert response.status_code == 200
    assert response.context["sections"] == []


def test_search_page_refuses_a_very_long_query_with_a_message(leader_client, in_english):
    response = leader_client.get("/search/", {"q": "대구" * 150})

    assert response.status_code == 400
    assert "Ensure this value has at most 200 characters" in response.content.decode()


def test_search_page_refuses_more_than_ten_words(leader_client, in_english):
    response = leader_client.get("/search/", {"q": " ".join("abcdefghijkl")})

    assert response.status_code == 400
    assert "Search with at most 10 words." in response.content.decode()


def test_search_page_accepts_mixed_scripts_in_one_query(leader_client, in_english, daegu):
    create_partner(ref="KR-BUSAN", name="Busan", name_local="부산광역시")

    response = leader_client.get("/search/", {"q": "Daegu 대구광역시 Hàn"})

    assert response.status_code == 200
    assert section_refs(response)["partners"] == ["KR-DAEGU"]  # Hàn: Hàn Quốc, Korea


def test_search_page_needs_a_sign_in(client):
    response = client.get("/search/", {"q": "daegu"})

    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_search_page_is_refused_to_a_user_without_a_role(client):
    client.force_login(create_user("norole"))

    response = client.get("/search/", {"q": "daegu"})

    assert response.status_code == 403


def test_search_page_leaves_out_record_types_the_user_may_not_see(client, in_english):
    user = create_user("partners-only")
    user.user_permissions.add(*_permissions("partners.view_partner"))
    client.force_login(User.objects.get(pk=user.pk))

    response = client.get("/search/", {"q": "daegu"})

    assert [str(section.title) for section in response.context["sections"]] == ["partners"]


def _permissions(*names):
    from django.contrib.auth.models import Permission

    for name in names:
        app_label, codename = name.split(".")
        yield Permission.objects.get(content_type__app_label=app_label, codename=codename)


def test_header_has_the_search_box_for_those_who_may_see_records(leader_client):
    response = leader_client.get("/")

    assert 'action="/search/"' in response.content.decode()


def test_countries_of_a_delegation_are_searchable_in_english_and_vietnamese():
    create_delegation(ref="D-JP-KR", title="Đoàn bộ trưởng", countries=["JP", "KR"])
    create_delegation(ref="D-SG", title="Đoàn bộ trưởng", countries=["SG"])

    assert matching_refs(Delegation, "japan") == ["D-JP-KR"]
    assert matching_refs(Delegation, "Hàn Quốc") == ["D-JP-KR"]
    assert matching_refs(Delegation, "singapore") == ["D-SG"]


@pytest.mark.parametrize("model", [Partner, Agreement, Delegation, HostedEvent, FdiProject])
def test_search_on_postgresql_can_answer_from_a_trigram_index(model):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("trigram indexes are PostgreSQL's")
    queryset = model.objects.filter(search_q("daegu", model=model)).order_by()
    with connection.cursor() as cursor:
        # The tables of a test are tiny, so the planner would rightly read them whole, or walk
        # another index for the list's order; told to do neither, it shows whether an index can
        # answer the LIKE at all.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        plan = queryset.explain()

    assert f"{model._meta.db_table}_search_trgm" in plan
