"""Names and texts typed in by staff or imported from a workbook are shown as text wherever they
appear, never run as markup, and leave the downloads as text, never as a formula.

Every text field of every record type holds the same hostile payload (markup, an attribute
break-out, a template tag, names in Korean, Vietnamese and Arabic with bidirectional marks, an
entity), led by a tag naming the field. Each page must show the escaped payload of each field it
displays, so that a page cannot pass by leaving the text out, and none of the raw markup.
"""

import csv
import datetime as dt
import html
import io
import json
import re
from decimal import Decimal
from urllib.parse import quote, urlencode

import openpyxl
import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.html import escape

from dashboard.models import StatisticsEntry
from partners.models import Partner, PartnerContact
from tests.dashboard.test_import import PARTNER_HEADER
from tests.dashboard.test_import_page import workbook_bytes
from tests.factories import (
    create_agreement,
    create_capital_change,
    create_delegation,
    create_event,
    create_implementation_entry,
    create_partner,
    create_project,
    create_statistic,
)
from tests.lists import freeze_today

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
HANDLER = "' onmouseover='alert(1)"
TEMPLATE_TAG = "{{ 7*7 }}"
TEXTAREA = "</textarea>"
# Korean, Vietnamese, Arabic between right-to-left marks, and a right-to-left override.
WORLD = "대구광역시 Đà Nẵng \u200fدبي\u200f \u202eabc\u202c"
ENTITY = "Tom &amp; Jerry"
HOSTILE = " ".join([SCRIPT, IMG, HANDLER, TEMPLATE_TAG, TEXTAREA, WORLD, ENTITY])
# The payload as the autoescaping writes it: the template tag and the scripts stay as they are,
# the entity's ampersand is escaped once more.
ESCAPED = " ".join(
    [
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;",
        "&#x27; onmouseover=&#x27;alert(1)",
        TEMPLATE_TAG,
        "&lt;/textarea&gt;",
        WORLD,
        "Tom &amp;amp; Jerry",
    ]
)
# What must never reach a page as it was typed.
RAW_MARKUP = ["<script>alert", "<img src=x onerror", "onmouseover='alert", "</textarea>"]


def hostile(tag):
    """The payload of one field, led by a tag naming it (at most 200 characters in all, the
    shortest text field)."""
    return f"{tag} {HOSTILE}"


def escaped(tag):
    return f"{tag} {ESCAPED}"


DATA_BLOCK = re.compile(r'<script id="([^"]+)" type="application/json">(.*?)</script>', re.S)


def figure_blocks(page):
    """{id: raw text} of the JSON data blocks (json_script) of a page."""
    return dict(DATA_BLOCK.findall(page))


def assert_no_raw_markup(page):
    """None of the payload's markup in the page as typed. JSON data blocks (json_script) are
    data, not markup: there nothing may end the block (< > & are written as \\u003C \\u003E
    \\u0026), and a quote is only a character of a JSON string."""
    for block in figure_blocks(page).values():
        assert not {"<", ">", "&"} & set(block)
    outside = DATA_BLOCK.sub("", page)
    for markup in RAW_MARKUP:
        assert markup not in outside


def assert_shown_as_text(response, tags):
    """The page shows the escaped payload of each field in `tags`, and no raw markup."""
    assert response.status_code == 200
    page = response.content.decode()
    assert_no_raw_markup(page)
    for tag in tags:
        assert escaped(tag) in page, tag


def test_the_payload_fits_every_text_field_and_is_escaped_as_expected():
    assert len(hostile("delegation-head-title")) <= 200
    assert escape(HOSTILE) == ESCAPED


@pytest.fixture
def records(monkeypatch):
    """One record of each type with the payload in every text field, on 31 December 2025: the
    agreement expires within 30 days (needs attention, a reminder is due), a second partner is
    dormant, the statistic is provisional."""
    freeze_today(monkeypatch)
    partner = create_partner(
        name=hostile("partner-name"),
        name_local=hostile("partner-local"),
        name_vi=hostile("partner-vi"),
        danang_unit=hostile("partner-unit"),
        notes=hostile("partner-notes"),
        relationship=Partner.Relationship.SISTER_CITY,
    )
    PartnerContact.objects.create(
        partner=partner, name=hostile("contact-name"), role=hostile("contact-role")
    )
    dormant = create_partner(name=hostile("dormant-name"), established_on=dt.date(2015, 1, 1))
    agreement = create_agreement(
        partners=[partner],
        title=hostile("agreement-title"),
        summary=hostile("agreement-summary"),
        signed_at=hostile("agreement-signed-at"),
        responsible_unit=hostile("agreement-unit"),
        danang_signatory=hostile("agreement-signatory"),
        signed_on=dt.date(2020, 6, 1),
        expires_on=dt.date(2026, 1, 30),
    )
    create_implementation_entry(
        agreement=agreement, text=hostile("entry-text"), done_on=dt.date(2025, 6, 1)
    )
    delegation = create_delegation(
        title=hostile("delegation-title"),
        head_name=hostile("delegation-head"),
        head_title=hostile("delegation-head-title"),
        host_unit=hostile("delegation-host-unit"),
        outcome=hostile("delegation-outcome"),
        start_on=dt.date(2025, 3, 1),
    )
    delegation.partners.set([partner])
    delegation.agreements.set([agreement])
    event = create_event(name=hostile("event-name"), countries=["KR"], start_on=dt.date(2025, 6, 1))
    event.agreements.set([agreement])
    project = create_project(
        name=hostile("project-name"),
        investor=hostile("project-investor"),
        location=hostile("project-location"),
        certified_on=dt.date(2025, 5, 1),
    )
    create_capital_change(project=project, amount_usd=Decimal("-1000000"))
    create_statistic(
        indicator="exports_usd",
        year=2025,
        source=hostile("statistic-source"),
        status=StatisticsEntry.Status.PROVISIONAL,
    )
    # A change, so that the record's history shows an old and a new hostile value.
    partner.notes = hostile("partner-notes-v2")
    partner.save()
    return {
        "partner": partner,
        "dormant": dormant,
        "agreement": agreement,
        "delegation": delegation,
        "event": event,
        "project": project,
    }


LIST_PAGES = {
    "/partners/": ["partner-name", "partner-local", "partner-vi", "dormant-name"],
    "/agreements/": ["agreement-title", "partner-name"],
    # The host unit is a column and an option of the host unit filter.
    "/delegations/": ["delegation-title", "delegation-head", "delegation-host-unit"],
    "/events/": ["event-name"],
    "/investment/projects/": ["project-name", "project-investor", "project-location"],
}


@pytest.mark.parametrize(("url", "tags"), list(LIST_PAGES.items()))
def test_list_shows_hostile_names_as_text(staff_client, records, url, tags):
    response = staff_client.get(url)

    assert_shown_as_text(response, tags)
    if url == "/delegations/":
        assert f'<option value="{escaped("delegation-host-unit")}">' in response.content.decode()


DETAIL_PAGES = {
    "partner": [
        "partner-name",
        "partner-local",
        "partner-vi",
        "partner-unit",
        "partner-notes",  # the old value, in the history
        "partner-notes-v2",
        "contact-name",
        "contact-role",
        "agreement-title",
        "delegation-title",
        "delegation-head",
        "delegation-host-unit",
        "event-name",
    ],
    "agreement": [
        "agreement-title",
        "agreement-summary",
        "agreement-signed-at",
        "agreement-unit",
        "agreement-signatory",
        "entry-text",
        "partner-name",
        "delegation-title",
        "event-name",
    ],
    "delegation": [
        "delegation-title",
        "delegation-head",
        "delegation-head-title",
        "delegation-host-unit",
        "delegation-outcome",
        "partner-name",
        "agreement-title",
    ],
    "event": ["event-name", "agreement-title"],
    "project": ["project-name", "project-investor", "project-location"],
}
DETAIL_URLS = {
    "partner": "/partners/{pk}/",
    "agreement": "/agreements/{pk}/",
    "delegation": "/delegations/{pk}/",
    "event": "/events/{pk}/",
    "project": "/investment/projects/{pk}/",
}


@pytest.mark.parametrize(("record", "tags"), list(DETAIL_PAGES.items()))
def test_detail_page_shows_hostile_texts_as_text(staff_client, records, record, tags):
    response = staff_client.get(DETAIL_URLS[record].format(pk=records[record].pk))

    assert_shown_as_text(response, tags)


@pytest.mark.parametrize("record", list(DETAIL_URLS))
def test_page_title_holds_the_escaped_name(staff_client, records, record):
    response = staff_client.get(DETAIL_URLS[record].format(pk=records[record].pk))

    title = re.search(r"<title>(.*?)</title>", response.content.decode(), re.DOTALL)[1]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in title


# -- search: the records it finds, and the query it echoes ------------------------------------


@pytest.mark.parametrize(
    ("query", "echoed"),
    [
        (SCRIPT, "&lt;script&gt;alert(1)&lt;/script&gt;"),
        (IMG, "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"),
        (HANDLER, "&#x27; onmouseover=&#x27;alert(1)"),
        (TEMPLATE_TAG, TEMPLATE_TAG),
        ("대구광역시", "대구광역시"),
        ("Đà Nẵng", "Đà Nẵng"),
        ("دبي", "دبي"),
        ("&amp;", "&amp;amp;"),
    ],
)
def test_search_echoes_the_query_escaped_and_shows_what_it_finds_as_text(
    staff_client, records, query, echoed
):
    response = staff_client.get("/search/", {"q": query})

    assert_shown_as_text(
        response,
        ["partner-name", "agreement-title", "delegation-title", "event-name", "project-name"],
    )
    page = response.content.decode()
    assert f'value="{echoed}"' in page
    # "See all" links carry the query URL-encoded, and their & escaped.
    assert f'href="/partners/?{escape(urlencode({"q": query}))}"' in page


def test_search_query_sent_unencoded_is_echoed_escaped(staff_client, records):
    # A browser encodes < > and " in an address; a script sending them raw gets the same page.
    response = staff_client.get(f"/search/?q={SCRIPT}")

    assert_shown_as_text(response, ["partner-name"])
    assert 'value="&lt;script&gt;alert(1)&lt;/script&gt;"' in response.content.decode()


def test_refused_search_query_is_echoed_escaped(staff_client, in_english, records):
    response = staff_client.get("/search/", {"q": SCRIPT * 10})  # over 200 characters

    assert response.status_code == 400
    page = response.content.decode()
    assert "Ensure this value has at most 200 characters" in page
    assert f'value="{escape(SCRIPT * 10)}"' in page
    assert_no_raw_markup(page)


@pytest.mark.parametrize("url", list(LIST_PAGES))
def test_list_echoes_a_hostile_query_escaped_in_its_form_and_links(staff_client, records, url):
    response = staff_client.get(url, {"q": SCRIPT})

    assert response.status_code == 200
    page = response.content.decode()
    assert_no_raw_markup(page)
    assert 'value="&lt;script&gt;alert(1)&lt;/script&gt;"' in page
    # The sort links of the column headers keep the query, URL-encoded.
    assert f"q={quote(SCRIPT, safe='')}" in page


# -- the dashboard: cards, chart tables and the JSON data blocks of the charts ------------------


@pytest.mark.parametrize(("language", "name_tag"), [("vi", "partner-vi"), ("en", "partner-name")])
def test_dashboard_shows_partner_names_and_sources_as_text_and_as_json_data(
    staff_client, records, language, name_tag
):
    # In Vietnamese the map names a partner by its Vietnamese name.
    staff_client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = language

    response = staff_client.get("/")

    assert_shown_as_text(response, [name_tag, "statistic-source"])
    page = response.content.decode()
    raw_map = figure_blocks(page)["figure-partners-map"]
    assert "\\u003Cb\\u003E%{customdata[0]}\\u003C/b\\u003E" in raw_map  # our own markup
    # plotly reads hover texts as HTML: the name is escaped for it, then for the data block.
    assert f"{name_tag} \\u0026lt;script\\u0026gt;alert(1)\\u0026lt;/script\\u0026gt;" in raw_map
    hover_names = json.loads(raw_map)["data"][0]["customdata"][0][2]
    assert html.escape(hostile(name_tag), quote=False) in hover_names.split("<br>")


def test_dashboard_echoes_a_refused_year_escaped(staff_client, in_english, records):
    response = staff_client.get("/", {"year": SCRIPT})

    assert response.status_code == 400
    page = response.content.decode()
    assert "“&lt;script&gt;alert(1)&lt;/script&gt;” is not a year" in page
    assert_no_raw_markup(page)


def test_attention_page_shows_hostile_names_as_text(staff_client, records):
    response = staff_client.get("/attention/")

    assert_shown_as_text(
        response, ["agreement-title", "agreement-unit", "partner-name", "dormant-name"]
    )


@pytest.mark.parametrize("url", ["/indicators/", "/statistics/"])
def test_statistic_source_is_shown_as_text_in_the_tooltip(staff_client, records, url):
    response = staff_client.get(url, {"from": "2024", "to": "2025"})

    assert_shown_as_text(response, ["statistic-source"])
    # The status of a statistic that is not final, and its source, one per line.
    assert f'title="sơ bộ\nNguồn: {escaped("statistic-source")}"' in response.content.decode()


def test_indicator_page_echoes_refused_input_escaped(staff_client, in_english, records):
    response = staff_client.get("/indicators/", {"from": SCRIPT, "until": IMG})

    assert response.status_code == 400
    page = response.content.decode()
    assert 'value="&lt;script&gt;alert(1)&lt;/script&gt;"' in page
    assert 'value="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"' in page
    assert_no_raw_markup(page)


# -- the import preview: what a workbook says is shown as text ------------------------------


@pytest.fixture
def media_root(settings, tmp_path):
    """Previewed files wait under MEDIA_ROOT: here, not in the project."""
    settings.MEDIA_ROOT = tmp_path / "media"


def upload(client, sheets, name="ban-ngoai-vu.xlsx"):
    return client.post("/import/", {"workbook": SimpleUploadedFile(name, workbook_bytes(sheets))})


def test_import_preview_shows_hostile_names_headers_and_values_as_text(staff_client, media_root):
    sheets = {
        "partners": [
            [*PARTNER_HEADER, hostile("unknown-header")],
            ["P-1", hostile("imported-name"), "locality", "KR", "2015-10-15", ""],
            ["P-2", hostile("imported-name-2"), hostile("bad-kind"), "KR", "", ""],
        ],
    }

    response = upload(staff_client, sheets, name=f"{IMG}.xlsx")

    # The unknown column is a warning, the kind a problem quoting the value: both as text.
    assert response.status_code == 400
    page = response.content.decode()
    assert_no_raw_markup(page)
    assert escaped("unknown-header") in page
    assert escaped("bad-kind") in page
    assert "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;.xlsx" in page  # the file's name


def test_import_preview_of_a_valid_workbook_shows_its_unknown_header_as_text(
    staff_client, media_root
):
    sheets = {
        "partners": [
            [*PARTNER_HEADER, hostile("unknown-header")],
            ["P-1", hostile("imported-name"), "locality", "KR", "2015-10-15", TEMPLATE_TAG],
        ],
    }

    response = upload(staff_client, sheets)

    assert response.status_code == 200
    assert response.context["pending"] is not None
    assert_shown_as_text(response, ["unknown-header"])


# -- downloads: text that a spreadsheet would run is neutralised --------------------------------

# test_list_exports.py holds the partner's name and name in its own script; these are the
# other text columns of every list.
FORMULAS = ['=HYPERLINK("http://x","y")', "+cmd", "-2+3", "@SUM(A1)", "\tTAB"]


def _partner_vi(text):
    create_partner(name_vi=text)


def _agreement_title(text):
    create_agreement(title=text)


def _agreement_partners(text):
    create_agreement(partners=[create_partner(name=text)])


def _delegation_title(text):
    create_delegation(title=text)


def _delegation_head(text):
    create_delegation(head_name=text, head_title="Thị trưởng")


def _delegation_host_unit(text):
    create_delegation(host_unit=text)


def _event_name(text):
    create_event(name=text)


def _project_name(text):
    create_project(name=text)


def _project_investor(text):
    create_project(investor=text)


def _project_location(text):
    create_project(location=text)


EXPORTED_COLUMNS = [
    ("/partners/", "Vietnamese name", _partner_vi, ""),
    ("/agreements/", "title", _agreement_title, ""),
    ("/agreements/", "partners", _agreement_partners, ""),
    ("/delegations/", "title", _delegation_title, ""),
    ("/delegations/", "head of delegation", _delegation_head, ", Thị trưởng"),
    ("/delegations/", "host unit", _delegation_host_unit, ""),
    ("/events/", "name", _event_name, ""),
    ("/investment/projects/", "project name", _project_name, ""),
    ("/investment/projects/", "investor", _project_investor, ""),
    ("/investment/projects/", "location", _project_location, ""),
]


@pytest.mark.parametrize("formula", FORMULAS)
@pytest.mark.parametrize(
    ("url", "label", "make", "rest"),
    EXPORTED_COLUMNS,
    ids=[f"{url}{label}" for url, label, _make, _rest in EXPORTED_COLUMNS],
)
def test_text_that_looks_like_a_formula_leaves_every_list_as_text(
    staff_client, in_english, url, label, make, rest, formula
):
    make(formula)
    neutralised = "'" + formula + rest

    csv_response = staff_client.get(url, {"format": "csv"})
    xlsx_response = staff_client.get(url, {"format": "xlsx"})

    table = list(csv.reader(io.StringIO(csv_response.content.decode("utf-8-sig"), newline="")))
    assert [row[table[0].index(label)] for row in table[1:]] == [neutralised]
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx_response.content)).active
    header = [cell.value for cell in sheet[1]]
    cell = sheet.cell(2, header.index(label) + 1)
    assert cell.value == neutralised
    assert cell.data_type == "s"
    assert not any(cell.data_type == "f" for row in sheet.iter_rows() for cell in row)


def test_records_workbook_keeps_formula_like_text_as_it_was_typed_in_text_cells(
    admin_client_role, in_english
):
    # The workbook is imported back unchanged, so its texts are not neutralised: they are text
    # cells, which a spreadsheet shows and never computes.
    for formula in FORMULAS:
        create_partner(name=formula)

    response = admin_client_role.get("/export/records.xlsx")

    sheet = openpyxl.load_workbook(io.BytesIO(response.content))["partners"]
    header = [cell.value for cell in sheet[1]]
    names = [row[header.index("name")] for row in sheet.iter_rows(min_row=2)]
    assert sorted(cell.value for cell in names) == sorted(FORMULAS)
    assert {cell.data_type for cell in names} == {"s"}
    assert not any(cell.data_type == "f" for row in sheet.iter_rows() for cell in row)
