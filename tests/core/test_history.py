"""The "History" section of the record pages: who changed what, when, from what to what."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from agreements.models import Agreement
from danang_intl.history import HISTORY_SHOWN, record_history
from dashboard.importer import import_workbook
from dashboard.models import StatisticsEntry
from delegations.models import Delegation
from partners.models import Partner
from tests.core.test_admin import admin_url, partner_form
from tests.dashboard.test_import import write_csv_folder
from tests.factories import (
    create_agreement,
    create_delegation,
    create_event,
    create_partner,
    create_project,
    create_statistic,
    create_user,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]


def history_rows(response):
    """(who, kind, [change lines]) of each entry the page lists, newest first."""
    return [
        (
            entry.who,
            str(entry.kind),
            [f"{change.label}: {change.old} → {change.new}" for change in entry.changes],
        )
        for entry in response.context["history"].entries
    ]


@pytest.mark.parametrize(
    ("make", "url_name"),
    [
        (create_partner, "partners:detail"),
        (create_agreement, "agreements:detail"),
        (create_delegation, "delegations:detail"),
        (create_event, "delegations:event-detail"),
        (create_project, "investment:project-detail"),
    ],
)
def test_every_record_page_shows_its_history_to_leaders(leader_client, make, url_name):
    record = make()

    response = leader_client.get(reverse(url_name, args=[record.pk]))

    assert response.status_code == 200
    assert response.context["history"].total == record.history.count()
    assert history_rows(response)[-1] == ("", "created", [])
    content = response.content.decode()
    assert '<section class="linked record-history" id="history">' in content
    assert "<h2>History" in content


def test_partner_changed_in_admin_shows_who_and_the_old_and_new_values(client):
    staff = create_user("chuyenvien", role="staff", first_name="An", last_name="Nguyễn")
    partner = create_partner(
        ref="P-HUE-DAEGU", name="Daegu", established_on=dt.date(2024, 4, 19), country="KR"
    )
    client.force_login(staff)
    saved = client.post(
        admin_url(Partner, "change", partner.pk),
        partner_form(
            name="Daegu Metropolitan City",
            name_local="",
            name_vi="",
            level="",
            relationship=Partner.Relationship.FRIENDSHIP_COOPERATION,
            established_on="2024-04-19",
            ended_on="2025-12-31",
        ),
    )
    assert saved.status_code == 302

    response = client.get(reverse("partners:detail", args=[partner.pk]))

    assert history_rows(response) == [
        (
            "An Nguyễn",
            "changed",
            [
                "name: Daegu → Daegu Metropolitan City",
                "ended on: — → 31/12/2025",
            ],
        ),
        ("", "created", []),
    ]
    content = response.content.decode()
    assert '<td class="who">An Nguyễn</td>' in content
    assert (
        '<li><span class="field">Name</span>: <del>Daegu</del> → '
        "<ins>Daegu Metropolitan City</ins></li>"
    ) in content


def test_changed_links_and_references_show_the_names_of_the_records(staff_client, staff_member):
    daegu = create_partner(name="Daegu")
    busan = create_partner(name="Busan")
    earlier = create_agreement(ref="A-2015", title="MoU 2015", partners=[daegu])
    agreement = create_agreement(ref="A-2024", title="MoU 2024", partners=[daegu])
    # As the admin saves it: the record, then its links (each save leaves a history row).
    agreement.renews = earlier
    agreement.save()
    agreement.partners.set([daegu, busan])

    response = staff_client.get(reverse("agreements:detail", args=[agreement.pk]))

    changes = [lines for _who, kind, lines in history_rows(response) if kind == "changed"]
    assert changes == [
        ["partners: Daegu → Busan, Daegu"],
        ["renews or replaces: — → A-2015 · MoU 2015"],
        # Setting the partners at creation: the link snapshot of the factory's `set`.
        ["partners: — → Daegu"],
    ]


def test_deleted_record_that_a_reference_named_is_shown_by_its_number(staff_client):
    earlier = create_agreement(ref="A-2015", title="MoU 2015")
    agreement = create_agreement(ref="A-2024")
    agreement.renews = earlier
    agreement.save()
    earlier_pk = earlier.pk
    agreement.renews = None
    agreement.save()
    Agreement.objects.filter(pk=earlier_pk).delete()

    history = record_history(agreement)

    assert [
        (change.label, change.old, change.new)
        for entry in history.entries[:2]
        for change in entry.changes
    ] == [
        ("renews or replaces", f"#{earlier_pk} (deleted)", "—"),
        ("renews or replaces", "—", f"#{earlier_pk} (deleted)"),
    ]


def test_imported_record_history_names_the_file_and_the_importing_user(tmp_path, staff_client):
    importer = create_user("nhapdulieu", role="staff")
    folder = write_csv_folder(
        tmp_path / "ban-ngoai-vu-2025",
        {
            "partners": [
                ["ref", "name", "kind", "country", "established_on"],
                ["P-DAEGU", "Daegu", "locality", "KR", "2015-10-15"],
            ]
        },
    )
    # The reason is written in the language of the import (the command's: Vietnamese).
    with override("en"):
        assert import_workbook(folder, user=importer).imported
    write_csv_folder(
        tmp_path / "ban-ngoai-vu-2026",
        {
            "partners": [
                ["ref", "name", "kind", "country", "established_on"],
                ["P-DAEGU", "Daegu Metropolitan City", "locality", "KR", "2015-10-15"],
            ]
        },
    )
    with override("en"):
        assert import_workbook(tmp_path / "ban-ngoai-vu-2026", user=importer).imported
    partner = Partner.objects.get(ref="P-DAEGU")

    response = staff_client.get(reverse("partners:detail", args=[partner.pk]))

    entries = response.context["history"].entries
    assert [(e.who, e.reason, str(e.kind)) for e in entries] == [
        ("nhapdulieu", "Import of ban-ngoai-vu-2026", "changed"),
        ("nhapdulieu", "Import of ban-ngoai-vu-2025", "created"),
    ]
    assert history_rows(response)[0][2] == ["name: Daegu → Daegu Metropolitan City"]
    content = response.content.decode()
    assert (
        '<td class="who">nhapdulieu<br><span class="muted reason">Import of ban-ngoai-vu-2026'
        "</span></td>"
    ) in content


def test_statistics_entry_saved_in_admin_records_who_changed_it(staff_client, staff_member):
    entry = create_statistic(indicator="exports_usd", year=2025, value=Decimal("4530000000"))
    response = staff_client.post(
        admin_url(StatisticsEntry, "change", entry.pk),
        {
            "indicator": "exports_usd",
            "year": "2025",
            "value": "4600000000",
            "source": "Cục Thống kê",
            "status": StatisticsEntry.Status.REVISED,
            "_save": "Save",
        },
    )
    assert response.status_code == 302

    latest = entry.history.first()
    older = entry.history.last()
    assert (latest.history_type, latest.history_user) == ("~", staff_member)
    assert sorted(latest.diff_against(older).changed_fields) == ["source", "status", "value"]


def test_page_shows_the_latest_50_changes_with_their_count(staff_client):
    partner = create_partner(name="Daegu 0")
    for n in range(1, 60):
        partner.name = f"Daegu {n}"
        partner.save()

    response = staff_client.get(reverse("partners:detail", args=[partner.pk]))

    history = response.context["history"]
    assert (history.total, len(history.entries)) == (60, HISTORY_SHOWN)
    # The oldest shown still has its predecessor to differ from.
    assert history_rows(response)[-1][2] == ["name: Daegu 9 → Daegu 10"]
    content = response.content.decode()
    assert "The latest 50 of 60 changes." in content
    assert f'href="/admin/partners/partner/{partner.pk}/history/"' in content


def test_history_needs_the_same_queries_for_ten_times_the_changes(django_assert_num_queries):
    daegu, busan = create_partner(name="Daegu"), create_partner(name="Busan")
    agreements = []
    for changes in (3, 30):
        agreement = create_agreement(partners=[daegu])
        for n in range(changes):
            agreement.title = f"MoU {n}"
            agreement.expires_on = dt.date(2030, 1, 1) + dt.timedelta(days=n)
            agreement.save()
            if n == 1:
                agreement.partners.set([busan])
            elif n == 2:
                agreement.partners.set([daegu, busan])
        agreements.append(agreement)

    for agreement in agreements:
        # The history rows with their users; the partner links and the field links of those
        # rows; the names of the partners that changed.
        with django_assert_num_queries(4):
            history = record_history(agreement)
        assert not history.truncated


def test_record_without_changes_lists_its_creation_only(staff_client):
    project = create_project(certified_on=dt.date(2024, 5, 1))

    history = record_history(project)

    assert [(e.history_type, e.changes) for e in history.entries] == [("+", [])]
    assert history.entries[0].when <= timezone.now()


def test_choices_and_countries_show_their_labels():
    delegation = create_delegation(countries=["KR"], level=Delegation.Level.LOCAL_LEADER)
    delegation.countries = ["KR", "JP"]
    delegation.level = Delegation.Level.BUSINESS
    delegation.city_leaders = True
    delegation.save()

    with override("en"):
        changes = [
            (str(change.label), change.old, change.new)
            for change in record_history(delegation).entries[0].changes
        ]

    assert changes == [
        ("level", "local leader", "business"),
        ("countries", "South Korea", "Japan, South Korea"),
        ("with the city's leaders", "no", "yes"),
    ]
