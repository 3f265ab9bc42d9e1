"""Who may see what: every page but login requires sign-in, and roles are enforced by the server."""

import datetime as dt
import re

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, User
from django.contrib.auth.views import redirect_to_login
from django.contrib.humanize.templatetags.humanize import intcomma
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.db.models.fields.files import FieldFile
from django.test import RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404
from django.utils.translation import override

from dashboard.roles import ADMINISTRATORS, LEADERSHIP, STAFF
from partners.models import Partner
from tests.core.test_admin import MAKERS
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


def _concrete(route, pk="1", version="1"):
    """A URL for a route, with `pk` for the object's key, `version` for a past version's (the
    page simple-history adds to admin) and a harmless value for every other parameter."""
    route = re.sub(r"\(\?P<[^>]+>([^)]*)\)", _regex_group_value, route)
    route = route.replace("([^/]+)/history/([^/]+)", f"{pk}/history/{version}")
    route = route.replace("^", "").replace("$", "").replace("\\Z", "").replace("\\", "")
    route = re.sub(r"<(?:\w+:)?(?:object_id|pk|id)>", str(pk), route)
    route = re.sub(r"<int:\w+>", "1", route)
    route = re.sub(r"<[^>]+>", "x", route)
    return "/" + route


def all_project_routes():
    return sorted(set(_walk(get_resolver().url_patterns)))


def all_project_urls():
    return sorted({_concrete(route) for route in all_project_routes()})


def _login_redirects(url):
    """Where a visitor may be sent: the sign-in page, and back afterwards. Admin's own pages (its
    index, password change, ...) skip LoginRequiredMiddleware and send to admin's sign-in page,
    which django-axes guards as well."""
    login_urls = ["/accounts/login/"] + (["/admin/login/"] if url.startswith("/admin/") else [])
    return {redirect_to_login(url, login_url)["Location"] for login_url in login_urls}


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("url", all_project_urls())
def test_anonymous_visitor_is_sent_to_a_login_page(client, url, method):
    if url in PUBLIC_PATHS:
        pytest.skip("a sign-in page itself")

    response = getattr(client, method)(url)

    assert response.status_code == 302, url
    assert response["Location"] in _login_redirects(url)


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


# A leader may read everything and change nothing: posting to any page of the project, with an
# empty body or with one that would be accepted from someone allowed to change, writes nothing.


def _admin_of(url):
    """The ModelAdmin behind an admin URL (its own pages and simple-history's), else None."""
    try:
        func = resolve(url).func
    except Resolver404:
        return None
    if hasattr(func, "model_admin"):
        return func.model_admin
    while hasattr(func, "__wrapped__"):
        func = func.__wrapped__
    owner = getattr(func, "__self__", None)
    return owner if hasattr(owner, "model") else None


def _model_of(url):
    model_admin = _admin_of(url)
    if model_admin is not None:
        return model_admin.model
    try:
        view_class = getattr(resolve(url).func, "view_class", None)
    except Resolver404:
        return None
    return getattr(view_class, "model", None)


def _posted_values(form):
    """What a browser posts back for an unchanged form."""
    body = {}
    for bound in form:
        value = bound.value()
        if isinstance(value, bool):
            if value:
                body[bound.html_name] = "on"
        elif isinstance(value, list | tuple):
            body[bound.html_name] = [str(v) for v in value]
        elif isinstance(value, dt.date):
            body[bound.html_name] = bound.field.widget.format_value(value)
        elif value is not None and not isinstance(value, FieldFile):  # files are not re-posted
            body[bound.html_name] = str(value)
    return body


def _change_form_body(model_admin, obj):
    """What admin's change form for `obj` posts back unchanged (built as for an administrator,
    whose form has every field), with the inlines' management data."""
    request = RequestFactory().get("/")
    request.user = User(is_superuser=True, is_active=True)
    body = _posted_values(model_admin.get_form(request, obj, change=True)(instance=obj))
    for formset_class, _inline in model_admin.get_formsets_with_inlines(request, obj):
        formset = formset_class(instance=obj, prefix=formset_class.get_default_prefix())
        count = str(len(formset.initial_forms))
        body |= {f"{formset.prefix}-TOTAL_FORMS": count, f"{formset.prefix}-INITIAL_FORMS": count}
        for form in formset.initial_forms:
            body |= _posted_values(form)
    return body


def _url_and_body(route):
    """The URL of a route for an existing record, and a plausible body to post to it."""
    model = _model_of(_concrete(route))
    # The last record: the one made here, with a past version (not one a migration added).
    obj = model.objects.order_by("pk").last() if model is not None else None
    if obj is None:
        return _concrete(route), {}
    history = getattr(obj, "history", None)
    version = history.earliest().history_id if history is not None else 1
    url = _concrete(route, pk=obj.pk, version=version)
    model_admin = _admin_of(url)
    view = resolve(url).url_name or ""
    if model_admin is None:
        return url, {}
    if view.endswith(("_change", "_simple_history")):
        return url, _change_form_body(model_admin, obj)
    if view.endswith("_changelist"):
        return url, {"action": "delete_selected", "_selected_action": [obj.pk], "post": "yes"}
    return url, {}


def _row_counts():
    # Sessions are not records: signing out (a POST) ends the leader's own session.
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model is not Session
    }


@pytest.fixture
def one_of_every_record(administrator):
    for maker in MAKERS.values():
        maker(1, administrator)


@pytest.mark.parametrize("route", all_project_routes())
def test_leader_posting_to_any_page_writes_nothing(leader_client, one_of_every_record, route):
    url, body = _url_and_body(route)
    before = _row_counts()

    response = leader_client.post(url, body)

    assert _row_counts() == before, url
    # Refused (403, 405), shown again (200, 400), not found, or sent on (sign-out, language,
    # admin's old object URLs), but never saved.
    assert response.status_code in (200, 302, 400, 403, 404, 405), url


def test_changelist_action_body_is_one_an_administrator_would_delete_with(
    admin_client_role, one_of_every_record
):
    """The body posted by the leader above really deletes when an administrator posts it."""
    url, body = _url_and_body("admin/partners/partnercontact/")

    response = admin_client_role.post(url, body)

    assert response.status_code == 302
    assert apps.get_model("partners", "PartnerContact").objects.count() == 0


@pytest.mark.parametrize(
    "route",
    [
        "admin/partners/partner/<path:object_id>/change/",
        "admin/investment/fdiproject/^([^/]+)/history/([^/]+)/$",
    ],
)
def test_change_form_body_is_one_an_administrator_would_save(
    admin_client_role, one_of_every_record, route
):
    """The change and version bodies posted by the leader above are valid forms."""
    url, body = _url_and_body(route)
    model = _model_of(url)
    versions = model.history.count()

    response = admin_client_role.post(url, body)

    assert response.status_code == 302, response.context and response.context["errors"]
    assert model.history.count() == versions + 1
