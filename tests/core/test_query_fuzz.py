"""Whatever a signed-in user puts in the query string of any page, the answer is a page, a
refusal or a redirect, never a server error.

Every GET page comes from the URL resolver (`test_access.py`'s walk), with the key of a real
record in its path. Each page is asked with the parameters it knows (a list's FilterSet fields
with `page`, `sort`, `format` and `q`; `from`, `to` and `until` of the indicators; the
dashboard's `year`; admin's list, filter and form fields), holding values hypothesis makes up:
any text (NUL included; surrogates cannot be sent in a URL), thousands of characters, numbers
past the int64 edges, impossible dates, the page's own choices, and the same parameter several
times.
"""

import datetime as dt
import os
from urllib.parse import urlencode

import pytest
from django.contrib.admin.views.main import (
    ALL_VAR,
    ERROR_FLAG,
    IS_FACETS_VAR,
    IS_POPUP_VAR,
    ORDER_VAR,
    PAGE_VAR,
    SEARCH_VAR,
    TO_FIELD_VAR,
)
from django.test import RequestFactory
from django.urls import resolve
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from danang_intl.lists import RecordListView
from tests.core.test_access import _admin_of, _url_and_body, all_project_routes
from tests.core.test_admin import MAKERS
from tests.factories import create_partner

pytestmark = pytest.mark.django_db

# A page, a redirect (sign-in, admin's "?e=1"), bad input (400), a refusal (403), nothing
# there (404) or the wrong method (405); 500 is the one answer a query string may never get.
FINE = {200, 302, 400, 403, 404, 405}

INDICATOR_PARAMS = ["from", "to", "until"]
PARAMS_BY_VIEW_NAME = {
    "dashboard:home": ["year"],
    "dashboard:indicators": INDICATOR_PARAMS,
    "dashboard:indicators-csv": INDICATOR_PARAMS,
    "dashboard:indicators-xlsx": INDICATOR_PARAMS,
    "search": ["q"],
    "admin:autocomplete": ["app_label", "model_name", "field_name", "term", "page"],
}
LIST_EXTRA_PARAMS = ["page", "sort", "format", "q"]
ADMIN_PARAMS = ["_changelist_filters", TO_FIELD_VAR, IS_POPUP_VAR]
CHANGELIST_PARAMS = [SEARCH_VAR, ORDER_VAR, PAGE_VAR, ALL_VAR, ERROR_FLAG, IS_FACETS_VAR]
# Pages that read no parameter of their own are still asked with names pages commonly read.
GENERIC_PARAMS = ["q", "page", "next", "id", "format", "year", "sort", "language"]

# Values with a meaning somewhere in the project, so that an odd value meets a valid one.
MEANINGFUL = ["", "csv", "xlsx", "pdf", "true", "false", "yes", "no", "1", "0", "-", "KR", "vi"]
INT64_EDGES = [
    2**63 - 1,
    2**63,
    -(2**63),
    -(2**63) - 1,
    2**31,
    2**64,
    10**30,
    -1,
    0,
]
ODD_DATES = [
    "9999-12-31",
    "0000-00-00",
    "0001-01-01",
    "1899-12-31",
    "2100-12-31",
    "2101-01-01",
    "2024-02-29",
    "2025-02-29",
    "2024-13-45",
    "31/12/2024",
    "12-31",
    "02-29",
    "00-00",
    "99-99",
    "2025",
    "99999",
]
ODD_NUMBERS = ["1e400", "-1e400", "NaN", "sNaN", "Infinity", "-0", "0x10", "1_000", "١٢", "²"]

# Anything urlencode can send: every character but the surrogates, which UTF-8 cannot encode.
CHARACTERS = st.characters(exclude_categories=["Cs"])
TEXT = st.text(CHARACTERS, max_size=40)
LONG_TEXT = st.builds(
    lambda piece, times: (piece * times)[:5000],
    st.text(CHARACTERS, min_size=1, max_size=4),
    st.integers(min_value=250, max_value=5000),
)
NUMBERS = st.one_of(
    st.sampled_from(INT64_EDGES).map(str),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.floats().map(str),
    st.decimals().map(str),
    st.sampled_from(ODD_NUMBERS),
)
DATES = st.one_of(
    st.sampled_from(ODD_DATES),
    st.dates().map(dt.date.isoformat),
    st.dates().map(lambda day: f"{day.day:02d}/{day.month:02d}/{day.year}"),
)
VALUES = st.one_of(st.sampled_from(MEANINGFUL), TEXT, LONG_TEXT, NUMBERS, DATES)


def _flat_choices(choices):
    """The values of a form field's choices, optgroups opened."""
    values = []
    for value, label in choices:
        if isinstance(label, list | tuple):
            values.extend(_flat_choices(label))
        else:
            values.append(str(value))
    return values


def _form_params(form):
    """{field name: its choices (or [])} of a form."""
    return {
        name: _flat_choices(field.choices) if hasattr(field, "choices") else []
        for name, field in form.fields.items()
    }


def _admin_request(url, user):
    request = RequestFactory().get(url)
    request.user = user
    return request


def list_view_class(match):
    """The RecordListView behind a resolved URL, or None."""
    view_class = getattr(match.func, "view_class", None)
    return view_class if view_class and issubclass(view_class, RecordListView) else None


def page_params(url, user):
    """{parameter name: values with a meaning on that page} of every parameter the page at
    `url` reads from its query string."""
    match = resolve(url)
    view_class = list_view_class(match)
    if view_class is not None:
        form = view_class.filterset_class(queryset=view_class.base_queryset()).form
        return {name: [] for name in LIST_EXTRA_PARAMS} | _form_params(form)
    if match.view_name in PARAMS_BY_VIEW_NAME:
        return dict.fromkeys(PARAMS_BY_VIEW_NAME[match.view_name], [])
    model_admin = _admin_of(url)
    if model_admin is None:
        return dict.fromkeys(GENERIC_PARAMS, [])
    params = dict.fromkeys(ADMIN_PARAMS, [])
    request = _admin_request(url, user)
    view = match.url_name or ""
    if view.endswith("_changelist"):
        changelist = model_admin.get_changelist_instance(request)
        params |= dict.fromkeys(CHANGELIST_PARAMS, [])
        for spec in changelist.filter_specs:
            params |= dict.fromkeys(spec.expected_parameters(), [])
        if changelist.date_hierarchy:
            for part in ("year", "month", "day"):
                params[f"{changelist.date_hierarchy}__{part}"] = []
    elif view.endswith("_add"):
        # The add form takes its initial values from the query string.
        params |= _form_params(model_admin.get_form(request)())
    return params


@st.composite
def query_strings(draw, params):
    """A query string of up to five of `params`, each once or several times."""
    names = sorted(params)
    pairs = []
    for _ in range(draw(st.integers(min_value=0, max_value=5))):
        name = draw(st.sampled_from(names))
        known = params[name]
        values = st.one_of(st.sampled_from(known), VALUES) if known else VALUES
        pairs.extend((name, value) for value in draw(st.lists(values, min_size=1, max_size=3)))
    return urlencode(pairs)


@pytest.fixture
def records(administrator):
    """One record of every kind, so that each page with a key in its path shows a record."""
    for make in MAKERS.values():
        make(1, administrator)


def examples_for(url):
    """How many query strings to try on a page: most where the project reads them (its lists,
    search, dashboard and indicators), fewer on admin's lists and forms, a few elsewhere, so
    that the walk over every page stays well under a minute."""
    match = resolve(url)
    if url.startswith("/admin/"):
        return 12 if match.view_name.endswith(("_changelist", "_add", "autocomplete")) else 3
    if list_view_class(match) or match.view_name in PARAMS_BY_VIEW_NAME:
        return 60
    return 4


def assert_no_query_string_makes_it_fail(client, url, params, *, examples):
    @settings(
        max_examples=examples,
        deadline=None,
        database=None,  # nothing written under the project (.hypothesis/)
        # The same examples on every run, so that CI cannot turn red by chance; set
        # FUZZ_RANDOM=1 to explore new ones on a laptop.
        derandomize=not os.environ.get("FUZZ_RANDOM"),
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(query=query_strings(params))
    def ask(query):
        response = client.get(f"{url}?{query}")

        assert response.status_code in FINE, (url, query, response.status_code)

    ask()


def test_no_query_string_value_makes_any_page_fail(staff_client, staff_member, records):
    # One walk over every page rather than a test per page: the records are made once.
    for route in all_project_routes():
        url, _body = _url_and_body(route)
        assert_no_query_string_makes_it_fail(
            staff_client, url, page_params(url, staff_member), examples=examples_for(url)
        )


def test_the_pages_are_asked_with_the_parameters_they_read(staff_member, records):
    """The walk above is only as good as the parameters it sends: each kind of page gets its
    own."""
    partner_params = page_params("/partners/", staff_member)
    assert {"q", "page", "sort", "format", "country", "established_from"} <= set(partner_params)
    assert "KR" in partner_params["country"]
    assert "-name" in partner_params["sort"]
    assert set(page_params("/indicators.csv", staff_member)) == {"from", "to", "until"}
    assert set(page_params("/", staff_member)) == {"year"}
    assert set(page_params("/search/", staff_member)) == {"q"}
    changelist = page_params("/admin/agreements/agreement/", staff_member)
    assert {"q", "o", "p", "kind__exact", "signed_on__year"} <= set(changelist)
    add_form = page_params("/admin/agreements/agreement/add/", staff_member)
    assert {"title", "renews", "partners", "signed_on"} <= set(add_form)


# Found by the walk above; each kept as a plain example.


@pytest.mark.parametrize("url", ["/agreements/", "/delegations/"])
@pytest.mark.parametrize("partner", ["²", "①", "¹²"])
def test_partner_given_as_a_digit_that_is_not_a_number_gives_the_message(
    staff_client, url, partner
):
    create_partner()

    response = staff_client.get(url, {"partner": partner})

    assert response.status_code == 400
    assert 'class="errorlist' in response.content.decode()


def test_an_empty_to_field_on_an_admin_page_means_the_primary_key(staff_client):
    partner = create_partner()

    change = staff_client.get(f"/admin/partners/partner/{partner.pk}/change/?_to_field=")
    delete = staff_client.get(f"/admin/partners/partner/{partner.pk}/delete/?_to_field=")

    assert change.status_code == 200
    assert change.context["original"] == partner
    assert delete.status_code == 403  # staff may not delete; the page is refused, not broken


def test_an_autocomplete_key_that_is_not_one_chooses_nothing(staff_client, in_english):
    create_partner()

    response = staff_client.get(
        "/admin/agreements/agreement/add/",
        {"renews": "abc", "partners": f"abc,{2**63}", "fields": "²"},
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.initial["renews"] == "abc"
    assert "selected" not in str(response.context["adminform"].form["partners"])


def test_a_posted_autocomplete_key_that_is_not_one_gives_the_form_with_its_message(
    staff_client, in_english
):
    response = staff_client.post(
        "/admin/agreements/implementationentry/add/",
        {"agreement": "abc", "done_on": "2025-01-01", "text": "Trao đổi đoàn"},
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["agreement"] == [
        "Select a valid choice. That choice is not one of the available choices."
    ]


@pytest.mark.parametrize(
    ("url", "params"),
    [
        ("/admin/agreements/agreement/", {"signed_on__year": "9999"}),
        ("/admin/agreements/agreement/", {"signed_on__year": "9999", "signed_on__month": "12"}),
        ("/admin/agreements/sentreminder/", {"sent_at__year": "1"}),
        ("/admin/agreements/sentreminder/", {"sent_at__year": str(2**64)}),
    ],
)
def test_a_date_hierarchy_year_at_the_edge_of_the_calendar_is_refused_like_any_bad_filter(
    admin_client_role, url, params
):
    response = admin_client_role.get(url, params)

    assert response.status_code == 302
    assert response["Location"] == f"{url}?e=1"
