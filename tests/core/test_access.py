"""Who may see what: every page but login requires sign-in, and roles are enforced by the server."""

import re

import pytest
from django.contrib.auth.models import Group
from django.contrib.humanize.templatetags.humanize import intcomma
from django.core.cache import cache
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils.translation import override

from dashboard.roles import ADMINISTRATORS, LEADERSHIP, STAFF
from partners.models import Partner
from tests.factories import create_partner

pytestmark = pytest.mark.django_db

# Pages anyone may open: signing in, and choosing the language for the sign-in page.
PUBLIC_PATHS = {"/accounts/login/", "/i18n/setlang/", "/admin/login/"}


def _walk(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern)


def _regex_group_value(match):
    """The first literal alternative of a regex group (admin's app list), else a harmless value."""
    first = match.group(1).split("|")[0]
    return first if re.fullmatch(r"[\w-]+", first) else "x"


def _concrete(route):
    """A URL for a route, with a harmless value for each parameter."""
    route = re.sub(r"\(\?P<[^>]+>([^)]*)\)", _regex_group_value, route)
    route = route.replace("^", "").replace("$", "").replace("\\Z", "").replace("\\", "")
    route = re.sub(r"<(?:int:)?(?:object_id|pk|id)>", "1", route)
    route = re.sub(r"<[^>]+>", "x", route)
    return "/" + route


def all_project_urls():
    return sorted({_concrete(route) for route in _walk(get_resolver().url_patterns)})


@pytest.mark.parametrize("url", all_project_urls())
def test_anonymous_visitor_is_sent_to_a_login_page(client, url):
    if url in PUBLIC_PATHS:
        pytest.skip("a sign-in page itself")

    response = client.get(url)

    assert response.status_code == 302, url
    assert "/login/" in response["Location"], url


def test_url_walk_finds_the_pages_of_every_app():
    urls = all_project_urls()

    assert "/" in urls
    assert "/admin/partners/partner/" in urls
    assert "/admin/investment/fdiproject/x/change/" in urls or any(
        u.startswith("/admin/investment/fdiproject/") for u in urls
    )


def test_login_page_is_open_and_in_vietnamese_whatever_the_browser_asks(client):
    response = client.get("/accounts/login/", headers={"accept-language": "en-US,en;q=0.9"})

    assert response.status_code == 200
    assert 'lang="vi"' in response.content.decode()


def test_signed_in_user_sees_the_dashboard_with_figures_from_the_records(leader_client):
    create_partner(name="Daegu")
    create_partner(name="CITYNET", kind=Partner.Kind.NETWORK, country="", established_on=None)

    response = leader_client.get("/")

    assert response.status_code == 200
    partners_card = response.context["cards"][0]
    assert partners_card["headline"]["key"] == "partners_active"
    assert partners_card["headline"]["value"] == 1  # the locality, not the network
    assert 'data-key="partners_active" data-value="1"' in response.content.decode()


def test_dashboard_needs_the_same_queries_whatever_the_data(
    leader_client, django_assert_num_queries
):
    leader_client.get("/")  # warm the session and user lookups
    for n in range(3):
        create_partner(name=f"Partner {n}")
    # session, user, the permissions of the user and of the groups (links), then the figures:
    # the indicator table (8), FDI capital by country and by sector, partners by country (3).
    # The figures are cached: cleared, so that they are computed.
    cache.clear()
    with django_assert_num_queries(15):
        leader_client.get("/")
    for n in range(30):
        create_partner(name=f"More {n}")
    cache.clear()
    with django_assert_num_queries(15):
        leader_client.get("/")


def test_leadership_may_only_view_records():
    codenames = set(
        Group.objects.get(name=LEADERSHIP).permissions.values_list("codename", flat=True)
    )

    assert "view_partner" in codenames
    assert "view_fdiproject" in codenames
    assert {c for c in codenames if not c.startswith("view_")} == set()


def test_staff_may_view_add_change_and_import_but_not_delete():
    codenames = set(Group.objects.get(name=STAFF).permissions.values_list("codename", flat=True))

    assert {"add_agreement", "change_agreement", "view_agreement", "import_workbook"} <= codenames
    assert not {c for c in codenames if c.startswith("delete_")}
    assert "change_cooperationfield" not in codenames  # reference lists are the administrators'


def test_administrators_may_do_everything_including_users():
    codenames = set(
        Group.objects.get(name=ADMINISTRATORS).permissions.values_list("codename", flat=True)
    )

    assert {"delete_partner", "add_user", "change_group", "change_cooperationfield"} <= codenames


def test_language_switch_keeps_the_user_on_the_same_page(leader_client):
    response = leader_client.post("/i18n/setlang/", {"language": "en", "next": "/?year=2025"})

    assert response.status_code == 302
    assert response["Location"] == "/?year=2025"
    page = leader_client.get("/")
    assert 'lang="en"' in page.content.decode()


def test_signed_scans_are_not_served_to_anonymous_visitors(client):
    response = client.get("/media/agreements/scans/2025/scan.pdf")

    assert response.status_code == 302


def test_numbers_are_grouped_in_the_style_of_each_language():
    with override("vi"):
        assert intcomma(13618) == "13.618"
    with override("en"):
        assert intcomma(13618) == "13,618"
