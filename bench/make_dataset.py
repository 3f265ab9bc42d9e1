"""A deterministic national-scale dataset in the import workbook format (data contract, section 1).

    .venv/bin/python bench/make_dataset.py --scale 0.01 --out /tmp/ds-0.01

Writes one CSV per sheet (partners.csv, agreements.csv, delegations.csv, events.csv,
fdi_projects.csv, fdi_capital_changes.csv, fdi_contributions.csv, statistics.csv) with exactly the
contract's column keys, plus `dataset.json` (seed, scale, rows per sheet; the importer ignores it).

Scale 1.0 is the yardstick of `performance-targets.md`: 50,000 partners, 200,000 agreements,
1,000,000 delegations, 50,000 events, 60,000 FDI projects, 150,000 capital changes and 30,000
contributions (1.54 million rows) from 2006 to 23 November 2026, plus about 120 yearly statistics
(not scaled: one figure per indicator and year).

The data looks like the real thing: countries skewed (KR, JP, CN on top, then US, SG, TW, FR,
DE...), dates bunched in recent years with a pandemic dip, some relationships ended, agreements
expired or terminated, projects terminated, capital changes some negative. Every row is valid for
the product's importer: each reference names a row of the file, capital changes are never dated
before their project's certification (nor on or after its termination) and (project_ref,
changed_on) is unique. Nothing is dated after 23 November 2026 except agreements' `expires_on`,
which is a term fixed at signing (a 5-year MoU signed in 2025 expires in 2030), as in the demo
data.

Rows are written as they are made; what is kept in memory is three numbers per FDI project
(certification day, last day for a change, capital), which the capital changes need.
"""

import argparse
import array
import bisect
import csv
import datetime as dt
import itertools
import json
import math
import random
import time
from pathlib import Path

SEED = 20061126
FIRST_DAY = dt.date(2006, 1, 1)
DATA_UNTIL = dt.date(2026, 11, 23)
YEARS = range(FIRST_DAY.year, DATA_UNTIL.year + 1)

# Rows per sheet at scale 1.0 (performance-targets.md).
FULL_SCALE = {
    "partners": 50_000,
    "agreements": 200_000,
    "delegations": 1_000_000,
    "events": 50_000,
    "fdi_projects": 60_000,
    "fdi_capital_changes": 150_000,
    "fdi_contributions": 30_000,
}

# The contract's column keys, in the contract's order (data-contract.md, section 1).
COLUMNS = {
    "partners": [
        "ref",
        "name",
        "name_local",
        "name_vi",
        "kind",
        "level",
        "country",
        "relationship",
        "danang_unit",
        "established_on",
        "ended_on",
        "fields",
        "notes",
    ],
    "agreements": [
        "ref",
        "title",
        "kind",
        "partner_refs",
        "danang_signatory",
        "signed_on",
        "signed_at",
        "effective_on",
        "expires_on",
        "terminated_on",
        "fields",
        "summary",
    ],
    "delegations": [
        "ref",
        "direction",
        "title",
        "head_name",
        "head_title",
        "level",
        "countries",
        "partner_refs",
        "start_on",
        "end_on",
        "members",
        "purpose",
        "city_leaders",
        "host_unit",
        "outcome",
    ],
    "events": ["ref", "name", "kind", "start_on", "end_on", "countries", "participants"],
    "fdi_projects": [
        "ref",
        "name",
        "investor",
        "investor_country",
        "sector",
        "location",
        "certified_on",
        "registered_capital_usd",
        "terminated_on",
    ],
    "fdi_capital_changes": ["project_ref", "changed_on", "amount_usd"],
    "fdi_contributions": [
        "ref",
        "investor",
        "investor_country",
        "company",
        "contributed_on",
        "amount_usd",
    ],
    "statistics": ["indicator", "year", "value", "source"],
}
SHEETS = list(COLUMNS)

FIELD_CODES = [
    "economy_trade",
    "investment",
    "tourism",
    "education_training",
    "health",
    "culture_sport",
    "science_technology",
    "information_technology",
    "environment_climate",
    "urban_development",
    "agriculture",
    "labour_human_resources",
    "security_defence",
    "other",
]
FIELD_VI = {
    "economy_trade": "kinh tế - thương mại",
    "investment": "đầu tư",
    "tourism": "du lịch",
    "education_training": "giáo dục - đào tạo",
    "health": "y tế",
    "culture_sport": "văn hóa - thể thao",
    "science_technology": "khoa học - công nghệ",
    "information_technology": "công nghệ thông tin",
    "environment_climate": "môi trường - biến đổi khí hậu",
    "urban_development": "phát triển đô thị",
    "agriculture": "nông nghiệp",
    "labour_human_resources": "lao động - nguồn nhân lực",
    "security_defence": "an ninh - quốc phòng",
    "other": "các lĩnh vực khác",
}

# Partner countries: Korea, Japan and China far ahead, then the US, Singapore, Taiwan, France,
# Germany, and a long tail.
PARTNER_COUNTRIES = [
    ("KR", 22),
    ("JP", 16),
    ("CN", 12),
    ("US", 8),
    ("SG", 6),
    ("TW", 5),
    ("FR", 4.5),
    ("DE", 4),
    ("TH", 3),
    ("AU", 3),
    ("LA", 2.5),
    ("GB", 2.5),
    ("RU", 2),
    ("IT", 2),
    ("HK", 1.8),
    ("KH", 1.8),
    ("IN", 1.5),
    ("MY", 1.5),
    ("NL", 1.2),
    ("CA", 1.2),
    ("ID", 1),
    ("PH", 1),
    ("NZ", 0.8),
    ("BE", 0.8),
    ("ES", 0.7),
    ("CH", 0.6),
    ("SE", 0.6),
    ("PL", 0.5),
    ("CZ", 0.5),
    ("HU", 0.5),
    ("MN", 0.4),
    ("MM", 0.4),
    ("IL", 0.4),
    ("AE", 0.4),
    ("AT", 0.3),
    ("DK", 0.3),
    ("FI", 0.3),
    ("NO", 0.3),
    ("BN", 0.2),
    ("CU", 0.2),
    ("MX", 0.2),
    ("CL", 0.2),
    ("PE", 0.2),
    ("KZ", 0.2),
    ("BR", 0.15),
    ("ZA", 0.1),
    ("EG", 0.1),
    ("TR", 0.1),
]
# FDI investors: Korea and Japan lead, Singapore and China next (Da Nang's real order).
INVESTOR_COUNTRIES = [
    ("KR", 20),
    ("JP", 18),
    ("SG", 12),
    ("CN", 9),
    ("TW", 7),
    ("HK", 6),
    ("US", 5),
    ("FR", 2),
    ("DE", 2),
    ("TH", 2),
    ("MY", 2),
    ("AU", 2),
    ("GB", 1.5),
    ("VG", 1.5),
    ("NL", 1),
    ("CA", 1),
    ("IN", 1),
    ("ID", 0.6),
    ("PH", 0.5),
    ("IT", 0.5),
    ("CH", 0.5),
    ("SE", 0.3),
    ("BE", 0.3),
    ("RU", 0.3),
    ("NZ", 0.3),
    ("LA", 0.2),
    ("IL", 0.2),
]

# Names in Latin script, per country where it shows; others borrow the generic syllables.
NAME_PARTS = {
    "KR": (
        ["Dae", "Bu", "Gwang", "Su", "Cheong", "Gyeong", "Jeon", "In", "Ul", "Po"],
        ["gu", "san", "ju", "won", "ju", "cheon", "san", "hang", "nam", "buk"],
    ),
    "JP": (
        ["Saka", "Yoko", "Naga", "Kita", "Hiro", "Kana", "Toya", "Shi", "Oka", "Fuku"],
        ["i", "hama", "saki", "kyushu", "shima", "zawa", "ma", "zuoka", "yama", "oka"],
    ),
    "CN": (
        ["Guang", "Hang", "Kun", "Nan", "Xia", "Shen", "Qing", "Wen", "Hai", "Chang"],
        ["zhou", "ming", "ning", "men", "zhen", "dao", "kou", "sha", "an", "yang"],
    ),
    "TW": (
        ["Tai", "Kao", "Hsin", "Tao", "Chang", "Yi", "Ping", "Hua"],
        ["chung", "hsiung", "chu", "yuan", "hua", "lan", "tung", "lien"],
    ),
}
GENERIC_PARTS = (
    ["Ma", "Bel", "Ro", "San", "Lin", "Vel", "Gre", "Ost", "Tor", "Ven", "Al", "Mon"],
    ["ville", "burg", "ton", "dorf", "haven", "mont", "field", "port", "stad", "berg"],
)
HANGUL = "대부광수청경전인울포구산주원천항남북해양"
KANJI = "大阪横浜長崎北広島金沢富山静岡福岡市"
HANZI = "广杭昆南厦深青温海长州明宁门圳岛口沙安阳"
LOCAL_SUFFIX = {"KR": "시", "JP": "市", "CN": "市", "TW": "市"}
LOCAL_SCRIPT = {"KR": HANGUL, "JP": KANJI, "CN": HANZI, "TW": HANZI}

SURNAMES = [
    "Kim",
    "Lee",
    "Park",
    "Tanaka",
    "Suzuki",
    "Wang",
    "Li",
    "Smith",
    "Martin",
    "Müller",
    "Tan",
    "Lim",
    "Chen",
    "Nguyễn",
    "Trần",
    "Lê",
    "Sato",
    "Choi",
    "Dubois",
    "Schmidt",
]
GIVEN = [
    "Min-jun",
    "Ji-woo",
    "Hiroshi",
    "Yuki",
    "Wei",
    "Fang",
    "John",
    "Anna",
    "Pierre",
    "Klaus",
    "Hương",
    "Minh",
    "Seo-yeon",
    "Kenji",
    "Mei",
    "David",
    "Sophie",
    "Thomas",
]
HEAD_TITLES = [
    "Thị trưởng",
    "Phó Thị trưởng",
    "Đại sứ",
    "Tổng Lãnh sự",
    "Chủ tịch",
    "Giám đốc",
    "Hiệu trưởng",
    "Bộ trưởng",
    "Thứ trưởng",
    "Chủ tịch Hội đồng",
]
DANANG_UNITS = [
    "",
    "",
    "",
    "",
    "Sở Ngoại vụ",
    "UBND quận Hải Châu",
    "UBND quận Sơn Trà",
    "Sở Du lịch",
    "Đại học Đà Nẵng",
    "UBND huyện Hòa Vang",
    "Sở Văn hóa và Thể thao",
]
SIGNATORIES = [
    "UBND thành phố Đà Nẵng",
    "Sở Ngoại vụ",
    "Sở Kế hoạch và Đầu tư",
    "Sở Du lịch",
    "Đại học Đà Nẵng",
    "Sở Giáo dục và Đào tạo",
    "Sở Y tế",
    "Ban Quản lý KCNC và KCN",
]
SIGNED_AT = [
    "Đà Nẵng",
    "Đà Nẵng",
    "Đà Nẵng",
    "Seoul",
    "Tokyo",
    "Bắc Kinh",
    "Singapore",
    "Hà Nội",
    "Paris",
    "Berlin",
    "Daegu",
    "Osaka",
    "Busan",
]
HOST_UNITS = [
    "",
    "Sở Ngoại vụ",
    "Văn phòng UBND thành phố",
    "Sở Kế hoạch và Đầu tư",
    "Sở Du lịch",
    "Trung tâm Xúc tiến đầu tư",
    "Đại học Đà Nẵng",
    "Sở Công Thương",
]
LOCATIONS = [
    "",
    "KCN Hòa Khánh",
    "KCN Liên Chiểu",
    "KCN Hòa Cầm",
    "KCN Đà Nẵng",
    "Khu công nghệ cao Đà Nẵng",
    "Khu CNTT tập trung",
    "Phường Hải Châu",
    "Phường Sơn Trà",
    "Phường Ngũ Hành Sơn",
    "KCN Điện Nam - Điện Ngọc",
    "KCN Tam Thăng",
]
COMPANY_WORDS = [
    "Asia",
    "Pacific",
    "Star",
    "Global",
    "Ocean",
    "Sun",
    "Hanil",
    "Daewoo",
    "Nippon",
    "Mekong",
    "Golden",
    "Dragon",
    "Lotus",
    "Harbor",
    "Summit",
    "Blue",
    "Green",
]
COMPANY_SUFFIX = ["Co., Ltd.", "Corporation", "Holdings", "Inc.", "Pte. Ltd.", "GmbH", "K.K."]
VN_COMPANY = ["Công ty Cổ phần", "Công ty TNHH", "Công ty Cổ phần Tập đoàn"]
VN_COMPANY_WORDS = [
    "Sông Hàn",
    "Miền Trung",
    "Hải Vân",
    "Ngũ Hành Sơn",
    "Sơn Trà",
    "Tiên Sa",
    "Cầu Rồng",
    "Bà Nà",
    "Non Nước",
    "Mỹ Khê",
    "Liên Chiểu",
    "Hòa Khánh",
]

PARTNER_KINDS = [
    ("locality", 55),
    ("organization", 10),
    ("network", 3),
    ("enterprise", 15),
    ("university", 10),
    ("ngo", 5),
    ("diplomatic_mission", 2),
]
LEVELS = [("province", 25), ("city", 55), ("district", 15), ("other", 5)]
RELATIONSHIPS = [
    ("sister_city", 8),
    ("friendship_cooperation", 30),
    ("cooperation", 52),
    ("other", 10),
]
AGREEMENT_KINDS = [
    ("mou", 45),
    ("cooperation_agreement", 25),
    ("friendship_agreement", 5),
    ("sister_city_agreement", 2),
    ("action_programme", 10),
    ("letter_of_intent", 8),
    ("other", 5),
]
AGREEMENT_KIND_VI = {
    "mou": "Biên bản ghi nhớ",
    "cooperation_agreement": "Thỏa thuận hợp tác",
    "friendship_agreement": "Thỏa thuận hữu nghị",
    "sister_city_agreement": "Thỏa thuận kết nghĩa",
    "action_programme": "Chương trình hành động",
    "letter_of_intent": "Thư ý định",
    "other": "Văn bản hợp tác",
}
DELEGATION_LEVELS = [
    ("head_of_state", 0.15),
    ("head_of_government", 0.25),
    ("royal", 0.08),
    ("parliament_leader", 0.3),
    ("minister", 1.5),
    ("deputy_minister", 2),
    ("ambassador", 4),
    ("consul_general", 5),
    ("local_leader", 15),
    ("business", 45),
    ("academic", 15),
    ("other", 11.72),
]
PURPOSES = [
    ("", 10),
    ("official", 20),
    ("investment_promotion", 18),
    ("trade", 15),
    ("tourism", 12),
    ("culture", 9),
    ("education", 10),
    ("science_technology", 4),
    ("other", 2),
]
EVENT_KINDS = [
    ("forum", 15),
    ("conference", 30),
    ("festival", 15),
    ("investment_promotion", 12),
    ("exhibition", 13),
    ("sport", 8),
    ("other", 7),
]
EVENT_NAMES = {
    "forum": "Diễn đàn hợp tác",
    "conference": "Hội nghị quốc tế",
    "festival": "Lễ hội",
    "investment_promotion": "Hội nghị xúc tiến đầu tư",
    "exhibition": "Triển lãm quốc tế",
    "sport": "Giải thể thao quốc tế",
    "other": "Sự kiện quốc tế",
}
SECTORS = [
    ("manufacturing", 22),
    ("information_technology", 18),
    ("semiconductors", 3),
    ("real_estate", 10),
    ("tourism_hospitality", 14),
    ("logistics", 5),
    ("finance_banking", 2),
    ("education", 4),
    ("healthcare", 3),
    ("trade_services", 12),
    ("agriculture", 2),
    ("energy", 2),
    ("other", 3),
]

# How much of each year's activity: growth of about 12 % a year, the pandemic cutting travel in
# 2020-2021, and 2026 running only to DATA_UNTIL.
GROWTH = 1.12
PANDEMIC = {2020: 0.35, 2021: 0.2, 2022: 0.7}


class Weighted:
    """Fast weighted choice: one random() and a bisect (random.choices recomputes more)."""

    def __init__(self, pairs):
        self.items = [item for item, _weight in pairs]
        self.cumulative = list(itertools.accumulate(weight for _item, weight in pairs))
        self.total = self.cumulative[-1]

    def __call__(self, rng):
        return self.items[bisect.bisect(self.cumulative, rng.random() * self.total)]

    def distinct(self, rng, count):
        chosen = []
        while len(chosen) < count:
            item = self(rng)
            if item not in chosen:
                chosen.append(item)
        return chosen


class Days:
    """Random days from FIRST_DAY to DATA_UNTIL, with years weighted."""

    def __init__(self, *, pandemic):
        pairs = []
        self.first, self.length = {}, {}
        for year in YEARS:
            first = dt.date(year, 1, 1)
            last = min(dt.date(year, 12, 31), DATA_UNTIL)
            self.first[year] = first.toordinal()
            self.length[year] = (last - first).days + 1
            weight = GROWTH ** (year - YEARS[0]) * self.length[year] / 365
            if pandemic:
                weight *= PANDEMIC.get(year, 1)
            pairs.append((year, weight))
        self.year = Weighted(pairs)

    def ordinal(self, rng):
        year = self.year(rng)
        return self.first[year] + int(rng.random() * self.length[year])


UNTIL = DATA_UNTIL.toordinal()


def iso(ordinal):
    return dt.date.fromordinal(ordinal).isoformat() if ordinal else ""


def between(rng, first, last):
    """An ordinal from `first` to `last`, both included."""
    return first + int(rng.random() * (last - first + 1))


def money(value):
    return f"{value:.2f}"


def lognormal_usd(rng, median, sigma, *, low=1_000.0, high=5e9):
    return min(max(median * math.exp(rng.gauss(0, sigma)), low), high)


def years_later(ordinal, years):
    day = dt.date.fromordinal(ordinal)
    try:
        later = day.replace(year=day.year + years)
    except ValueError:
        later = day.replace(year=day.year + years, day=28)
    return later.toordinal() - 1


def counts_for(scale):
    return {sheet: max(1, round(rows * scale)) for sheet, rows in FULL_SCALE.items()}


def place_name(rng, country):
    first, second = NAME_PARTS.get(country, GENERIC_PARTS)
    return rng.choice(first) + rng.choice(second)


def person(rng):
    return f"{rng.choice(GIVEN)} {rng.choice(SURNAMES)}"


def company(rng):
    return f"{rng.choice(COMPANY_WORDS)} {rng.choice(COMPANY_WORDS)} {rng.choice(COMPANY_SUFFIX)}"


def field_list(rng, most):
    return ";".join(rng.sample(FIELD_CODES, rng.randint(0, most)))


def skewed_index(rng, count):
    """An index below `count`, the lower ones (older, busier records) chosen more often."""
    return int(count * rng.random() ** 1.6)


class Generator:
    def __init__(self, *, scale, out, seed=SEED):
        self.scale = scale
        self.out = Path(out)
        self.rng = random.Random(seed)
        self.seed = seed
        self.counts = counts_for(scale)
        self.recent = Days(pandemic=False)
        self.travel = Days(pandemic=True)
        self.partner_country = Weighted(PARTNER_COUNTRIES)
        self.investor_country = Weighted(INVESTOR_COUNTRIES)
        self.partner_kind = Weighted(PARTNER_KINDS)
        self.level = Weighted(LEVELS)
        self.relationship = Weighted(RELATIONSHIPS)
        self.agreement_kind = Weighted(AGREEMENT_KINDS)
        self.delegation_level = Weighted(DELEGATION_LEVELS)
        self.purpose = Weighted(PURPOSES)
        self.event_kind = Weighted(EVENT_KINDS)
        self.sector = Weighted(SECTORS)
        self.written = {}

    def run(self):
        self.out.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        self.write("partners", self.partners())
        self.write("agreements", self.agreements())
        self.write("delegations", self.delegations())
        self.write("events", self.events())
        projects = ProjectMemory(self.counts["fdi_projects"])
        self.write("fdi_projects", self.fdi_projects(projects))
        self.write("fdi_capital_changes", self.capital_changes(projects))
        self.write("fdi_contributions", self.contributions())
        self.write("statistics", self.statistics())
        manifest = {
            "seed": self.seed,
            "scale": self.scale,
            "rows": self.written,
            "total_rows": sum(self.written.values()),
            "generator_seconds": round(time.perf_counter() - started, 1),
        }
        (self.out / "dataset.json").write_text(json.dumps(manifest, indent=2) + "\n")
        return manifest

    def write(self, sheet, rows):
        with (self.out / f"{sheet}.csv").open("w", encoding="utf-8", newline="") as stream:
            writer = csv.writer(stream)
            writer.writerow(COLUMNS[sheet])
            count = 0
            for row in rows:
                writer.writerow(row)
                count += 1
        self.written[sheet] = count

    # -- the sheets ----------------------------------------------------------------------------

    def partners(self):
        rng = self.rng
        for i in range(1, self.counts["partners"] + 1):
            kind = self.partner_kind(rng)
            locality = kind == "locality"
            if locality or rng.random() < 0.6:
                country = self.partner_country(rng)
            else:
                country = ""  # an international body
            base = place_name(rng, country)
            if locality:
                level = self.level(rng)
                name = {"province": f"{base} Province", "district": f"{base} District"}.get(
                    level, f"{base} City"
                )
                relationship = self.relationship(rng)
            else:
                level = ""
                name = {
                    "organization": f"{base} International Organization",
                    "network": f"{base} Cities Network",
                    "enterprise": f"{base} {rng.choice(COMPANY_SUFFIX)}",
                    "university": f"University of {base}",
                    "ngo": f"{base} Foundation",
                    "diplomatic_mission": f"Consulate General in {base}",
                }[kind]
                relationship = rng.choice(["", "", "cooperation", "other"])
            name_local = ""
            if locality and country in LOCAL_SCRIPT and rng.random() < 0.7:
                script = LOCAL_SCRIPT[country]
                name_local = rng.choice(script) + rng.choice(script) + LOCAL_SUFFIX[country]
            name_vi = f"Thành phố {base}" if locality and rng.random() < 0.3 else ""
            established = ended = 0
            if rng.random() > 0.06:  # the rest are prospective: not established yet
                established = self.recent.ordinal(rng)
                if rng.random() < 0.12 and UNTIL - established > 60:
                    ended = between(rng, established + 30, UNTIL)
            notes = "Đối tác truyền thống." if rng.random() < 0.05 else ""
            yield (
                f"P{i:06d}",
                name,
                name_local,
                name_vi,
                kind,
                level,
                country,
                relationship,
                rng.choice(DANANG_UNITS),
                iso(established),
                iso(ended),
                field_list(rng, 3),
                notes,
            )

    def agreements(self):
        rng = self.rng
        partners = self.counts["partners"]
        for i in range(1, self.counts["agreements"] + 1):
            kind = self.agreement_kind(rng)
            draw = rng.random()
            how_many = 1 if draw < 0.75 else 2 if draw < 0.93 else 3
            how_many = min(how_many, partners)
            refs = set()
            while len(refs) < how_many:
                refs.add(skewed_index(rng, partners) + 1)
            signed = effective = expires = terminated = 0
            if rng.random() > 0.04:  # the rest are still being negotiated
                signed = self.recent.ordinal(rng)
                if rng.random() < 0.35:
                    effective = min(signed + rng.randint(0, 90), UNTIL)
                start = effective or signed
                if rng.random() < 0.55:
                    # A term fixed at signing; it may fall after DATA_UNTIL (see the docstring).
                    expires = years_later(start, rng.choice([1, 2, 3, 3, 5, 5, 5, 10]))
                if rng.random() < 0.04:
                    last = min(expires or UNTIL, UNTIL)
                    if last > signed:
                        terminated = between(rng, signed, last)
            field = rng.choice(FIELD_CODES)
            yield (
                f"A{i:07d}",
                f"{AGREEMENT_KIND_VI[kind]} về {FIELD_VI[field]} số {i}",
                kind,
                ";".join(f"P{ref:06d}" for ref in sorted(refs)),
                rng.choice(SIGNATORIES),
                iso(signed),
                rng.choice(SIGNED_AT) if signed else "",
                iso(effective),
                iso(expires),
                iso(terminated),
                field_list(rng, 2),
                "Tăng cường hợp tác giữa hai bên." if rng.random() < 0.2 else "",
            )

    def delegations(self):
        rng = self.rng
        partners = self.counts["partners"]
        for i in range(1, self.counts["delegations"] + 1):
            inbound = rng.random() < 0.72
            draw = rng.random()
            countries = self.partner_country.distinct(
                rng, 1 if draw < 0.9 else 2 if draw < 0.98 else 3
            )
            level = self.delegation_level(rng)
            start = self.travel.ordinal(rng)
            end = 0
            if rng.random() < 0.6:
                end = min(start + rng.randint(0, 6), UNTIL)
            partner_refs = ""
            if rng.random() < 0.25:
                refs = {skewed_index(rng, partners) + 1 for _ in range(rng.randint(1, 2))}
                partner_refs = ";".join(f"P{ref:06d}" for ref in sorted(refs))
            city_leaders = rng.random() < (0.5 if level in HIGH_LEVELS else 0.06)
            if inbound:
                title = f"Đoàn {place_name(rng, countries[0])} ({countries[0]}) thăm Đà Nẵng"
            else:
                title = f"Đoàn công tác của thành phố tại {', '.join(countries)}"
            members = "" if rng.random() < 0.1 else str(1 + int(rng.expovariate(1 / 8)))
            yield (
                f"D{i:07d}",
                "inbound" if inbound else "outbound",
                title,
                person(rng) if rng.random() < 0.7 else "",
                rng.choice(HEAD_TITLES) if rng.random() < 0.6 else "",
                level,
                ";".join(countries),
                partner_refs,
                iso(start),
                iso(end),
                members,
                self.purpose(rng),
                "yes" if city_leaders else "no",
                rng.choice(HOST_UNITS),
                "Thống nhất các nội dung hợp tác." if rng.random() < 0.15 else "",
            )

    def events(self):
        rng = self.rng
        for i in range(1, self.counts["events"] + 1):
            kind = self.event_kind(rng)
            start = self.travel.ordinal(rng)
            end = min(start + rng.randint(0, 5), UNTIL) if rng.random() < 0.7 else 0
            countries = self.partner_country.distinct(rng, rng.choice([0, 1, 2, 3, 5, 8]))
            participants = "" if rng.random() < 0.3 else str(20 + int(rng.expovariate(1 / 300)))
            yield (
                f"E{i:06d}",
                f"{EVENT_NAMES[kind]} Đà Nẵng {dt.date.fromordinal(start).year} số {i}",
                kind,
                iso(start),
                iso(end),
                ";".join(countries),
                participants,
            )

    def fdi_projects(self, projects):
        rng = self.rng
        for i in range(self.counts["fdi_projects"]):
            country = self.investor_country(rng)
            sector = self.sector(rng)
            certified = self.recent.ordinal(rng)
            terminated = 0
            if rng.random() < 0.15 and UNTIL - certified > 90:
                terminated = between(rng, certified + 60, UNTIL)
            # Median USD 1.5 million, a long tail of large projects (a few over USD 1 billion).
            capital = round(lognormal_usd(rng, 1_500_000, 1.5, low=10_000.0), 2)
            projects.add(i, certified, (terminated - 1) if terminated else UNTIL, capital)
            yield (
                project_ref(i),
                f"Dự án {sector.replace('_', ' ')} {place_name(rng, country)}",
                company(rng),
                country,
                sector,
                rng.choice(LOCATIONS),
                iso(certified),
                money(capital),
                iso(terminated),
            )

    def capital_changes(self, projects):
        """Exactly the scaled number of changes, spread over the projects by their activity and
        the days they have: each project's share drawn in turn (a binomial of what is left), so
        the total is exact without keeping the rows; dates distinct within a project."""
        rng = self.rng
        left = self.counts["fdi_capital_changes"]
        weights = array.array("d", (0.0 for _ in range(projects.count)))
        for i in range(projects.count):
            days = projects.days(i)
            if days > 0:
                weights[i] = days * math.exp(rng.gauss(0, 1.2))
        weight_left = math.fsum(weights)
        # The project with the most days goes last: it takes whatever remains.
        last = max(range(projects.count), key=projects.days)
        order = itertools.chain((i for i in range(projects.count) if i != last), [last])
        for i in order:
            if left == 0:
                break
            weight = weights[i]
            if weight <= 0:
                continue
            share = 1.0 if i == last else min(1.0, weight / weight_left)
            weight_left -= weight
            k = min(rng.binomialvariate(left, share), projects.days(i))
            left -= k
            certified = projects.certified[i]
            capital = projects.capital[i]
            for offset in sorted(rng.sample(range(projects.days(i)), k)):
                if rng.random() < 0.2 and capital >= 1_000:
                    amount = -round(capital * rng.uniform(0.02, 0.3), 2)
                else:
                    amount = round(max(capital, 100_000) * rng.uniform(0.05, 1.2), 2)
                yield (project_ref(i), iso(certified + offset), money(amount))
        if left:
            raise RuntimeError(f"{left} capital changes found no day; lower their number")

    def contributions(self):
        rng = self.rng
        for i in range(1, self.counts["fdi_contributions"] + 1):
            yield (
                f"GV{i:06d}",
                company(rng),
                self.investor_country(rng),
                f"{rng.choice(VN_COMPANY)} {rng.choice(VN_COMPANY_WORDS)} {i}",
                iso(self.recent.ordinal(rng)),
                money(round(lognormal_usd(rng, 400_000, 1.3, low=1_000.0), 2)),
            )

    def statistics(self):
        """One figure per indicator and year, as the city publishes them (not scaled)."""
        source = "Cục Thống kê thành phố Đà Nẵng"
        for year in YEARS:
            n = year - YEARS[0]
            dip = PANDEMIC.get(year, 1)
            figures = {
                "exports_usd": 0.55e9 * 1.11**n,
                "imports_usd": 0.5e9 * 1.10**n,
                "visitors_total": round(2.1e6 * 1.11**n * dip),
                "visitors_international": round(0.35e6 * 1.14**n * dip**1.5),
                "aid_committed_usd": 30e6 + 2.5e6 * n,
                "aid_disbursed_usd": 22e6 + 2e6 * n,
            }
            for indicator, value in figures.items():
                if year == DATA_UNTIL.year and indicator.startswith("aid"):
                    continue  # not published yet
                if indicator == "aid_disbursed_usd" and year == 2013:
                    continue  # a year nobody entered
                text = str(value) if isinstance(value, int) else money(value)
                yield (indicator, year, text, source)


HIGH_LEVELS = {"head_of_state", "head_of_government", "royal", "parliament_leader", "minister"}


def project_ref(index):
    """An IRC-like number: 10 digits, Da Nang's prefix."""
    return f"32{index + 1:08d}"


class ProjectMemory:
    """Per project: day of certification, last day a capital change may have, capital."""

    def __init__(self, count):
        self.count = count
        self.certified = array.array("l", bytes(8 * count))
        self.last_day = array.array("l", bytes(8 * count))
        self.capital = array.array("d", bytes(8 * count))

    def add(self, index, certified, last_day, capital):
        self.certified[index] = certified
        self.last_day[index] = last_day
        self.capital[index] = capital

    def days(self, index):
        return self.last_day[index] - self.certified[index] + 1


def make_dataset(*, scale, out, seed=SEED):
    """Write the dataset of `scale` into the folder `out`; returns its manifest."""
    return Generator(scale=scale, out=out, seed=seed).run()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=0.01, help="1.0 = 1.54 million rows")
    parser.add_argument("--out", required=True, help="folder for the CSV files")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args()
    if args.scale <= 0:
        parser.error("--scale must be positive")
    manifest = make_dataset(scale=args.scale, out=args.out, seed=args.seed)
    print(json.dumps(manifest, indent=2))


if __name__ == "__main__":
    main()
