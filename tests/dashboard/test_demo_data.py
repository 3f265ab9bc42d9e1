"""The demo data set reproduces the figures the city reports, under the data-contract definitions.

Each figure is computed the way the indicator table defines it (data-contract.md, section 2),
through the model QuerySet methods and Django aggregates, on one load of the default seed.
"""

import datetime as dt
import io
from collections import Counter
from decimal import Decimal

from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import Count, F, Q, Sum
from django.db.models.functions import Coalesce
from django.test import TestCase

from agreements.models import Agreement, ImplementationEntry
from dashboard.demo import DATA_UNTIL, DEFAULT_SEED, load_demo
from dashboard.models import StatisticsEntry
from delegations.models import Delegation, HostedEvent
from investment.models import CapitalChange, CapitalContribution, FdiProject
from partners.models import CooperationField, Partner, PartnerContact

END_2024 = dt.date(2024, 12, 31)
END_2025 = dt.date(2025, 12, 31)
MILLION = Decimal("1000000")
BILLION = Decimal("1000000000")


def fdi_attracted_usd(year):
    """Data contract, fdi_attracted_usd: new capital + capital changes + contributions in `year`."""
    new = FdiProject.objects.certified_in(year).aggregate(total=Sum("registered_capital_usd"))
    changes = CapitalChange.objects.filter(changed_on__year=year).aggregate(total=Sum("amount_usd"))
    contributions = CapitalContribution.objects.filter(contributed_on__year=year).aggregate(
        total=Sum("amount_usd")
    )
    return sum((part["total"] or Decimal(0)) for part in (new, changes, contributions))


def statistic(indicator, year):
    return StatisticsEntry.objects.get(indicator=indicator, year=year).value


def fingerprint():
    """Everything a load writes that a second load with the same seed must repeat."""
    return {
        "partners": list(
            Partner.objects.order_by("ref").values_list(
                "ref", "name", "kind", "country", "established_on", "ended_on"
            )
        ),
        "agreements": list(
            Agreement.objects.order_by("ref").values_list(
                "ref", "title", "signed_on", "expires_on", "terminated_on", "renews__ref"
            )
        ),
        "agreement_partners": sorted(
            Agreement.partners.through.objects.values_list("agreement__ref", "partner__ref")
        ),
        "entries": sorted(
            ImplementationEntry.objects.values_list("agreement__ref", "done_on", "text")
        ),
        "delegations": list(
            Delegation.objects.order_by("ref").values_list(
                "ref", "title", "level", "countries", "start_on", "end_on", "city_leaders"
            )
        ),
        "delegation_partners": sorted(
            Delegation.partners.through.objects.values_list("delegation__ref", "partner__ref")
        ),
        "events": list(HostedEvent.objects.order_by("ref").values_list("ref", "name", "start_on")),
        "projects": list(
            FdiProject.objects.order_by("ref").values_list(
                "ref", "investor", "certified_on", "registered_capital_usd", "terminated_on"
            )
        ),
        "changes": list(
            CapitalChange.objects.order_by("project__ref", "changed_on").values_list(
                "project__ref", "changed_on", "amount_usd"
            )
        ),
        "contributions": list(
            CapitalContribution.objects.order_by("ref").values_list(
                "ref", "contributed_on", "amount_usd"
            )
        ),
        "statistics": list(
            StatisticsEntry.objects.order_by("indicator", "year").values_list(
                "indicator", "year", "value", "status"
            )
        ),
    }


def wipe_demo_records():
    """Empty every table the demo fills, children first.

    Plain DELETE statements rather than QuerySet.delete(): the ORM would load each of the 15,000
    rows to send the signals through which django-simple-history writes a history row per
    deleted record. The test's transaction rolls all of this back afterwards.
    """
    models = [
        Partner.fields.through,
        Agreement.partners.through,
        Agreement.fields.through,
        Delegation.partners.through,
        Delegation.agreements.through,
        HostedEvent.agreements.through,
        ImplementationEntry,
        CapitalChange,
        Delegation,
        HostedEvent,
        Agreement,
        PartnerContact,
        Partner,
        FdiProject,
        CapitalContribution,
        StatisticsEntry,
    ]
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")  # noqa: S608


class DemoDataTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.counts = load_demo(seed=DEFAULT_SEED)

    # -- partners --

    def test_sixty_partner_localities_are_active_at_end_of_2025(self):
        active = Partner.objects.localities().active_on(END_2025)

        self.assertEqual(active.count(), 60)

    def test_active_partner_localities_are_in_24_countries(self):
        active = Partner.objects.localities().active_on(END_2025)

        self.assertEqual(active.values("country").distinct().count(), 24)

    def test_daegu_genova_and_thuringia_are_active_partner_localities(self):
        active = Partner.objects.localities().active_on(END_2025)

        self.assertEqual(
            sorted(active.filter(name__in=["Daegu", "Genova", "Thuringia"]).values_list("country")),
            [("DE",), ("IT",), ("KR",)],
        )
        self.assertEqual(active.get(name="Daegu").name_local, "대구광역시")

    def test_former_districts_keep_their_korean_partners(self):
        districts = Partner.objects.localities().active_on(END_2025).filter(level="district")

        self.assertEqual(
            sorted(districts.values_list("danang_unit", "name", "country")),
            [
                ("Huyện Hòa Vang", "Bonghwa County", "KR"),
                ("Huyện Hòa Vang", "Yeongyang County", "KR"),
                ("Quận Hải Châu", "Uiwang", "KR"),
                ("Quận Sơn Trà", "Gurye County", "KR"),
            ],
        )

    def test_networks_organisations_universities_and_missions_are_not_localities(self):
        others = Partner.objects.exclude(kind=Partner.Kind.LOCALITY)

        self.assertEqual(
            sorted(others.filter(kind="network").values_list("name_local", flat=True)),
            ["APCS", "ASCN", "CITYNET", "PNLG"],
        )
        kinds = set(others.values_list("kind", flat=True))
        self.assertTrue({"organization", "university", "diplomatic_mission"} <= kinds)
        self.assertFalse(others.exclude(level="").exists())

    def test_some_relationships_ended_before_2025_and_some_are_prospective(self):
        localities = Partner.objects.localities()

        self.assertEqual(localities.filter(ended_on__lt=dt.date(2025, 1, 1)).count(), 4)
        self.assertEqual(localities.filter(established_on__isnull=True).count(), 4)

    def test_some_partners_have_contacts_and_fields_of_cooperation(self):
        self.assertGreaterEqual(PartnerContact.objects.values("partner").distinct().count(), 15)
        self.assertEqual(
            Partner.objects.filter(fields__isnull=True).count(), 0, "every partner has a field"
        )
        self.assertGreater(CooperationField.objects.get(code="tourism").partners.count(), 10)

    # -- agreements --

    def test_120_to_125_agreements_are_signed_by_end_of_2025(self):
        signed = Agreement.objects.filter(signed_on__lte=END_2025).count()

        self.assertGreaterEqual(signed, 120)
        self.assertLessEqual(signed, 125)

    def test_ten_agreements_are_signed_in_2025(self):
        self.assertEqual(Agreement.objects.signed_in(2025).count(), 10)

    def test_agreements_of_2025_include_partners_from_italy_kazakhstan_korea_france_and_laos(self):
        countries = set(
            Agreement.objects.signed_in(2025).values_list("partners__country", flat=True)
        )

        self.assertTrue({"IT", "KZ", "KR", "FR", "LA"} <= countries)

    def test_genova_friendship_and_cooperation_mou_is_signed_in_2025(self):
        mou = Agreement.objects.signed_in(2025).get(partners__name="Genova")

        self.assertEqual(mou.kind, Agreement.Kind.MOU)
        self.assertIn("hữu nghị và hợp tác", mou.title)

    def test_agreements_expire_end_early_renew_and_record_their_implementation(self):
        agreements = Agreement.objects.all()

        self.assertGreater(agreements.filter(expires_on__lt=END_2025).count(), 5)
        self.assertGreater(agreements.filter(terminated_on__isnull=False).count(), 3)
        self.assertGreater(agreements.filter(renews__isnull=False).count(), 5)
        self.assertGreater(agreements.filter(signed_on__isnull=True).count(), 0)
        self.assertGreater(agreements.filter(implementation_entries__isnull=False).count(), 30)
        self.assertFalse(agreements.filter(responsible_unit="").exists())
        self.assertLess(agreements.in_force_on(END_2025).count(), 122)

    # -- delegations and events --

    def test_about_100_inbound_delegations_meet_the_city_leaders_in_2024_and_in_2025(self):
        for year in (2024, 2025):
            with self.subTest(year=year):
                received = Delegation.objects.inbound().started_in(year).filter(city_leaders=True)

                self.assertGreaterEqual(received.count(), 95)
                self.assertLessEqual(received.count(), 105)

    def test_at_least_2600_inbound_delegations_arrive_in_2025(self):
        self.assertGreaterEqual(Delegation.objects.inbound().started_in(2025).count(), 2600)

    def test_5100_to_5199_inbound_delegations_arrive_in_2011_to_2020(self):
        count = (
            Delegation.objects.inbound()
            .filter(start_on__gte=dt.date(2011, 1, 1), start_on__lte=dt.date(2020, 12, 31))
            .count()
        )

        self.assertGreaterEqual(count, 5100)
        self.assertLessEqual(count, 5199)

    def test_inbound_delegations_dip_deeply_in_the_pandemic_and_recover(self):
        per_year = dict(
            Delegation.objects.inbound()
            .values_list("start_on__year")
            .annotate(count=Count("pk"))
            .values_list("start_on__year", "count")
        )

        self.assertLess(per_year[2020], per_year[2019] / 2)
        self.assertLess(per_year[2021], per_year[2019] / 5)
        self.assertGreater(per_year[2023], per_year[2019])
        self.assertEqual(min(per_year), 2011)

    def test_inbound_delegations_include_heads_of_state_royals_and_ministers(self):
        levels = set(Delegation.objects.inbound().high_level().values_list("level", flat=True))

        self.assertEqual(levels, {level.value for level in Delegation.HIGH_LEVELS})

    def test_most_inbound_delegations_come_from_korea_japan_china_and_the_us(self):
        # values_list gives the stored text of the multiple CountryField: "KH,TH".
        origins = Counter(
            code
            for countries in Delegation.objects.inbound().values_list("countries", flat=True)
            for code in countries.split(",")
        )

        self.assertEqual(
            {code for code, _count in origins.most_common(4)}, {"KR", "JP", "CN", "US"}
        )

    def test_twelve_city_led_promotion_missions_go_abroad_in_2024(self):
        missions = (
            Delegation.objects.outbound()
            .started_in(2024)
            .filter(city_leaders=True, purpose__in=["investment_promotion", "trade", "tourism"])
        )

        self.assertGreaterEqual(missions.count(), 12)

    def test_some_delegations_and_events_carry_agreements_out(self):
        self.assertGreater(Delegation.objects.filter(partners__isnull=False).count(), 10)
        self.assertGreater(Delegation.objects.filter(agreements__isnull=False).count(), 10)
        self.assertGreater(HostedEvent.objects.filter(agreements__isnull=False).count(), 3)

    def test_eight_investment_promotion_events_are_held_in_2024(self):
        events = HostedEvent.objects.started_in(2024).filter(kind="investment_promotion")

        self.assertEqual(events.count(), 8)

    # -- FDI --

    def test_fdi_attracted_in_2024_is_213_to_214_million(self):
        attracted = fdi_attracted_usd(2024)

        self.assertGreaterEqual(attracted, 213 * MILLION)
        self.assertLessEqual(attracted, 214 * MILLION)

    def test_dentium_ict_vina_iii_is_certified_in_2024_with_177_million(self):
        project = FdiProject.objects.certified_in(2024).get(name__contains="ICT VINA III")

        self.assertEqual(project.investor_country, "KR")
        self.assertIn("Dentium", project.investor)
        self.assertEqual(project.registered_capital_usd, 177 * MILLION)

    def test_fdi_attracted_in_2025_is_520_to_530_million(self):
        attracted = fdi_attracted_usd(2025)

        self.assertGreaterEqual(attracted, 520 * MILLION)
        self.assertLessEqual(attracted, 530 * MILLION)

    def test_1263_to_1300_fdi_projects_are_valid_at_end_of_2025(self):
        valid = FdiProject.objects.valid_on(END_2025).count()

        self.assertGreaterEqual(valid, 1263)
        self.assertLessEqual(valid, 1300)

    def test_valid_fdi_capital_at_end_of_2025_is_10_9_to_11_5_billion(self):
        valid = FdiProject.objects.valid_on(END_2025)
        registered = valid.aggregate(total=Sum("registered_capital_usd"))["total"]
        changes = CapitalChange.objects.filter(
            project__in=valid, changed_on__lte=END_2025
        ).aggregate(total=Sum("amount_usd"))["total"]

        self.assertGreaterEqual(registered + changes, Decimal("10.9") * BILLION)
        self.assertLessEqual(registered + changes, Decimal("11.5") * BILLION)

    def test_some_capital_changes_reduce_capital_and_some_projects_are_terminated(self):
        self.assertGreater(CapitalChange.objects.filter(amount_usd__lt=0).count(), 10)
        self.assertGreater(FdiProject.objects.filter(terminated_on__isnull=False).count(), 10)

    def test_no_project_ever_has_negative_capital(self):
        # Every reduction comes after certification, so the capital with all changes applied is
        # the lowest it has ever been only if no increase follows; checking the total suffices
        # because the demo reduces a project at most once.
        projects = FdiProject.objects.annotate(
            capital=F("registered_capital_usd")
            + Coalesce(Sum("capital_changes__amount_usd"), Decimal(0))
        )

        self.assertFalse(projects.filter(capital__lt=0).exists())

    def test_contributions_are_spread_over_the_years(self):
        years = set(CapitalContribution.objects.values_list("contributed_on__year", flat=True))

        self.assertEqual(years, set(range(2011, 2027)))

    # -- statistics --

    def test_exports_are_4_53_billion_in_2025_and_12_percent_up_on_2024(self):
        exports_2025, exports_2024 = statistic("exports_usd", 2025), statistic("exports_usd", 2024)
        change = (exports_2025 - exports_2024) / exports_2024

        self.assertEqual(exports_2025, Decimal("4530000000"))
        self.assertEqual(round(change * 100), 12)

    def test_visitors_are_17_3_million_in_2025_of_whom_7_6_million_international(self):
        self.assertEqual(statistic("visitors_total", 2025), Decimal("17300000"))
        self.assertEqual(statistic("visitors_international", 2025), Decimal("7600000"))

    def test_statistics_cover_2019_to_2025_with_a_source_and_a_status(self):
        for indicator in ("exports_usd", "visitors_total", "visitors_international"):
            with self.subTest(indicator=indicator):
                entries = StatisticsEntry.objects.filter(indicator=indicator)

                self.assertEqual(
                    sorted(entries.values_list("year", flat=True)), list(range(2019, 2026))
                )
                self.assertFalse(entries.filter(source="").exists())
        self.assertEqual(
            StatisticsEntry.objects.get(indicator="exports_usd", year=2025).status, "provisional"
        )

    def test_aid_committed_is_missing_for_2021_on_purpose(self):
        aid = StatisticsEntry.objects.filter(indicator="aid_committed_usd")

        self.assertTrue(aid.filter(year=2020).exists())
        self.assertFalse(aid.filter(year=2021).exists())

    # -- shape --

    def test_nothing_is_dated_after_the_demo_today(self):
        self.assertFalse(
            Delegation.objects.filter(
                Q(start_on__gt=DATA_UNTIL) | Q(end_on__gt=DATA_UNTIL)
            ).exists()
        )
        self.assertFalse(FdiProject.objects.filter(certified_on__gt=DATA_UNTIL).exists())
        self.assertFalse(CapitalChange.objects.filter(changed_on__gt=DATA_UNTIL).exists())
        self.assertFalse(Agreement.objects.filter(signed_on__gt=DATA_UNTIL).exists())
        self.assertEqual(
            Delegation.objects.order_by("start_on").values_list("start_on__year", flat=True)[0],
            2011,
        )

    # -- loading --

    def test_the_same_seed_loads_identical_data(self):
        first = fingerprint()
        wipe_demo_records()
        self.assertFalse(Partner.objects.exists())

        load_demo(seed=DEFAULT_SEED)

        self.assertEqual(fingerprint(), first)

    def test_if_empty_loads_into_an_empty_database(self):
        wipe_demo_records()
        out = io.StringIO()

        call_command("load_demo", "--if-empty", stdout=out)

        self.assertIn("Demo data loaded (seed 20251231)", out.getvalue())
        self.assertEqual(Delegation.objects.count(), self.counts["delegations"])

    def test_if_empty_does_not_load_into_a_database_with_records(self):
        out = io.StringIO()

        call_command("load_demo", "--if-empty", stdout=out)

        self.assertEqual(
            out.getvalue(), "The database already holds records; demo data not loaded.\n"
        )
        self.assertEqual(Partner.objects.count(), self.counts["partners"])

    def test_loading_into_a_database_with_records_without_if_empty_is_refused(self):
        with self.assertRaisesMessage(CommandError, "The database already holds records"):
            call_command("load_demo", stdout=io.StringIO())

        self.assertEqual(Delegation.objects.count(), self.counts["delegations"])
