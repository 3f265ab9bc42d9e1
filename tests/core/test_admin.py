"""Django admin: every record type has its pages, rules are enforced there, and roles hold.

Messages are compared in English (the source text); the admin otherwise opens in Vietnamese.
"""

import datetime as dt
from decimal import Decimal

import pytest
from django.conf import settings
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from agreements.models import Agreement, ImplementationEntry, SentReminder
from dashboard.models import ImportRun, StatisticsEntry
from delegations.models import Delegation, HostedEvent
from investment.models import CapitalChange, CapitalContribution, FdiProject
from partners.models import CooperationField, Partner, PartnerContact
from tests.factories import (
    create_agreement,
    create_capital_change,
    create_contribution,
    create_delegation,
    create_event,
    create_implementation_entry,
    create_partner,
    create_project,
    create_statistic,
    create_user,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]


def admin_url(model, view, *args):
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)


# One maker per registered model: the n-th record, and a search query that finds only it.
# Queries use names in several scripts and Vietnamese, as staff type them.


def make_cooperation_field(n, user):
    field = CooperationField.objects.create(
        code=f"smart_city_{n}", name_vi=f"Đô thị thông minh {n}", name_en=f"Smart city {n}"
    )
    return field, f"thông minh {n}"


def make_partner(n, user):
    partner = create_partner(name=f"Daegu {n}", name_local=f"대구광역시 {n}")
    return partner, f"대구광역시 {n}"


def make_partner_contact(n, user):
    contact = PartnerContact.objects.create(
        partner=create_partner(), name=f"Kim Min-jun {n}", role="Director", email="kim@daegu.go.kr"
    )
    return contact, f"Min-jun {n}"


def make_agreement(n, user):
    agreement = create_agreement(
        title=f"Enhanced cooperation {n}",
        partners=[create_partner(name=f"Thuringia {n}", country="DE")],
    )
    return agreement, f"Thuringia {n}"


def make_implementation_entry(n, user):
    entry = create_implementation_entry(
        agreement=create_agreement(), text=f"Trao đổi sinh viên đợt {n}"
    )
    return entry, f"sinh viên đợt {n}"


def make_delegation(n, user):
    delegation = create_delegation(head_name=f"Hong Joon-pyo {n}", countries=["KR", "JP"])
    return delegation, f"Joon-pyo {n}"


def make_hosted_event(n, user):
    event = create_event(name=f"Da Nang International Fireworks Festival {n}", countries=["FR"])
    return event, f"Fireworks Festival {n}"


def make_fdi_project(n, user):
    project = create_project(investor=f"Dentium {n} Co., Ltd.")
    return project, f"Dentium {n}"


def make_capital_change(n, user):
    change = create_capital_change(project=create_project(investor=f"Dentium {n}"))
    return change, change.project.ref


def make_capital_contribution(n, user):
    contribution = create_contribution(investor=f"Tokyo Capital {n}")
    return contribution, f"Tokyo Capital {n}"


def make_statistics_entry(n, user):
    entry = create_statistic(year=2000 + n, source=f"Cục Thống kê, niên giám {2000 + n}")
    return entry, f"niên giám {2000 + n}"


def make_import_run(n, user):
    run = ImportRun.objects.create(
        file_name=f"danang-{2000 + n}.xlsx",
        user=user,
        status=ImportRun.Status.SUCCEEDED,
        succeeded=True,
        counts={"partners": {"created": 3, "updated": 0, "unchanged": 0}},
    )
    return run, f"danang-{2000 + n}"


def make_sent_reminder(n, user):
    reminder = SentReminder.objects.create(
        agreement=create_agreement(ref=f"TT-NHAC-{n:03d}", expires_on=dt.date(2026, 6, 30)),
        recipient=create_user(f"nhac{n}", email=f"nhac{n}@danang.gov.vn"),
        expires_on=dt.date(2026, 6, 30),
        milestone="before-90",
    )
    return reminder, f"TT-NHAC-{n:03d}"


MAKERS = {
    "cooperationfield": make_cooperation_field,
    "partner": make_partner,
    "partnercontact": make_partner_contact,
    "agreement": make_agreement,
    "implementationentry": make_implementation_entry,
    "delegation": make_delegation,
    "hostedevent": make_hosted_event,
    "fdiproject": make_fdi_project,
    "capitalchange": make_capital_change,
    "capitalcontribution": make_capital_contribution,
    "statisticsentry": make_statistics_entry,
    "importrun": make_import_run,
    "sentreminder": make_sent_reminder,
}
MODELS = {
    model._meta.model_name: model
    for model in [
        CooperationField,
        Partner,
        PartnerContact,
        Agreement,
        ImplementationEntry,
        Delegation,
        HostedEvent,
        FdiProject,
        CapitalChange,
        CapitalContribution,
        StatisticsEntry,
        ImportRun,
        SentReminder,
    ]
}
assert set(MODELS) == set(MAKERS)
# The records of imports and reminders are written by the import and send_reminders only.
HISTORY_TRACKED = [name for name in MAKERS if name not in ("importrun", "sentreminder")]


@pytest.fixture(params=MAKERS)
def record_and_query(request, administrator):
    record, query = MAKERS[request.param](1, administrator)
    return record, query


# The administrator opens every page of every model.


def test_every_model_is_registered():
    registered = {model._meta.model_name for model in admin.site._registry}

    assert set(MAKERS) <= registered


def test_administrator_sees_the_record_in_the_changelist(admin_client_role, record_and_query):
    record, _ = record_and_query

    response = admin_client_role.get(admin_url(type(record), "changelist"))

    assert response.status_code == 200
    assert record in response.context["cl"].result_list


def test_changelist_search_finds_the_record_and_only_it(admin_client_role, record_and_query):
    record, query = record_and_query
    MAKERS[type(record)._meta.model_name](2, None)  # a second record the query must not find
    url = admin_url(type(record), "changelist")

    # Quoted, so that the record's number is part of the phrase searched for.
    found = admin_client_role.get(url, {"q": f'"{query}"'})
    nothing = admin_client_role.get(url, {"q": "Không có gì như thế"})

    assert found.status_code == 200
    assert list(found.context["cl"].result_list) == [record]
    assert nothing.status_code == 200
    assert nothing.context["cl"].result_count == 0


def test_administrator_opens_the_change_page(admin_client_role, record_and_query):
    record, _ = record_and_query

    response = admin_client_role.get(admin_url(type(record), "change", record.pk))

    assert response.status_code == 200
    assert response.context["original"] == record


def test_administrator_opens_the_history_page(admin_client_role, record_and_query):
    record, _ = record_and_query

    response = admin_client_role.get(admin_url(type(record), "history", record.pk))

    assert response.status_code == 200
    assert response.context["object"] == record
    if type(record)._meta.model_name in HISTORY_TRACKED:
        # Newest first, down to the creation ("+"); setting an agreement's partners adds a "~".
        versions = list(response.context["page_obj"])
        assert len(versions) == record.history.count()
        assert versions[-1].history_type == "+"


@pytest.mark.parametrize("model_name", HISTORY_TRACKED)
def test_administrator_opens_a_past_version(admin_client_role, administrator, model_name):
    record, _ = MAKERS[model_name](1, administrator)
    version = record.history.earliest()

    response = admin_client_role.get(
        admin_url(type(record), "simple_history", record.pk, version.history_id)
    )

    assert response.status_code == 200
    assert response.context["original"] == record


@pytest.mark.parametrize("model_name", HISTORY_TRACKED)
def test_administrator_opens_the_add_page(admin_client_role, model_name):
    model = MODELS[model_name]

    response = admin_client_role.get(admin_url(model, "add"))

    assert response.status_code == 200
    assert response.context["add"] is True


@pytest.mark.parametrize("model_name", list(MAKERS))
def test_changelist_needs_the_same_queries_for_ten_times_the_records(
    admin_client_role, administrator, model_name
):
    for n in (1, 2):
        MAKERS[model_name](n, administrator)
    url = admin_url(MODELS[model_name], "changelist")
    admin_client_role.get(url)  # warm the session, user and content types

    with CaptureQueriesContext(connection) as few:
        admin_client_role.get(url)
    for n in range(3, 23):
        MAKERS[model_name](n, administrator)
    with CaptureQueriesContext(connection) as many:
        response = admin_client_role.get(url)

    assert response.context["cl"].result_count >= 20
    assert len(many) == len(few), [q["sql"] for q in many]


def test_partner_changelist_is_eleven_queries_with_the_agreement_counts(
    admin_client_role, administrator, django_assert_num_queries
):
    for n in range(1, 11):
        partner, _ = make_partner(n, administrator)
        create_agreement(partners=[partner])
    url = admin_url(Partner, "changelist")
    admin_client_role.get(url)  # warm the content types

    # session, user, user's permissions, group permissions, fields of cooperation (filter),
    # count, count before filters, the page with each partner's agreement count (subquery),
    # countries (filter), first and last established_on, their days (date hierarchy)
    with django_assert_num_queries(11):
        response = admin_client_role.get(url)

    assert {p.agreement_count for p in response.context["cl"].result_list} == {1}


# Bad input: the rule's message on the wrong field, and nothing saved.


def partner_form(**fields):
    """What the add form posts for a sister-city locality, with no contacts."""
    data = {
        "ref": "P-HUE-DAEGU",
        "name": "Daegu",
        "name_local": "대구광역시",
        "name_vi": "Đại Khâu",
        "kind": Partner.Kind.LOCALITY,
        "level": Partner.Level.CITY,
        "country": "KR",
        "relationship": Partner.Relationship.SISTER_CITY,
        "danang_unit": "",
        "established_on": "2024-04-19",
        "ended_on": "",
        "notes": "",
        "contacts-TOTAL_FORMS": "0",
        "contacts-INITIAL_FORMS": "0",
        "contacts-MIN_NUM_FORMS": "0",
        "contacts-MAX_NUM_FORMS": "1000",
        "_save": "Save",
    }
    return data | fields


def delegation_form(**fields):
    data = {
        "ref": "D-2024-DAEGU",
        "direction": Delegation.Direction.INBOUND,
        "title": "Đoàn thành phố Daegu",
        "head_name": "Hong Joon-pyo",
        "head_title": "Mayor",
        "level": Delegation.Level.LOCAL_LEADER,
        "countries": ["KR"],
        "start_on": "2024-03-05",
        "end_on": "2024-03-07",
        "members": "12",
        "purpose": Delegation.Purpose.OFFICIAL,
        "host_unit": "Sở Ngoại vụ",
        "outcome": "",
        "_save": "Save",
    }
    return data | fields


def project_form(*, changes=(), **fields):
    """What the add form posts for an FDI project, with `changes` as (date, amount) rows."""
    data = {
        "ref": "IRC-ICT-VINA-III",
        "name": "Nhà máy ICT VINA III",
        "investor": "Dentium Co., Ltd.",
        "investor_country": "KR",
        "sector": FdiProject.Sector.MANUFACTURING,
        "location": "Khu công nghệ cao Đà Nẵng",
        "certified_on": "2024-05-01",
        "registered_capital_usd": "177000000",
        "terminated_on": "",
        "capital_changes-TOTAL_FORMS": str(len(changes)),
        "capital_changes-INITIAL_FORMS": "0",
        "capital_changes-MIN_NUM_FORMS": "0",
        "capital_changes-MAX_NUM_FORMS": "1000",
        "_save": "Save",
    }
    for i, (changed_on, amount) in enumerate(changes):
        data[f"capital_changes-{i}-changed_on"] = changed_on
        data[f"capital_changes-{i}-amount_usd"] = amount
    return data | fields


def test_delegation_ending_before_it_starts_is_refused_with_the_message_on_end_on(
    admin_client_role,
):
    response = admin_client_role.post(
        admin_url(Delegation, "add"),
        delegation_form(start_on="2024-03-05", end_on="2024-03-01"),
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "end_on": ["A delegation cannot end before it starts."]
    }
    assert Delegation.objects.count() == 0


def test_delegation_ending_before_it_starts_is_refused_when_changed(admin_client_role):
    delegation = create_delegation(ref="D-2024-DAEGU", start_on=dt.date(2024, 3, 5))

    response = admin_client_role.post(
        admin_url(Delegation, "change", delegation.pk),
        delegation_form(start_on="2024-03-05", end_on="2024-03-04"),
    )

    assert response.context["adminform"].form.errors == {
        "end_on": ["A delegation cannot end before it starts."]
    }
    delegation.refresh_from_db()
    assert delegation.end_on is None


def test_locality_without_a_country_is_refused(admin_client_role):
    response = admin_client_role.post(admin_url(Partner, "add"), partner_form(country=""))

    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "country": ["A locality must have a country."]
    }
    assert not Partner.objects.filter(ref="P-HUE-DAEGU").exists()


def test_partner_ending_before_it_was_established_is_refused(admin_client_role):
    response = admin_client_role.post(
        admin_url(Partner, "add"),
        partner_form(established_on="2024-04-19", ended_on="2024-04-18"),
    )

    assert response.context["adminform"].form.errors == {
        "ended_on": ["The relationship cannot end before it was established."]
    }
    assert not Partner.objects.filter(ref="P-HUE-DAEGU").exists()


def test_agreement_renewing_itself_is_refused(admin_client_role):
    agreement = create_agreement(ref="A-DAEGU-2024", title="Enhanced cooperation with Daegu")
    partner = agreement.partners.get()
    data = {
        "ref": "A-DAEGU-2024",
        "title": "Enhanced cooperation with Daegu",
        "kind": Agreement.Kind.COOPERATION_AGREEMENT,
        "partners": [partner.pk],
        "signed_on": "2024-04-19",
        "renews": agreement.pk,
        "implementation_entries-TOTAL_FORMS": "0",
        "implementation_entries-INITIAL_FORMS": "0",
        "implementation_entries-MIN_NUM_FORMS": "0",
        "implementation_entries-MAX_NUM_FORMS": "1000",
        "_save": "Save",
    }

    response = admin_client_role.post(admin_url(Agreement, "change", agreement.pk), data)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {"renews": ["Renewals cannot form a loop."]}
    agreement.refresh_from_db()
    assert (agreement.renews, agreement.kind) == (None, Agreement.Kind.MOU)


def test_negative_registered_capital_is_refused(admin_client_role):
    response = admin_client_role.post(
        admin_url(FdiProject, "add"), project_form(registered_capital_usd="-1")
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "registered_capital_usd": ["Ensure this value is greater than or equal to 0."]
    }
    assert FdiProject.objects.count() == 0


def test_capital_change_before_certification_is_refused_when_added_with_its_project(
    admin_client_role,
):
    response = admin_client_role.post(
        admin_url(FdiProject, "add"),
        project_form(certified_on="2024-05-01", changes=[("2024-04-30", "1000000")]),
    )

    assert response.status_code == 200
    (formset,) = [inline.formset for inline in response.context["inline_admin_formsets"]]
    assert formset.errors == [
        {"changed_on": ["Capital cannot change before the project is certified."]}
    ]
    assert (FdiProject.objects.count(), CapitalChange.objects.count()) == (0, 0)


def test_project_certified_after_one_of_its_capital_changes_is_refused(admin_client_role):
    project = create_project(ref="IRC-ICT-VINA-III", certified_on=dt.date(2024, 5, 1))
    change = create_capital_change(project=project, changed_on=dt.date(2024, 6, 1))
    data = project_form(certified_on="2024-07-01") | {
        "capital_changes-TOTAL_FORMS": "1",
        "capital_changes-INITIAL_FORMS": "1",
        "capital_changes-0-id": str(change.pk),
        "capital_changes-0-project": str(project.pk),
        "capital_changes-0-changed_on": "2024-06-01",
        "capital_changes-0-amount_usd": "1000000",
    }

    response = admin_client_role.post(admin_url(FdiProject, "change", project.pk), data)

    assert response.status_code == 200
    (formset,) = [inline.formset for inline in response.context["inline_admin_formsets"]]
    assert formset.errors == [
        {"changed_on": ["Capital cannot change before the project is certified."]}
    ]
    project.refresh_from_db()
    assert project.certified_on == dt.date(2024, 5, 1)


def test_project_is_added_with_its_capital_changes(admin_client_role, administrator):
    response = admin_client_role.post(
        admin_url(FdiProject, "add"),
        project_form(changes=[("2025-01-15", "23000000"), ("2025-06-30", "-500000.50")]),
    )

    assert response.status_code == 302
    project = FdiProject.objects.get(ref="IRC-ICT-VINA-III")
    assert list(project.capital_changes.values_list("changed_on", "amount_usd")) == [
        (dt.date(2025, 1, 15), Decimal("23000000.00")),
        (dt.date(2025, 6, 30), Decimal("-500000.50")),
    ]
    assert {v.history_user for v in CapitalChange.history.all()} == {administrator}


def test_capital_change_add_page_without_a_project_asks_for_one(admin_client_role):
    url = admin_url(CapitalChange, "add")

    page = admin_client_role.get(url)
    response = admin_client_role.post(
        url,
        {"project": "", "changed_on": "2024-06-01", "amount_usd": "1000", "_save": "Save"},
    )

    assert page.status_code == 200
    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {"project": ["This field is required."]}
    assert CapitalChange.objects.count() == 0


def test_capital_change_before_certification_is_refused(admin_client_role):
    project = create_project(certified_on=dt.date(2024, 5, 1))

    response = admin_client_role.post(
        admin_url(CapitalChange, "add"),
        {"project": project.pk, "changed_on": "2024-04-30", "amount_usd": "1000", "_save": "Save"},
    )

    assert response.context["adminform"].form.errors == {
        "changed_on": ["Capital cannot change before the project is certified."]
    }
    assert CapitalChange.objects.count() == 0


def test_history_of_a_capital_change_whose_project_was_deleted_still_opens(admin_client_role):
    change = create_capital_change(project=create_project(ref="IRC-GONE"))
    change_pk = change.pk
    change.project.delete()

    response = admin_client_role.get(admin_url(CapitalChange, "history", change_pk))

    assert response.status_code == 200
    assert response.context["title"] == "Change history: 2024-05-31 · +1,000,000.00 USD"
    assert [v.history_type for v in response.context["page_obj"]] == ["-", "+"]


# Roles: leadership only looks, staff keep records current but do not delete.


def test_leader_can_open_the_partner_changelist(leader_client):
    partner = create_partner(name="Daegu")

    response = leader_client.get(admin_url(Partner, "changelist"))

    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [partner]
    assert response.context["has_add_permission"] is False


def test_leader_cannot_add_a_partner_in_admin(leader_client):
    page = leader_client.get(admin_url(Partner, "add"))
    response = leader_client.post(admin_url(Partner, "add"), partner_form())

    assert (page.status_code, response.status_code) == (403, 403)
    assert Partner.objects.count() == 0


def test_leader_cannot_change_a_partner_in_admin(leader_client):
    partner = create_partner(ref="P-HUE-DAEGU", name="Daegu")

    page = leader_client.get(admin_url(Partner, "change", partner.pk))
    response = leader_client.post(
        admin_url(Partner, "change", partner.pk), partner_form(name="Changed by a leader")
    )

    assert page.status_code == 200
    assert page.context["adminform"].form.fields == {}  # shown read-only
    assert response.status_code == 403
    partner.refresh_from_db()
    assert partner.name == "Daegu"
    assert partner.history.count() == 1


def test_leader_sees_a_past_version_read_only(leader_client):
    partner = create_partner(name="Daegu")
    version = partner.history.get()

    response = leader_client.get(
        admin_url(Partner, "simple_history", partner.pk, version.history_id)
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.fields == {}
    assert response.context["revert_disabled"] is True
    assert 'value="Revert"' not in response.content.decode()


def test_leader_cannot_overwrite_a_partner_through_a_past_version(leader_client):
    partner = create_partner(ref="P-HUE-DAEGU", name="Daegu")
    version = partner.history.get()

    response = leader_client.post(
        admin_url(Partner, "simple_history", partner.pk, version.history_id),
        partner_form(name="Changed by a leader"),
    )

    assert response.status_code == 403
    partner.refresh_from_db()
    assert partner.name == "Daegu"
    assert partner.history.count() == 1


def test_staff_member_adds_a_partner_and_the_history_names_them(staff_client, staff_member):
    response = staff_client.post(admin_url(Partner, "add"), partner_form())

    assert response.status_code == 302
    partner = Partner.objects.get(ref="P-HUE-DAEGU")
    assert (partner.name, partner.name_local, partner.country.code) == ("Daegu", "대구광역시", "KR")

    history = staff_client.get(admin_url(Partner, "history", partner.pk))

    assert history.status_code == 200
    (version,) = history.context["page_obj"]
    assert (version.history_type, version.history_user) == ("+", staff_member)
    user_url = reverse("admin:auth_user_change", args=[staff_member.pk])
    assert f'<a href="{user_url}">staffer</a>' in history.content.decode()


def test_staff_member_can_revert_a_partner_to_a_past_version(staff_client, staff_member):
    partner = create_partner(ref="P-HUE-DAEGU", name="Daegu")
    first = partner.history.get()
    partner.name = "Daegu Metropolitan City"
    partner.save()

    response = staff_client.post(
        admin_url(Partner, "simple_history", partner.pk, first.history_id), partner_form()
    )

    assert response.status_code == 302
    partner.refresh_from_db()
    assert partner.name == "Daegu"
    assert partner.history.latest().history_user == staff_member


def test_staff_member_cannot_delete_a_partner(staff_client):
    partner = create_partner()

    page = staff_client.get(admin_url(Partner, "delete", partner.pk))
    response = staff_client.post(admin_url(Partner, "delete", partner.pk), {"post": "yes"})

    assert (page.status_code, response.status_code) == (403, 403)
    assert Partner.objects.filter(pk=partner.pk).exists()


def test_staff_member_cannot_change_the_fields_of_cooperation(staff_client):
    field = CooperationField.objects.get(code="tourism")

    response = staff_client.post(
        admin_url(CooperationField, "change", field.pk),
        {"code": "tourism", "name_vi": "Du lịch", "name_en": "Travel", "_save": "Save"},
    )

    assert response.status_code == 403
    field.refresh_from_db()
    assert field.name_en == "Tourism"


# Imports are recorded by the import itself: the admin only shows them.


def test_import_run_admin_has_no_add(admin_client_role):
    changelist = admin_client_role.get(admin_url(ImportRun, "changelist"))
    add = admin_client_role.get(admin_url(ImportRun, "add"))

    assert changelist.context["has_add_permission"] is False
    assert add.status_code == 403


def test_import_run_cannot_be_changed_or_deleted_even_by_an_administrator(
    admin_client_role, administrator
):
    run = ImportRun.objects.create(file_name="danang-2025.xlsx", user=administrator)

    page = admin_client_role.get(admin_url(ImportRun, "change", run.pk))
    change = admin_client_role.post(
        admin_url(ImportRun, "change", run.pk), {"file_name": "other.xlsx", "succeeded": "on"}
    )
    delete = admin_client_role.post(admin_url(ImportRun, "delete", run.pk), {"post": "yes"})

    assert page.status_code == 200
    assert page.context["adminform"].form.fields == {}
    assert (change.status_code, delete.status_code) == (403, 403)
    run.refresh_from_db()
    assert (run.file_name, run.succeeded) == ("danang-2025.xlsx", False)


# What the lists show.


def test_agreement_changelist_shows_and_filters_whether_agreements_are_in_force_today(
    admin_client_role,
):
    in_force = create_agreement(ref="A-OPEN", signed_on=dt.date(2020, 6, 1), expires_on=None)
    expired = create_agreement(
        ref="A-EXPIRED", signed_on=dt.date(2015, 6, 1), expires_on=dt.date(2020, 5, 31)
    )
    url = admin_url(Agreement, "changelist")

    everything = admin_client_role.get(url)
    only_in_force = admin_client_role.get(url, {"in_force": "yes"})
    only_not = admin_client_role.get(url, {"in_force": "no"})

    model_admin = everything.context["cl"].model_admin
    assert model_admin.in_force_today(in_force) is True
    assert model_admin.in_force_today(expired) is False
    assert list(only_in_force.context["cl"].result_list) == [in_force]
    assert list(only_not.context["cl"].result_list) == [expired]


def test_partner_changelist_counts_agreements_and_filters_partners_active_today(
    admin_client_role,
):
    daegu = create_partner(name="Daegu", established_on=dt.date(2016, 1, 1))
    create_agreement(partners=[daegu])
    create_agreement(partners=[daegu, create_partner(name="Genova", country="IT")])
    create_partner(name="Gurye", established_on=dt.date(2010, 1, 1), ended_on=dt.date(2020, 12, 31))
    create_partner(name="CITYNET", kind=Partner.Kind.NETWORK, country="", established_on=None)
    url = admin_url(Partner, "changelist")

    response = admin_client_role.get(url)
    active = admin_client_role.get(url, {"active": "yes"})
    not_active = admin_client_role.get(url, {"active": "no"})

    counts = {p.name: p.agreement_count for p in response.context["cl"].result_list}
    assert counts == {"CITYNET": 0, "Daegu": 2, "Genova": 1, "Gurye": 0}
    assert [p.name for p in active.context["cl"].result_list] == ["Daegu", "Genova"]
    assert [p.name for p in not_active.context["cl"].result_list] == ["CITYNET", "Gurye"]


def test_fdi_capital_is_shown_with_thousands_separators_in_both_languages(admin_client_role):
    project = create_project(registered_capital_usd=Decimal("177000000"))
    create_capital_change(project=project, amount_usd=Decimal("-1234567.50"))

    english = admin_client_role.get(admin_url(FdiProject, "changelist"))
    changes = admin_client_role.get(admin_url(CapitalChange, "changelist"))
    admin_client_role.cookies[settings.LANGUAGE_COOKIE_NAME] = "vi"
    vietnamese = admin_client_role.get(admin_url(FdiProject, "changelist"))

    assert '<td class="field-registered_capital">177,000,000</td>' in english.content.decode()
    assert '<td class="field-registered_capital">177.000.000</td>' in vietnamese.content.decode()
    assert '<td class="field-amount">-1,234,567.50</td>' in changes.content.decode()


def test_delegation_changelist_filters_by_any_of_its_countries(admin_client_role):
    korea_japan = create_delegation(countries=["KR", "JP"])
    create_delegation(countries=["FR"])

    response = admin_client_role.get(
        admin_url(Delegation, "changelist"), {"countries__contains": "JP"}
    )

    assert list(response.context["cl"].result_list) == [korea_japan]
    # Codes are stored sorted: JP before KR.
    assert '<td class="field-country_names">Japan, South Korea</td>' in response.content.decode()


def test_partner_autocomplete_finds_names_in_their_own_script(admin_client_role):
    daegu = create_partner(name="Daegu", name_local="대구광역시")
    create_partner(name="Genova", country="IT")

    response = admin_client_role.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "agreements",
            "model_name": "agreement",
            "field_name": "partners",
            "term": "대구",
        },
    )

    assert response.status_code == 200
    assert response.json()["results"] == [{"id": str(daegu.pk), "text": "Daegu"}]
