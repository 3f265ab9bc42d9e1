"""Deterministic demo data that looks like the city's real foreign-affairs work.

`load_demo(seed=...)` fills an empty database with partners, agreements, delegations, events, FDI
projects and official statistics. Everything random comes from one `random.Random(seed)`, so the
same seed always gives the same rows. Whatever the seed, the data reproduces the figures the city
reports (see `/work/shared/docs/domain.md`), computed under the definitions of
`data-contract.md`, section 2:

* 60 partner localities active at the end of 2025, in 24 countries; Daegu, Genova, Thuringia and
  the four Korean district-level partners among them;
* 120-125 agreements signed by the end of 2025, exactly 10 of them in 2025;
* about 100 inbound delegations a year received by the city's leaders in 2024 and 2025, at least
  2,600 inbound delegations in 2025 and 5,100-5,199 in 2011-2020;
* 12 promotion missions led by the city's leaders in 2024 and 8 investment promotion events;
* FDI attracted USD 213-214 million in 2024 (Dentium's ICT VINA III: 177 million) and
  520-530 million in 2025; 1,263-1,300 valid projects at the end of 2025 worth 10.9-11.5 billion;
* exports, visitors and foreign aid entered as statistics, one year left out on purpose.

The figures hold by construction (fixed counts per year, sums split exactly), not by luck of the
seed; `tests/dashboard/test_demo_data.py` checks each one through the model QuerySets.

Names of people are made up; heads of state, royals and ministers carry a title only. Rows are
written with `bulk_create` (no django-simple-history entries, which a demo does not need).
"""

import calendar
import datetime as dt
import random
from decimal import Decimal

from django.db import transaction

from agreements.models import Agreement, ImplementationEntry
from agreements.partner_columns import refresh_partner_columns
from danang_intl.search import SEARCHED_ATTRIBUTES, search_text_for
from dashboard.cache import bump_data_version
from dashboard.models import StatisticsEntry
from delegations.models import Delegation, HostedEvent
from investment.models import CapitalChange, CapitalContribution, FdiProject
from partners.models import CooperationField, Partner, PartnerContact


def _table(text):
    """The rows of a `|`-separated table as tuples of strings ("" for an empty cell).

    The first line names the columns; `#` lines are comments. Hand-written data sets read best
    one row per line, which the formatter leaves alone in a string.
    """
    lines = [line for line in text.strip().splitlines() if not line.startswith("#")]
    width = len(lines[0].split("|"))
    rows = []
    for line in lines[1:]:
        cells = [cell.strip() for cell in line.split("|")]
        rows.append(tuple(cells + [""] * (width - len(cells))))
    return rows


DEFAULT_SEED = 20251231

# The demo's "today". A fixed day rather than timezone.localdate(): the same seed must give the
# same rows whenever it is loaded, and nothing may be dated after the day the data stops.
DATA_UNTIL = dt.date(2026, 11, 23)
END_2025 = dt.date(2025, 12, 31)
BATCH_SIZE = 1000

L = Partner.Level
R = Partner.Relationship
K = Partner.Kind
AK = Agreement.Kind
DL = Delegation.Level
DP = Delegation.Purpose
EK = HostedEvent.Kind
S = FdiProject.Sector

# Vietnamese names of the countries the demo uses.
COUNTRY_VI = {
    "AE": "UAE",
    "AT": "Áo",
    "AU": "Australia",
    "BE": "Bỉ",
    "BN": "Brunei",
    "CA": "Canada",
    "CH": "Thụy Sĩ",
    "CL": "Chile",
    "CN": "Trung Quốc",
    "CU": "Cuba",
    "CZ": "Séc",
    "DE": "Đức",
    "DK": "Đan Mạch",
    "ES": "Tây Ban Nha",
    "FI": "Phần Lan",
    "FR": "Pháp",
    "GB": "Vương quốc Anh",
    "HK": "Hồng Kông (Trung Quốc)",
    "HU": "Hungary",
    "ID": "Indonesia",
    "IL": "Israel",
    "IN": "Ấn Độ",
    "IT": "Ý",
    "JP": "Nhật Bản",
    "KH": "Campuchia",
    "KR": "Hàn Quốc",
    "KZ": "Kazakhstan",
    "LA": "Lào",
    "MM": "Myanmar",
    "MN": "Mông Cổ",
    "MX": "Mexico",
    "MY": "Malaysia",
    "NL": "Hà Lan",
    "NO": "Na Uy",
    "NZ": "New Zealand",
    "PE": "Peru",
    "PG": "Papua New Guinea",
    "PH": "Philippines",
    "PL": "Ba Lan",
    "RU": "Liên bang Nga",
    "SE": "Thụy Điển",
    "SG": "Singapore",
    "TH": "Thái Lan",
    "TW": "Đài Loan (Trung Quốc)",
    "US": "Hoa Kỳ",
}

# --- Partners -----------------------------------------------------------------------------------

# Partner localities. Dates are fixed by hand, not drawn: the count of active localities and of
# their countries are the city's headline figures. `danang_unit` blank means the city itself.
LOCALITIES = _table("""
ref | name | name_local | name_vi | country | level | relationship | established_on | ended_on | danang_unit | fields
KR-DAEGU | Daegu | 대구광역시 | Thành phố Daegu | KR | city | friendship_cooperation | 2009-11-18 |  |  | economy_trade investment information_technology education_training
KR-GYEONGBUK | Gyeongsangbuk-do | 경상북도 | Tỉnh Gyeongsangbuk | KR | province | friendship_cooperation | 2011-06-20 |  |  | economy_trade culture_sport agriculture
KR-GWANGJU | Gwangju | 광주광역시 | Thành phố Gwangju | KR | city | cooperation | 2013-04-08 |  |  | culture_sport education_training
KR-GOYANG | Goyang | 고양시 | Thành phố Goyang | KR | city | friendship_cooperation | 2014-12-05 |  |  | tourism urban_development
KR-GANGWON | Gangwon | 강원특별자치도 | Tỉnh Gangwon | KR | province | cooperation | 2015-08-27 |  |  | tourism culture_sport
KR-ULSAN | Ulsan | 울산광역시 | Thành phố Ulsan | KR | city | cooperation | 2016-09-21 |  |  | economy_trade labour_human_resources
KR-INCHEON | Incheon | 인천광역시 | Thành phố Incheon | KR | city | cooperation | 2018-05-16 |  |  | urban_development information_technology logistics
KR-POHANG | Pohang | 포항시 | Thành phố Pohang | KR | city | cooperation | 2019-10-14 |  |  | economy_trade environment_climate
KR-BUSAN | Busan | 부산광역시 | Thành phố Busan | KR | city | cooperation | 2022-11-09 |  |  | tourism economy_trade
KR-YEONGYANG | Yeongyang County | 영양군 | Huyện Yeongyang | KR | district | friendship_cooperation | 2016-04-12 |  | Huyện Hòa Vang | agriculture culture_sport
KR-BONGHWA | Bonghwa County | 봉화군 | Huyện Bonghwa | KR | district | friendship_cooperation | 2019-05-23 |  | Huyện Hòa Vang | agriculture labour_human_resources
KR-GURYE | Gurye County | 구례군 | Huyện Gurye | KR | district | friendship_cooperation | 2017-10-30 |  | Quận Sơn Trà | tourism culture_sport
KR-UIWANG | Uiwang | 의왕시 | Thành phố Uiwang | KR | district | friendship_cooperation | 2018-08-07 |  | Quận Hải Châu | culture_sport education_training
JP-SAKAI | Sakai | 堺市 | Thành phố Sakai | JP | city | friendship_cooperation | 2012-03-26 |  |  | culture_sport education_training tourism
JP-YOKOHAMA | Yokohama | 横浜市 | Thành phố Yokohama | JP | city | cooperation | 2013-04-11 |  |  | urban_development environment_climate
JP-KITAKYUSHU | Kitakyushu | 北九州市 | Thành phố Kitakyushu | JP | city | cooperation | 2015-02-19 |  |  | environment_climate urban_development
JP-KUMAMOTO | Kumamoto Prefecture | 熊本県 | Tỉnh Kumamoto | JP | province | cooperation | 2018-07-25 |  |  | agriculture labour_human_resources
JP-MIE | Mie Prefecture | 三重県 | Tỉnh Mie | JP | province | cooperation | 2019-11-06 |  |  | economy_trade tourism
JP-HIROSHIMA | Hiroshima Prefecture | 広島県 | Tỉnh Hiroshima | JP | province | cooperation | 2023-08-17 |  |  | science_technology investment
CN-SHANDONG | Shandong | 山东省 | Tỉnh Sơn Đông | CN | province | friendship_cooperation | 2006-09-12 |  |  | economy_trade culture_sport
CN-HAINAN | Hainan | 海南省 | Tỉnh Hải Nam | CN | province | cooperation | 2008-03-17 |  |  | tourism agriculture
CN-GUANGXI | Guangxi Zhuang Autonomous Region | 广西壮族自治区 | Khu tự trị dân tộc Choang Quảng Tây | CN | province | cooperation | 2010-05-20 |  |  | economy_trade logistics
CN-KUNMING | Kunming | 昆明市 | Thành phố Côn Minh | CN | city | cooperation | 2011-11-24 |  |  | tourism culture_sport
CN-GUANGZHOU | Guangzhou | 广州市 | Thành phố Quảng Châu | CN | city | cooperation | 2017-06-08 |  |  | economy_trade investment
US-OAKLAND | Oakland | Oakland | Thành phố Oakland | US | city | cooperation | 2009-10-13 |  |  | education_training culture_sport
US-PITTSBURGH | Pittsburgh | Pittsburgh | Thành phố Pittsburgh | US | city | sister_city | 2017-06-22 |  |  | education_training health science_technology
US-HAWAII | Hawaii | State of Hawaiʻi | Bang Hawaii | US | province | cooperation | 2022-04-18 |  |  | tourism environment_climate
RU-PRIMORSKY | Primorsky Krai | Приморский край | Vùng Primorsky | RU | province | cooperation | 2012-08-09 |  |  | economy_trade tourism
RU-VLADIVOSTOK | Vladivostok | Владивосток | Thành phố Vladivostok | RU | city | friendship_cooperation | 2014-05-15 |  |  | tourism culture_sport
RU-KAZAN | Kazan | Казань | Thành phố Kazan | RU | city | cooperation | 2019-03-28 |  |  | education_training culture_sport
FR-NANCY | Nancy | Métropole du Grand Nancy | Thành phố Nancy | FR | city | cooperation | 2011-09-30 |  |  | education_training health
FR-GRANDEST | Grand Est | Région Grand Est | Vùng Grand Est | FR | province | cooperation | 2018-11-22 |  |  | economy_trade science_technology
DE-POTSDAM | Potsdam | Potsdam | Thành phố Potsdam | DE | city | cooperation | 2016-11-03 |  |  | urban_development culture_sport
DE-THURINGIA | Thuringia | Freistaat Thüringen | Bang Thuringia | DE | province | cooperation | 2018-06-14 |  |  | labour_human_resources science_technology investment
IT-VITERBO | Viterbo | Viterbo | Thành phố Viterbo | IT | city | cooperation | 2019-09-19 | 2026-06-30 |  | culture_sport tourism
IT-GENOVA | Genova | Genova | Thành phố Genova | IT | city | friendship_cooperation | 2025-07-04 |  |  | economy_trade logistics tourism culture_sport
LA-SAVANNAKHET | Savannakhet | ແຂວງສະຫວັນນະເຂດ | Tỉnh Savannakhet | LA | province | sister_city | 1997-08-14 |  |  | economy_trade education_training health
LA-CHAMPASAK | Champasak | ແຂວງຈຳປາສັກ | Tỉnh Champasak | LA | province | friendship_cooperation | 1998-10-05 |  |  | education_training agriculture
LA-SALAVAN | Salavan | ແຂວງສາລະວັນ | Tỉnh Salavan | LA | province | friendship_cooperation | 2001-03-15 |  |  | education_training security_defence
LA-SEKONG | Sekong | ແຂວງເຊກອງ | Tỉnh Sê Kông | LA | province | friendship_cooperation | 2004-06-10 |  | Tỉnh Quảng Nam (cũ) | agriculture education_training security_defence
LA-VIENTIANE | Vientiane Capital | ນະຄອນຫຼວງວຽງຈັນ | Thủ đô Viêng Chăn | LA | city | friendship_cooperation | 2011-12-02 |  |  | economy_trade urban_development
LA-LUANGPRABANG | Luang Prabang | ແຂວງຫຼວງພະບາງ | Tỉnh Luang Prabang | LA | province | cooperation | 2016-02-25 |  |  | tourism culture_sport
KH-SIEMREAP | Siem Reap | ខេត្តសៀមរាប | Tỉnh Siem Reap | KH | province | cooperation | 2007-12-11 |  |  | tourism culture_sport
KH-SIHANOUK | Preah Sihanouk | ខេត្តព្រះសីហនុ | Tỉnh Preah Sihanouk | KH | province | cooperation | 2017-03-09 |  |  | economy_trade logistics
TH-KHONKAEN | Khon Kaen | จังหวัดขอนแก่น | Tỉnh Khon Kaen | TH | province | friendship_cooperation | 2008-07-17 |  |  | economy_trade education_training
TH-MUKDAHAN | Mukdahan | จังหวัดมุกดาหาร | Tỉnh Mukdahan | TH | province | cooperation | 2012-12-06 |  |  | logistics economy_trade
MY-PENANG | Penang | Pulau Pinang | Bang Penang | MY | province | cooperation | 2013-10-24 |  |  | information_technology tourism
MY-MELAKA | Melaka | Melaka | Bang Melaka | MY | province | cooperation | 2015-06-18 |  |  | tourism culture_sport
ID-SURABAYA | Surabaya | Kota Surabaya | Thành phố Surabaya | ID | city | cooperation | 2014-08-21 |  |  | urban_development environment_climate
PH-CEBU | Cebu | Lalawigan sa Sugbo | Tỉnh Cebu | PH | province | cooperation | 2016-10-13 |  |  | tourism information_technology
AU-DARWIN | Darwin | City of Darwin | Thành phố Darwin | AU | city | cooperation | 2012-05-03 |  |  | education_training agriculture
NZ-CHRISTCHURCH | Christchurch | Ōtautahi | Thành phố Christchurch | NZ | city | cooperation | 2018-03-29 |  |  | education_training environment_climate
KZ-ALMATY | Almaty | Алматы | Thành phố Almaty | KZ | city | friendship_cooperation | 2025-05-22 |  |  | tourism economy_trade
BE-LIEGE | Liège | Province de Liège | Tỉnh Liège | BE | province | cooperation | 2014-04-17 |  |  | health education_training
MN-ULAANBAATAR | Ulaanbaatar | Улаанбаатар | Thủ đô Ulaanbaatar | MN | city | friendship_cooperation | 2015-09-10 |  |  | tourism culture_sport
SE-VASTRAGOTALAND | Västra Götaland | Västra Götalandsregionen | Vùng Västra Götaland | SE | province | cooperation | 2013-11-14 |  |  | environment_climate health
NL-EINDHOVEN | Eindhoven | Eindhoven | Thành phố Eindhoven | NL | city | cooperation | 2017-11-28 |  |  | science_technology information_technology
HU-SZEGED | Szeged | Szeged | Thành phố Szeged | HU | city | friendship_cooperation | 2012-09-27 |  |  | education_training health
CU-SANTIAGO | Santiago de Cuba | Santiago de Cuba | Tỉnh Santiago de Cuba | CU | province | sister_city | 2003-07-26 |  |  | health culture_sport
IN-GOA | Goa | गोंय | Bang Goa | IN | province | cooperation | 2019-02-21 |  |  | tourism health
# Relationships that ended before 2025: they count for the years they were alive.
US-TACOMA | Tacoma | Tacoma | Thành phố Tacoma | US | city | sister_city | 2001-05-10 | 2016-06-30 |  | education_training
FR-LEHAVRE | Le Havre | Le Havre | Thành phố Le Havre | FR | city | cooperation | 2006-11-14 | 2018-12-31 |  | logistics urban_development
FI-OULU | Oulu | Oulu | Thành phố Oulu | FI | city | cooperation | 2010-09-01 | 2020-12-31 |  | information_technology education_training
TH-PHUKET | Phuket | จังหวัดภูเก็ต | Tỉnh Phuket | TH | province | cooperation | 2012-02-20 | 2023-09-30 |  | tourism
# Established in 2026: active now, not at the end of 2025.
DE-BAVARIA | Bavaria | Freistaat Bayern | Bang Bavaria | DE | province | cooperation | 2026-03-18 |  |  | science_technology labour_human_resources
TH-CHIANGMAI | Chiang Mai | จังหวัดเชียงใหม่ | Tỉnh Chiang Mai | TH | province | cooperation | 2026-09-05 |  |  | tourism culture_sport
# Prospective: being negotiated, no relationship yet.
AU-PERTH | Perth | City of Perth | Thành phố Perth | AU | city | cooperation |  |  |  | education_training tourism
AE-DUBAI | Dubai | دبي | Tiểu vương quốc Dubai | AE | city | cooperation |  |  |  | investment logistics
CH-ZURICH | Canton of Zürich | Kanton Zürich | Bang Zürich | CH | province | cooperation |  |  |  | science_technology investment
ES-BARCELONA | Barcelona | Barcelona | Thành phố Barcelona | ES | city | cooperation |  |  |  | urban_development information_technology
""")  # noqa: E501

# Organisations, networks, universities, missions and firms: never counted in partners_active.
ORGANISATIONS = _table("""
ref | kind | name | name_local | name_vi | country | established_on | fields | notes
NET-CITYNET | network | CITYNET | CITYNET | Mạng lưới các thành phố khu vực châu Á - Thái Bình Dương (CITYNET) |  | 2006-04-20 | urban_development environment_climate |
NET-PNLG | network | PEMSEA Network of Local Governments (PNLG) | PNLG | Mạng lưới chính quyền địa phương về phát triển bền vững vùng bờ Đông Á (PNLG) |  | 2006-07-12 | environment_climate | Đà Nẵng giữ vai trò Chủ tịch PNLG nhiệm kỳ 2022-2025.
NET-APCS | network | Asia Pacific Cities Summit (APCS) | APCS | Hội nghị Thượng đỉnh các thành phố châu Á - Thái Bình Dương (APCS) |  | 2011-09-07 | urban_development economy_trade |
NET-ASCN | network | ASEAN Smart Cities Network | ASCN | Mạng lưới thành phố thông minh ASEAN |  | 2018-04-28 | information_technology urban_development |
ORG-JICA | organization | Japan International Cooperation Agency | 国際協力機構 | Cơ quan Hợp tác quốc tế Nhật Bản (JICA) | JP | 2008-02-14 | urban_development environment_climate |
ORG-KOICA | organization | Korea International Cooperation Agency | 한국국제협력단 | Cơ quan Hợp tác quốc tế Hàn Quốc (KOICA) | KR | 2010-06-03 | health education_training |
ORG-AFD | organization | Agence française de développement | Agence française de développement | Cơ quan Phát triển Pháp (AFD) | FR | 2013-05-16 | urban_development environment_climate |
ORG-UNDP | organization | United Nations Development Programme | UNDP | Chương trình Phát triển Liên hợp quốc (UNDP) |  | 2012-10-18 | environment_climate |
ORG-ADB | organization | Asian Development Bank | ADB | Ngân hàng Phát triển châu Á (ADB) |  | 2009-08-27 | urban_development |
UNI-KNU | university | Kyungpook National University | 경북대학교 | Đại học Quốc gia Kyungpook | KR | 2014-03-20 | education_training science_technology |
UNI-KMU | university | Keimyung University | 계명대학교 | Đại học Keimyung | KR | 2016-05-12 | education_training |
UNI-SAGA | university | Saga University | 佐賀大学 | Đại học Saga | JP | 2017-09-14 | education_training health |
UNI-LORRAINE | university | Université de Lorraine | Université de Lorraine | Đại học Lorraine | FR | 2015-10-08 | education_training science_technology |
UNI-WSU | university | Western Sydney University | Western Sydney University | Đại học Tây Sydney | AU | 2019-06-06 | education_training |
DM-KR-CG | diplomatic_mission | Consulate General of the Republic of Korea in Da Nang | 주다낭 대한민국 총영사관 | Tổng Lãnh sự quán Hàn Quốc tại Đà Nẵng | KR | 2012-08-16 | economy_trade tourism |
DM-RU-CG | diplomatic_mission | Consulate General of the Russian Federation in Da Nang | Генеральное консульство России в Дананге | Tổng Lãnh sự quán Liên bang Nga tại Đà Nẵng | RU | 2010-04-01 | tourism culture_sport |
DM-LA-CG | diplomatic_mission | Consulate General of the Lao PDR in Da Nang | ສະຖານກົງສຸນໃຫຍ່ ສປປ ລາວ ປະຈຳດານັງ | Tổng Lãnh sự quán Lào tại Đà Nẵng | LA | 2004-11-22 | education_training security_defence |
DM-US-EMB | diplomatic_mission | Embassy of the United States in Hanoi | U.S. Embassy Hanoi | Đại sứ quán Hoa Kỳ tại Việt Nam | US | 2015-01-15 | education_training economy_trade |
DM-IT-EMB | diplomatic_mission | Embassy of Italy in Hanoi | Ambasciata d'Italia ad Hanoi | Đại sứ quán Ý tại Việt Nam | IT | 2023-03-09 | culture_sport economy_trade |
ENT-DENTIUM | enterprise | Dentium Co., Ltd. | (주)덴티움 | Công ty TNHH Dentium | KR | 2019-04-11 | investment health |
NGO-TAF | ngo | The Asia Foundation | The Asia Foundation | Quỹ Châu Á | US | 2014-07-24 | environment_climate health |
""")  # noqa: E501

# People the office deals with at some partners (made-up names, in their own scripts).
CONTACTS = _table("""
partner | name | role | mailbox
KR-DAEGU | 김민준 | 국제통상과 팀장 (Trưởng nhóm Thương mại quốc tế) | minjun.kim
KR-DAEGU | 이서연 | 국제협력담당 (Chuyên viên hợp tác quốc tế) | seoyeon.lee
KR-YEONGYANG | 박지훈 | 행정지원과장 | jihoon.park
KR-GURYE | 최윤서 | 문화관광과 주무관 | yunseo.choi
KR-UIWANG | 정하은 | 국제교류팀장 | haeun.jung
JP-SAKAI | 佐藤 健 | 国際部長 (Trưởng ban Quốc tế) | k.sato
JP-YOKOHAMA | 鈴木 美咲 | 国際局 担当課長 | m.suzuki
CN-SHANDONG | 王伟 | 外事办公室处长 | wang.wei
CN-GUANGXI | 李娜 | 外事办公室副处长 | li.na
LA-SAVANNAKHET | ສົມພອນ ພົມມະວົງ | ຫົວໜ້າພະແນກການຕ່າງປະເທດ (Giám đốc Sở Ngoại vụ) | somphone
LA-SEKONG | ບຸນມີ ແກ້ວມະນີ | ຮອງຫົວໜ້າພະແນກການຕ່າງປະເທດ | bounmy
DE-THURINGIA | Katrin Hoffmann | Referentin Internationale Zusammenarbeit | k.hoffmann
IT-GENOVA | Giulia Ferrari | Relazioni internazionali | g.ferrari
FR-GRANDEST | Camille Laurent | Chargée de mission Asie | c.laurent
KZ-ALMATY | Айгерим Сапарова | Главный специалист по международным связям | a.saparova
US-PITTSBURGH | Emily Carter | Sister Cities Program Manager | e.carter
NET-CITYNET | Ana Reyes | Programme Officer | a.reyes
NET-PNLG | Maria Santos | PNLG Secretariat | m.santos
ORG-JICA | 田中 翔太 | 所員 (Cán bộ chương trình) | s.tanaka
ORG-KOICA | 한지민 | Country Office Program Manager | jimin.han
DM-KR-CG | 윤서준 | 영사 (Lãnh sự) | seojun.yoon
DM-LA-CG | ແສງເດືອນ ສີສຸວັນ | ກົງສຸນ (Lãnh sự) | sengdeuane
UNI-KNU | 강도윤 | 국제교류처 팀장 | doyun.kang
""")  # noqa: E501

# --- Agreements ---------------------------------------------------------------------------------

# Agreements signed by the end of 2025 (data contract: agreements_cumulative); exactly 10 of
# them in 2025 (six below, Sekong, Yokohama and the founding MoUs of Genova and Almaty).
AGREEMENTS_SIGNED_BY_END_2025 = 122

# Agreements written by hand; the founding agreement of each locality is made from LOCALITIES
# and the rest are drawn. `renews` names the ref of the agreement this one renews.
PLANNED_AGREEMENTS = _table("""
ref | partners | kind | title | signed_on | expires_on | renews | danang_signatory | responsible_unit | fields
# Five-year agreements with the Lao provinces, each renewing the one before.
TT-LA-SVK-2011 | LA-SAVANNAKHET | cooperation_agreement | Thỏa thuận hợp tác giai đoạn 2011-2015 giữa thành phố Đà Nẵng và tỉnh Savannakhet (Lào) | 2011-01-18 | 2015-12-31 |  | UBND thành phố Đà Nẵng | Sở Ngoại vụ | education_training health economy_trade
TT-LA-SVK-2016 | LA-SAVANNAKHET | cooperation_agreement | Thỏa thuận hợp tác giai đoạn 2016-2020 giữa thành phố Đà Nẵng và tỉnh Savannakhet (Lào) | 2016-01-22 | 2020-12-31 | TT-LA-SVK-2011 | UBND thành phố Đà Nẵng | Sở Ngoại vụ | education_training health economy_trade
TT-LA-SVK-2021 | LA-SAVANNAKHET | cooperation_agreement | Thỏa thuận hợp tác giai đoạn 2021-2025 giữa thành phố Đà Nẵng và tỉnh Savannakhet (Lào) | 2021-03-25 | 2025-12-31 | TT-LA-SVK-2016 | UBND thành phố Đà Nẵng | Sở Ngoại vụ | education_training health economy_trade
TT-LA-SVK-2026 | LA-SAVANNAKHET | cooperation_agreement | Thỏa thuận hợp tác giai đoạn 2026-2030 giữa thành phố Đà Nẵng và tỉnh Savannakhet (Lào) | 2026-01-20 | 2030-12-31 | TT-LA-SVK-2021 | UBND thành phố Đà Nẵng | Sở Ngoại vụ | education_training health economy_trade
TT-LA-CPS-2016 | LA-CHAMPASAK | cooperation_agreement | Thỏa thuận hợp tác giai đoạn 2016-2020 giữa thành phố Đà Nẵng và tỉnh Champasak (Lào) | 2016-03-10 | 2020-12-31 |  | UBND thành phố Đà Nẵng | Sở Ngoại vụ | education_training agriculture
TT-LA-CPS-2021 | LA-CHAMPASAK | cooperation_agreement | Thỏa thuận hợp tác giai đoạn 2021-2025 giữa thành phố Đà Nẵng và tỉnh Champasak (Lào) | 2021-11-16 | 2025-12-31 | TT-LA-CPS-2016 | UBND thành phố Đà Nẵng | Sở Ngoại vụ | education_training agriculture
TT-LA-CPS-2026 | LA-CHAMPASAK | cooperation_agreement | Thỏa thuận hợp tác giai đoạn 2026-2030 giữa thành phố Đà Nẵng và tỉnh Champasak (Lào) | 2026-02-26 | 2030-12-31 | TT-LA-CPS-2021 | UBND thành phố Đà Nẵng | Sở Ngoại vụ | education_training agriculture
# Sekong was a partner of Quang Nam; after the 2025 merger Da Nang signs the next period.
TT-LA-SEK-2015 | LA-SEKONG | cooperation_agreement | Thỏa thuận hợp tác giai đoạn 2015-2019 giữa tỉnh Quảng Nam và tỉnh Sê Kông (Lào) | 2015-04-08 | 2019-12-31 |  | UBND tỉnh Quảng Nam | Sở Ngoại vụ tỉnh Quảng Nam | agriculture education_training security_defence
TT-LA-SEK-2020 | LA-SEKONG | cooperation_agreement | Thỏa thuận hợp tác giai đoạn 2020-2024 giữa tỉnh Quảng Nam và tỉnh Sê Kông (Lào) | 2020-01-09 | 2024-12-31 | TT-LA-SEK-2015 | UBND tỉnh Quảng Nam | Sở Ngoại vụ tỉnh Quảng Nam | agriculture education_training security_defence
TT-LA-SEK-2025 | LA-SEKONG | cooperation_agreement | Thỏa thuận hợp tác giai đoạn 2025-2030 giữa thành phố Đà Nẵng và tỉnh Sê Kông (Lào) | 2025-10-14 | 2030-12-31 | TT-LA-SEK-2020 | UBND thành phố Đà Nẵng | Sở Ngoại vụ | agriculture education_training security_defence
# Yokohama: an urban development MoU that lapsed in 2024 and was renewed in 2025.
TT-JP-YKH-2019 | JP-YOKOHAMA | mou | Biên bản ghi nhớ hợp tác phát triển đô thị bền vững giữa thành phố Đà Nẵng và thành phố Yokohama (Nhật Bản) | 2019-06-27 | 2024-06-30 |  | UBND thành phố Đà Nẵng | Sở Xây dựng | urban_development environment_climate
TT-JP-YKH-2025 | JP-YOKOHAMA | mou | Biên bản ghi nhớ hợp tác phát triển đô thị bền vững giữa thành phố Đà Nẵng và thành phố Yokohama (Nhật Bản), giai đoạn 2025-2030 | 2025-03-19 | 2030-03-18 | TT-JP-YKH-2019 | UBND thành phố Đà Nẵng | Sở Xây dựng | urban_development environment_climate
# 2024: enhanced cooperation with Daegu and Thuringia.
TT-KR-DAEGU-2024 | KR-DAEGU | mou | Biên bản ghi nhớ về tăng cường hợp tác giữa thành phố Đà Nẵng và thành phố Daegu (Hàn Quốc) | 2024-10-17 |  |  | UBND thành phố Đà Nẵng | Sở Ngoại vụ | information_technology investment economy_trade
TT-DE-THU-2024 | DE-THURINGIA | mou | Tuyên bố chung về tăng cường hợp tác giữa thành phố Đà Nẵng và bang Thuringia (Đức) | 2024-05-23 |  |  | UBND thành phố Đà Nẵng | Sở Nội vụ | labour_human_resources science_technology
# 2025: with the founding MoUs of Genova and Almaty, ten in all.
TT-KR-ICN-2025 | KR-INCHEON | mou | Biên bản ghi nhớ hợp tác về đô thị thông minh giữa thành phố Đà Nẵng và thành phố Incheon (Hàn Quốc) | 2025-04-24 | 2028-04-23 |  | UBND thành phố Đà Nẵng | Sở Khoa học và Công nghệ | information_technology urban_development
TT-KR-KNU-2025 | UNI-KNU | mou | Biên bản ghi nhớ hợp tác đào tạo nhân lực vi mạch bán dẫn với Đại học Quốc gia Kyungpook (Hàn Quốc) | 2025-08-12 | 2030-08-11 |  | Đại học Đà Nẵng | Đại học Đà Nẵng | education_training science_technology
TT-FR-GE-2025 | FR-GRANDEST | action_programme | Chương trình hành động hợp tác giai đoạn 2025-2028 giữa thành phố Đà Nẵng và vùng Grand Est (Pháp) | 2025-06-05 | 2028-12-31 |  | UBND thành phố Đà Nẵng | Sở Ngoại vụ | economy_trade science_technology
TT-FR-LOR-2025 | UNI-LORRAINE | mou | Biên bản ghi nhớ hợp tác nghiên cứu và đào tạo với Đại học Lorraine (Pháp) | 2025-11-20 |  |  | Đại học Đà Nẵng | Đại học Đà Nẵng | education_training science_technology
TT-CN-GX-2025 | CN-GUANGXI | mou | Biên bản ghi nhớ tăng cường hợp tác kinh tế - thương mại giữa thành phố Đà Nẵng và Khu tự trị Quảng Tây (Trung Quốc) | 2025-09-18 |  |  | UBND thành phố Đà Nẵng | Sở Công Thương | economy_trade logistics
TT-AU-WSU-2025 | UNI-WSU | letter_of_intent | Thư ý định hợp tác đào tạo nguồn nhân lực chất lượng cao với Đại học Tây Sydney (Australia) | 2025-12-09 | 2027-12-08 |  | UBND thành phố Đà Nẵng | Sở Giáo dục và Đào tạo | education_training
# 2026, and four still being negotiated (no signing date).
TT-KR-DAEGU-2026 | KR-DAEGU | action_programme | Kế hoạch hành động hợp tác năm 2026-2027 giữa thành phố Đà Nẵng và thành phố Daegu (Hàn Quốc) | 2026-04-09 | 2027-12-31 |  | UBND thành phố Đà Nẵng | Sở Ngoại vụ | information_technology investment
TT-AU-PERTH | AU-PERTH | letter_of_intent | Thư ý định thiết lập quan hệ hợp tác giữa thành phố Đà Nẵng và thành phố Perth (Australia) |  |  |  | UBND thành phố Đà Nẵng | Sở Ngoại vụ | education_training tourism
TT-AE-DUBAI | AE-DUBAI | mou | Biên bản ghi nhớ hợp tác về trung tâm tài chính và logistics với Tiểu vương quốc Dubai (UAE) |  |  |  | UBND thành phố Đà Nẵng | Sở Tài chính | investment logistics
TT-CH-ZH | CH-ZURICH | mou | Biên bản ghi nhớ hợp tác về đổi mới sáng tạo với bang Zürich (Thụy Sĩ) |  |  |  | UBND thành phố Đà Nẵng | Sở Khoa học và Công nghệ | science_technology investment
TT-ES-BCN | ES-BARCELONA | mou | Biên bản ghi nhớ hợp tác phát triển đô thị thông minh với thành phố Barcelona (Tây Ban Nha) |  |  |  | UBND thành phố Đà Nẵng | Sở Xây dựng | urban_development information_technology
""")  # noqa: E501

# Topics for the other agreements: (field code, Vietnamese phrase, responsible unit).
AGREEMENT_TOPICS = [
    ("economy_trade", "xúc tiến thương mại", "Sở Công Thương"),
    ("investment", "xúc tiến đầu tư", "Trung tâm Xúc tiến đầu tư"),
    ("tourism", "phát triển du lịch", "Sở Du lịch"),
    ("education_training", "giáo dục và đào tạo", "Sở Giáo dục và Đào tạo"),
    ("health", "y tế và chăm sóc sức khỏe", "Sở Y tế"),
    ("culture_sport", "giao lưu văn hóa, thể thao", "Sở Văn hóa và Thể thao"),
    ("science_technology", "khoa học, công nghệ và đổi mới sáng tạo", "Sở Khoa học và Công nghệ"),
    ("information_technology", "công nghệ thông tin và chuyển đổi số", "Sở Khoa học và Công nghệ"),
    (
        "environment_climate",
        "bảo vệ môi trường và ứng phó biến đổi khí hậu",
        "Sở Nông nghiệp và Môi trường",
    ),
    ("urban_development", "quy hoạch và phát triển đô thị", "Sở Xây dựng"),
    ("agriculture", "nông nghiệp công nghệ cao", "Sở Nông nghiệp và Môi trường"),
    ("labour_human_resources", "đào tạo và phát triển nguồn nhân lực", "Sở Nội vụ"),
]

IMPLEMENTATION_TEXTS = [
    "Trao đổi đoàn công tác cấp lãnh đạo giữa hai bên.",
    "Tổ chức hội thảo chia sẻ kinh nghiệm quản lý đô thị.",
    "Phối hợp tổ chức hội nghị xúc tiến đầu tư, kết nối doanh nghiệp.",
    "Trao học bổng cho sinh viên và cán bộ của thành phố.",
    "Tổ chức Tuần văn hóa và ẩm thực tại Đà Nẵng.",
    "Cử chuyên gia sang hỗ trợ kỹ thuật, đào tạo ngắn hạn.",
    "Họp trực tuyến rà soát kết quả thực hiện và thống nhất kế hoạch năm sau.",
    "Tham gia hội chợ, triển lãm do đối tác tổ chức.",
    "Ký kế hoạch triển khai chi tiết giữa các sở, ngành hai bên.",
    "Tổ chức đoàn doanh nghiệp khảo sát thị trường.",
    "Trao tặng trang thiết bị y tế cho bệnh viện của thành phố.",
    "Đón đoàn thanh niên, sinh viên giao lưu.",
]

# --- Delegations --------------------------------------------------------------------------------

# Inbound delegations per year. 2011-2020 add up to 5,150 (the city reports "nearly 5,200");
# the 2020-2021 pandemic dip, then recovery; 2025 counts those received by departments as well
# (about 100 by the leaders, 2,500 by departments); 2026 runs to DATA_UNTIL.
INBOUND_PER_YEAR = {
    2011: 380, 2012: 420, 2013: 460, 2014: 500, 2015: 540, 2016: 590, 2017: 680, 2018: 640,
    2019: 700, 2020: 240, 2021: 90, 2022: 400, 2023: 1000, 2024: 1750, 2025: 2640, 2026: 2300,
}  # fmt: skip
# Of those, received by the city's top leaders (delegations_inbound_city_leaders).
CITY_LEADERS_PER_YEAR = {
    2011: 55, 2012: 58, 2013: 62, 2014: 66, 2015: 70, 2016: 74, 2017: 118, 2018: 82, 2019: 88,
    2020: 30, 2021: 12, 2022: 58, 2023: 84, 2024: 100, 2025: 98, 2026: 91,
}  # fmt: skip
OUTBOUND_PER_YEAR = {
    2011: 14, 2012: 15, 2013: 16, 2014: 18, 2015: 18, 2016: 20, 2017: 22, 2018: 24, 2019: 25,
    2020: 3, 2021: 1, 2022: 12, 2023: 22, 2024: 26, 2025: 28, 2026: 24,
}  # fmt: skip

# Where inbound delegations come from: Korea, Japan, China and the US first.
COUNTRY_WEIGHTS = {
    "KR": 24, "JP": 14, "CN": 11, "US": 9, "LA": 6, "TH": 4, "RU": 4, "AU": 3, "FR": 3, "DE": 3,
    "SG": 3, "IN": 3, "TW": 2.5, "MY": 2, "ID": 2, "PH": 2, "KH": 2, "GB": 2, "CA": 1.5,
    "IT": 1.2, "NL": 1, "KZ": 0.8, "MN": 0.8, "NZ": 0.8, "SE": 0.7, "CH": 0.7, "AE": 0.7,
    "HK": 0.7, "BE": 0.6, "HU": 0.5, "CU": 0.4, "IL": 0.5, "FI": 0.4, "ES": 0.5, "PL": 0.4,
    "DK": 0.4, "AT": 0.4, "CZ": 0.3, "NO": 0.3, "MM": 0.5, "BN": 0.3,
}  # fmt: skip
ASEAN = ["LA", "KH", "TH", "MY", "ID", "PH", "SG", "MM", "BN"]
MONARCHIES = ["JP", "TH", "GB", "NL", "BE", "SE", "DK", "NO", "ES", "MY", "KH", "BN"]
REPUBLICS = {
    "US": "Tổng thống", "KR": "Tổng thống", "FR": "Tổng thống", "DE": "Tổng thống",
    "IT": "Tổng thống", "RU": "Tổng thống", "IN": "Tổng thống", "ID": "Tổng thống",
    "PH": "Tổng thống", "SG": "Tổng thống", "LA": "Chủ tịch nước", "CN": "Chủ tịch nước",
    "KZ": "Tổng thống", "MN": "Tổng thống", "CU": "Chủ tịch", "FI": "Tổng thống",
}  # fmt: skip

LEVEL_WEIGHTS = [
    (DL.HEAD_OF_STATE, 0.08), (DL.HEAD_OF_GOVERNMENT, 0.1), (DL.ROYAL, 0.06),
    (DL.PARLIAMENT_LEADER, 0.15), (DL.MINISTER, 0.9), (DL.DEPUTY_MINISTER, 2.5),
    (DL.AMBASSADOR, 5), (DL.CONSUL_GENERAL, 5), (DL.LOCAL_LEADER, 11), (DL.BUSINESS, 34),
    (DL.ACADEMIC, 14), (DL.OTHER, 26),
]  # fmt: skip
PURPOSES_BY_LEVEL = {
    DL.LOCAL_LEADER: [
        (DP.OFFICIAL, 5),
        (DP.CULTURE, 2),
        (DP.TOURISM, 2),
        (DP.INVESTMENT_PROMOTION, 1),
    ],
    DL.BUSINESS: [
        (DP.INVESTMENT_PROMOTION, 5),
        (DP.TRADE, 4),
        (DP.TOURISM, 1),
        (DP.SCIENCE_TECHNOLOGY, 1),
    ],
    DL.ACADEMIC: [(DP.EDUCATION, 6), (DP.SCIENCE_TECHNOLOGY, 3), (DP.CULTURE, 1)],
    DL.OTHER: [(DP.CULTURE, 4), (DP.TOURISM, 3), (DP.OTHER, 3), (DP.EDUCATION, 1)],
}
MINISTRIES = [
    "Ngoại giao", "Thương mại", "Công nghiệp", "Du lịch", "Giáo dục", "Y tế", "Giao thông",
    "Kinh tế", "Khoa học và Công nghệ", "Văn hóa",
]  # fmt: skip
LOCAL_TITLES = {
    "KR": ["Thị trưởng", "Tỉnh trưởng", "Phó Thị trưởng", "Chủ tịch Hội đồng thành phố"],
    "JP": ["Thị trưởng", "Thống đốc", "Phó Thị trưởng"],
    "CN": ["Phó Tỉnh trưởng", "Phó Thị trưởng", "Bí thư Thành ủy"],
    "LA": ["Tỉnh trưởng", "Bí thư Tỉnh ủy", "Phó Tỉnh trưởng"],
    "": ["Thị trưởng", "Phó Thị trưởng", "Thống đốc"],
}
BUSINESS_KINDS = [
    "doanh nghiệp", "doanh nghiệp công nghệ thông tin", "doanh nghiệp logistics",
    "hiệp hội doanh nghiệp", "quỹ đầu tư", "doanh nghiệp du lịch", "phòng thương mại",
]  # fmt: skip
# Semiconductors and AI became the city's investment theme from 2023.
BUSINESS_KINDS_FROM_2023 = ["nhà đầu tư bán dẫn", "doanh nghiệp trí tuệ nhân tạo"]
OTHER_KINDS = [
    "Hội hữu nghị", "phóng viên", "thanh niên", "cựu chiến binh", "nghệ sĩ",
    "tổ chức phi chính phủ", "hãng lữ hành", "chuyên gia",
]  # fmt: skip
OUTCOMES = [
    "Hai bên thống nhất tăng cường trao đổi đoàn và thông tin.",
    "Đối tác quan tâm đầu tư vào Khu công nghệ cao Đà Nẵng.",
    "Thống nhất phối hợp tổ chức hội nghị xúc tiến đầu tư.",
    "Đề xuất mở đường bay thẳng đến Đà Nẵng.",
    "Trao đổi khả năng hợp tác đào tạo nguồn nhân lực vi mạch bán dẫn.",
    "Đối tác cam kết hỗ trợ kỹ thuật cho các dự án môi trường.",
    "Hai bên thống nhất xây dựng kế hoạch hợp tác cụ thể.",
    "Giới thiệu cơ chế đặc thù và khu thương mại tự do Đà Nẵng.",
]
# Made-up names, in the partners' own scripts.
NAMES = {
    "KR": [
        "김도현",
        "이지우",
        "박서준",
        "최수아",
        "정민호",
        "강예린",
        "조현우",
        "윤지민",
        "장하준",
        "임서윤",
    ],
    "JP": ["高橋 大輔", "田中 陽子", "渡辺 翔", "伊藤 さくら", "山本 拓也", "中村 愛", "小林 健太"],
    "CN": ["张伟", "刘洋", "陈静", "杨帆", "赵磊", "黄敏", "周杰"],
    "TW": ["林志明", "陳怡君", "黃建宏", "張雅婷"],
    "LA": ["ສົມສັກ ວົງໄຊ", "ບົວພັນ ສີລາວົງ", "ຄຳແພງ ພົມມະຈັນ", "ວັນນະສອນ ແສງສະຫວັດ"],
    "TH": ["สมชาย ใจดี", "สุดารัตน์ ศรีสุข", "ประเสริฐ วงศ์ไทย", "วิภาวดี แสงทอง"],
    "RU": ["Иван Петров", "Анна Смирнова", "Дмитрий Козлов", "Ольга Волкова"],
    "KZ": ["Ержан Абенов", "Динара Касымова"],
    "MN": ["Бат-Эрдэнэ Ганбаатар", "Сарантуяа Болд"],
    "KH": ["សុខ ពិសិដ្ឋ", "ចាន់ សុភា"],
    "US": ["John Miller", "Sarah Johnson", "Michael Brown", "Jennifer Davis", "David Wilson"],
    "GB": ["James Taylor", "Emma Clarke"],
    "AU": ["Liam Walker", "Olivia Harris", "Noah Thompson"],
    "CA": ["Ethan Martin", "Chloé Tremblay"],
    "NZ": ["Jack Robinson", "Aroha Ngata"],
    "FR": ["Julien Moreau", "Claire Dubois", "Nicolas Lefebvre"],
    "DE": ["Thomas Müller", "Anna Schneider", "Stefan Weber"],
    "IT": ["Marco Rossi", "Francesca Bianchi"],
    "NL": ["Daan de Vries", "Sanne Jansen"],
    "SE": ["Erik Lindqvist", "Karin Nilsson"],
    "IN": ["Rahul Sharma", "Priya Nair", "Arjun Mehta"],
    "SG": ["Tan Wei Ming", "Lim Hui Shan"],
    "MY": ["Ahmad Faizal", "Nurul Aisyah"],
    "ID": ["Budi Santoso", "Siti Rahmawati"],
    "PH": ["Jose Reyes", "Maria Cruz"],
}
DEFAULT_NAMES = ["Alex Morgan", "Sam Lee", "Chris Novak", "Maria Garcia", "Lukas Novák"]

# --- Events -------------------------------------------------------------------------------------

# The eight investment promotion events of 2024 (events_hosted, kind investment_promotion).
PROMOTION_EVENTS_2024 = [
    ("Ngày Vi mạch bán dẫn Đà Nẵng năm 2024", "2024-06-28", ["US", "KR", "JP", "TW"]),
    ("Hội nghị Xúc tiến đầu tư và Kết nối giao thương ICT Đà Nẵng - Daegu", "2024-10-17", ["KR"]),
    ("Hội nghị Gặp gỡ Đà Nẵng - Nhật Bản 2024", "2024-04-13", ["JP"]),
    ("Tọa đàm xúc tiến đầu tư vào Khu công nghệ cao Đà Nẵng", "2024-03-21", ["JP", "KR", "SG"]),
    ("Hội nghị Xúc tiến đầu tư Đà Nẵng - Singapore", "2024-08-08", ["SG"]),
    ("Gặp gỡ Hoa Kỳ (Meet U.S.) 2024", "2024-07-11", ["US"]),
    (
        "Hội thảo Xúc tiến đầu tư Trung tâm tài chính khu vực tại Đà Nẵng",
        "2024-11-26",
        ["SG", "AE", "GB"],
    ),
    ("Gặp gỡ Hàn Quốc (Meet Korea) 2024", "2024-12-06", ["KR"]),
]
PROMOTION_EVENTS_PER_YEAR = {
    2011: 3, 2012: 3, 2013: 4, 2014: 4, 2015: 5, 2016: 5, 2017: 6, 2018: 6, 2019: 7, 2020: 2,
    2021: 3, 2022: 5, 2023: 7, 2025: 9, 2026: 7,
}  # fmt: skip
PROMOTION_EVENT_NAMES = [
    "Hội nghị Xúc tiến đầu tư Đà Nẵng - {country} {year}",
    "Tọa đàm Kết nối doanh nghiệp Đà Nẵng - {country} {year}",
    "Hội nghị Gặp gỡ Đà Nẵng - {country} {year}",
    "Diễn đàn Đầu tư Đà Nẵng {year}",
]

# --- FDI ----------------------------------------------------------------------------------------

# Per certification year: (new projects, new registered capital, net capital changes,
# contributions), in USD. fdi_attracted_usd of a year is exactly the sum of the last three.
# 2024: 199.0 + 6.2 + 8.3 = USD 213.5 million; 2025: 365 + 95 + 65 = USD 525 million.
FDI_PER_YEAR = {
    2011: (45, 420_000_000, 100_000_000, 12_000_000),
    2012: (50, 480_000_000, 130_000_000, 15_000_000),
    2013: (60, 560_000_000, 160_000_000, 20_000_000),
    2014: (65, 640_000_000, 190_000_000, 25_000_000),
    2015: (75, 720_000_000, 230_000_000, 32_000_000),
    2016: (100, 820_000_000, 280_000_000, 45_000_000),
    2017: (130, 980_000_000, 340_000_000, 70_000_000),
    2018: (150, 1_150_000_000, 370_000_000, 90_000_000),
    2019: (170, 1_200_000_000, 380_000_000, 120_000_000),
    2020: (70, 260_000_000, 120_000_000, 45_000_000),
    2021: (50, 150_000_000, 90_000_000, 30_000_000),
    2022: (85, 240_000_000, 140_000_000, 55_000_000),
    2023: (100, 300_000_000, 170_000_000, 70_000_000),
    2024: (70, 199_000_000, 6_200_000, 8_300_000),
    2025: (130, 365_000_000, 95_000_000, 65_000_000),
    2026: (110, 330_000_000, 100_000_000, 70_000_000),
}
# Projects valid at the end of 2025 (fdi_projects_valid); the rest of those certified by then
# were terminated. Their capital with capital changes (fdi_capital_valid_usd) is pinned too.
FDI_VALID_END_2025 = 1281
FDI_TERMINATED_IN_2026 = 6
FDI_VALID_CAPITAL_END_2025 = 11_214_380_000
DENTIUM = {
    "name": "Nhà máy sản xuất ICT VINA III",
    "investor": "Dentium Co., Ltd.",
    "investor_country": "KR",
    "sector": S.MANUFACTURING,
    "location": "Khu công nghệ cao Đà Nẵng",
    "certified_on": dt.date(2024, 8, 15),
    "registered_capital_usd": 177_000_000,
}
INVESTOR_COUNTRY_WEIGHTS = {
    "KR": 22, "JP": 20, "SG": 12, "US": 8, "TW": 7, "CN": 6, "HK": 4, "FR": 3, "AU": 3,
    "DE": 2, "TH": 3, "MY": 2, "GB": 2, "NL": 1.5, "CA": 1, "IN": 1.5, "CH": 1, "IL": 0.5,
}  # fmt: skip
SECTOR_WEIGHTS = [
    (S.INFORMATION_TECHNOLOGY, 26), (S.TRADE_SERVICES, 18), (S.MANUFACTURING, 16),
    (S.TOURISM_HOSPITALITY, 10), (S.REAL_ESTATE, 5), (S.EDUCATION, 5), (S.LOGISTICS, 4),
    (S.HEALTHCARE, 3), (S.SEMICONDUCTORS, 3), (S.FINANCE_BANKING, 2), (S.AGRICULTURE, 2),
    (S.ENERGY, 2), (S.OTHER, 4),
]  # fmt: skip
# Big-ticket sectors get a bigger share of a year's capital.
SECTOR_SIZE = {
    S.REAL_ESTATE: 6, S.TOURISM_HOSPITALITY: 5, S.MANUFACTURING: 2.5, S.SEMICONDUCTORS: 3,
    S.ENERGY: 2, S.LOGISTICS: 1.5, S.HEALTHCARE: 1.5, S.INFORMATION_TECHNOLOGY: 0.25,
    S.TRADE_SERVICES: 0.3, S.EDUCATION: 0.6, S.FINANCE_BANKING: 1, S.AGRICULTURE: 0.6,
    S.OTHER: 0.3,
}  # fmt: skip
PROJECT_NAMES = {
    S.MANUFACTURING: ["Nhà máy sản xuất linh kiện điện tử", "Nhà máy sản xuất khuôn mẫu chính xác",
                      "Nhà máy sản xuất thiết bị y tế", "Nhà máy sản xuất bao bì", "Nhà máy may mặc xuất khẩu",  # noqa: E501
                      "Nhà máy sản xuất linh kiện ô tô", "Nhà máy sản xuất động cơ điện cỡ nhỏ",
                      "Nhà máy sản xuất dây cáp điện"],
    S.INFORMATION_TECHNOLOGY: ["Trung tâm phát triển phần mềm", "Dự án gia công phần mềm xuất khẩu",
                               "Trung tâm nghiên cứu trí tuệ nhân tạo", "Dự án phát triển trò chơi điện tử",  # noqa: E501
                               "Trung tâm dữ liệu"],
    S.SEMICONDUCTORS: ["Trung tâm thiết kế vi mạch bán dẫn", "Nhà máy đóng gói và kiểm thử vi mạch"],  # noqa: E501
    S.REAL_ESTATE: ["Khu đô thị ven biển", "Tổ hợp căn hộ và văn phòng cho thuê", "Khu phức hợp thương mại"],  # noqa: E501
    S.TOURISM_HOSPITALITY: ["Khu nghỉ dưỡng cao cấp", "Khách sạn 5 sao", "Khu du lịch sinh thái", "Tổ hợp vui chơi giải trí"],  # noqa: E501
    S.LOGISTICS: ["Trung tâm logistics", "Kho ngoại quan", "Dịch vụ giao nhận vận tải quốc tế"],
    S.FINANCE_BANKING: ["Chi nhánh ngân hàng nước ngoài", "Công ty cho thuê tài chính"],
    S.EDUCATION: ["Trường quốc tế", "Trung tâm đào tạo ngoại ngữ", "Trung tâm đào tạo kỹ năng CNTT"],  # noqa: E501
    S.HEALTHCARE: ["Bệnh viện quốc tế", "Phòng khám đa khoa quốc tế", "Trung tâm nha khoa"],
    S.TRADE_SERVICES: ["Dự án kinh doanh thương mại, dịch vụ", "Dự án tư vấn quản lý", "Chuỗi nhà hàng",  # noqa: E501
                       "Dự án xuất nhập khẩu và phân phối"],
    S.AGRICULTURE: ["Dự án nuôi trồng thủy sản công nghệ cao", "Dự án chế biến nông sản"],
    S.ENERGY: ["Dự án điện mặt trời áp mái", "Dự án tiết kiệm năng lượng"],
    S.OTHER: ["Dự án tư vấn thiết kế kiến trúc", "Dự án dịch vụ quảng cáo"],
}  # fmt: skip
LOCATIONS = {
    S.MANUFACTURING: [
        "KCN Hòa Khánh",
        "KCN Liên Chiểu",
        "KCN Hòa Cầm",
        "KCN Đà Nẵng",
        "Khu công nghệ cao Đà Nẵng",
    ],
    S.SEMICONDUCTORS: ["Khu công nghệ cao Đà Nẵng"],
    S.INFORMATION_TECHNOLOGY: [
        "Khu CNTT tập trung",
        "phường Hải Châu",
        "phường Thanh Khê",
        "Công viên phần mềm Đà Nẵng",
    ],
    S.REAL_ESTATE: ["phường Ngũ Hành Sơn", "phường Sơn Trà", "phường Hải Châu"],
    S.TOURISM_HOSPITALITY: ["phường Ngũ Hành Sơn", "phường Sơn Trà", "xã Bà Nà", "phường Hội An"],
    S.LOGISTICS: ["KCN Hòa Khánh", "Cảng Liên Chiểu", "KCN Dịch vụ thủy sản Đà Nẵng"],
}
LOCATIONS_AFTER_MERGER = ["KCN Điện Nam - Điện Ngọc", "KCN Tam Thăng", "Khu kinh tế mở Chu Lai"]
DEFAULT_LOCATIONS = ["phường Hải Châu", "phường Thanh Khê", "phường An Hải", "phường Cẩm Lệ"]
INVESTOR_WORDS = {
    "KR": (["Hanbit", "Daesung", "Seohan", "Mirae", "Sejin", "Dongil", "Hyosan", "Bomin", "Gaon"],
           ["Precision Co., Ltd.", "Tech Co., Ltd.", "Electronics Co., Ltd.", "Holdings", "Partners"]),  # noqa: E501
    "JP": (["Sakuragawa", "Nishimura", "Kotobuki", "Hoshino", "Aozora", "Miyabi", "Tsubame"],
           ["Seiki Co., Ltd.", "Denki K.K.", "Software Inc.", "Industries Co., Ltd."]),
    "SG": (["Lion Gate", "Marina Bay", "Straits", "Raffles Crest", "Harbourfront"],
           ["Holdings Pte. Ltd.", "Capital Pte. Ltd.", "Ventures Pte. Ltd."]),
    "US": (["Blue Ridge", "Pacific Crest", "Evergreen", "Summit Peak", "Golden Gate"],
           ["Technologies Inc.", "Holdings LLC", "Labs Inc."]),
    "TW": (["Hsin Yuan", "Da Tong", "Chuan Hsing", "Kuo Feng"], ["Co., Ltd.", "Industrial Co., Ltd."]),  # noqa: E501
    "CN": (["Huaxin", "Zhongyuan", "Hengda Kai", "Longsheng"], ["Co., Ltd.", "Technology Co., Ltd."]),  # noqa: E501
    "HK": (["Victoria Harbour", "Kowloon Bay", "Jade Dragon"], ["Investment Ltd.", "Holdings Ltd."]),  # noqa: E501
    "FR": (["Horizon", "Lumière", "Atlantique"], ["SAS", "Groupe SA"]),
    "AU": (["Southern Cross", "Coral Coast", "Eucalypt"], ["Pty Ltd"]),
}  # fmt: skip
DEFAULT_INVESTOR_WORDS = (
    ["Global", "Orient", "Meridian", "Asia Link"],
    ["Ltd.", "Holdings", "GmbH"],
)
COMPANY_KINDS = [
    "Đầu tư", "Du lịch", "Công nghệ", "Thương mại", "Xây dựng", "Dược phẩm", "Thủy sản", "Giáo dục",
    "Bất động sản", "Logistics",
]  # fmt: skip
COMPANY_PLACES = ["Sông Hàn", "Ngũ Hành", "Hải Vân", "Sơn Trà", "Mỹ Khê", "Non Nước", "Cẩm Lệ",
                  "Hòa Khánh", "Tiên Sa", "Liên Chiểu", "Hội An", "Tam Kỳ", "Thu Bồn"]  # fmt: skip
CAPITAL_CHANGES_PER_YEAR = {
    2011: 14, 2012: 18, 2013: 22, 2014: 26, 2015: 30, 2016: 36, 2017: 44, 2018: 50, 2019: 56,
    2020: 26, 2021: 20, 2022: 32, 2023: 40, 2024: 18, 2025: 44, 2026: 40,
}  # fmt: skip
CONTRIBUTIONS_PER_YEAR = {
    2011: 8, 2012: 10, 2013: 12, 2014: 14, 2015: 18, 2016: 24, 2017: 32, 2018: 38, 2019: 44,
    2020: 22, 2021: 16, 2022: 26, 2023: 30, 2024: 14, 2025: 34, 2026: 30,
}  # fmt: skip

# --- Statistics ---------------------------------------------------------------------------------

# Exports 2025 are 12% up on 2024 (4.53 / 4.045 = 1.1199); aid_committed_usd has no 2021 value
# on purpose (a gap the indicator table must show as blank).
STATISTICS = _table("""
indicator | year | value | status | source
exports_usd | 2019 | 1932000000 | official | Cục Thống kê thành phố Đà Nẵng
exports_usd | 2020 | 1785000000 | official | Cục Thống kê thành phố Đà Nẵng
exports_usd | 2021 | 2104000000 | official | Cục Thống kê thành phố Đà Nẵng
exports_usd | 2022 | 2486000000 | official | Cục Thống kê thành phố Đà Nẵng
exports_usd | 2023 | 3612000000 | revised | Cục Thống kê thành phố Đà Nẵng (số liệu điều chỉnh, gồm tỉnh Quảng Nam cũ)
exports_usd | 2024 | 4045000000 | official | Cục Thống kê thành phố Đà Nẵng (gồm tỉnh Quảng Nam cũ)
exports_usd | 2025 | 4530000000 | provisional | Báo cáo Ban Chỉ đạo hội nhập quốc tế thành phố, 10/3/2026 (ước tính)
imports_usd | 2023 | 2870000000 | official | Cục Thống kê thành phố Đà Nẵng
imports_usd | 2024 | 3240000000 | official | Cục Thống kê thành phố Đà Nẵng
visitors_total | 2019 | 8690000 | official | Sở Du lịch Đà Nẵng
visitors_total | 2020 | 2890000 | official | Sở Du lịch Đà Nẵng
visitors_total | 2021 | 1180000 | official | Sở Du lịch Đà Nẵng
visitors_total | 2022 | 5340000 | official | Sở Du lịch Đà Nẵng
visitors_total | 2023 | 8960000 | official | Sở Du lịch Đà Nẵng
visitors_total | 2024 | 11040000 | official | Sở Du lịch Đà Nẵng
visitors_total | 2025 | 17300000 | official | Sở Du lịch Đà Nẵng (thành phố sau hợp nhất)
visitors_international | 2019 | 3520000 | official | Sở Du lịch Đà Nẵng
visitors_international | 2020 | 870000 | official | Sở Du lịch Đà Nẵng
visitors_international | 2021 | 18000 | official | Sở Du lịch Đà Nẵng
visitors_international | 2022 | 910000 | official | Sở Du lịch Đà Nẵng
visitors_international | 2023 | 3020000 | official | Sở Du lịch Đà Nẵng
visitors_international | 2024 | 4610000 | official | Sở Du lịch Đà Nẵng
visitors_international | 2025 | 7600000 | official | Sở Du lịch Đà Nẵng (thành phố sau hợp nhất)
aid_committed_usd | 2019 | 38500000 | official | Sở Ngoại vụ (ODA và viện trợ phi chính phủ)
aid_committed_usd | 2020 | 21200000 | official | Sở Ngoại vụ (ODA và viện trợ phi chính phủ)
aid_committed_usd | 2022 | 17800000 | official | Sở Ngoại vụ (ODA và viện trợ phi chính phủ)
aid_committed_usd | 2023 | 26400000 | official | Sở Ngoại vụ (ODA và viện trợ phi chính phủ)
aid_committed_usd | 2024 | 31900000 | official | Sở Ngoại vụ (ODA và viện trợ phi chính phủ)
aid_committed_usd | 2025 | 29700000 | estimated | Sở Ngoại vụ, số liệu ước tính đến 31/12/2025
""")  # noqa: E501


def _date(text):
    return dt.date.fromisoformat(text) if text else None


def _pick(rng, weighted):
    """One item of a list of (item, weight) pairs."""
    items, weights = zip(*weighted, strict=True)
    return rng.choices(items, weights)[0]


def _day_in(rng, year, *, month_weights=None):
    """A day of `year`, never after DATA_UNTIL; months weighted (Tết and the pandemic are quiet)."""
    if month_weights is None:
        month_weights = MONTH_WEIGHTS.get(year, MONTH_WEIGHTS[None])
    last_month = DATA_UNTIL.month if year == DATA_UNTIL.year else 12
    month = rng.choices(range(1, last_month + 1), month_weights[:last_month])[0]
    last_day = calendar.monthrange(year, month)[1]
    if (year, month) == (DATA_UNTIL.year, DATA_UNTIL.month):
        last_day = DATA_UNTIL.day
    return dt.date(year, month, rng.randint(1, last_day))


def _lower_first(text):
    """'Thành phố Daegu' -> 'thành phố Daegu', for use inside a sentence."""
    return text[:1].lower() + text[1:]


def _years_later(day, years):
    """The same day `years` later; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def _day_between(rng, first, last):
    return first + dt.timedelta(days=rng.randint(0, (last - first).days))


MONTH_WEIGHTS = {
    None: [0.8, 0.6, 1.1, 1.1, 1.0, 1.0, 0.9, 0.9, 1.0, 1.1, 1.2, 1.1],
    # The borders closed in March 2020 and opened again in spring 2022.
    2020: [10, 8, 3, 0.2, 0.2, 0.5, 0.6, 0.1, 0.2, 0.5, 0.6, 0.8],
    2021: [0.4, 0.2, 0.3, 0.3, 0.2, 0.1, 0.1, 0.1, 0.1, 0.6, 1.5, 1.8],
    2022: [0.2, 0.3, 0.6, 0.9, 1.0, 1.1, 1.1, 1.1, 1.2, 1.3, 1.4, 1.4],
}


def _split(total, weights, *, unit=1000, minimum=None):
    """Split the whole number `total` into parts proportional to `weights`, each a multiple of
    `unit` and at least `minimum`, adding up to exactly `total` (the rest goes to the largest)."""
    minimum = unit if minimum is None else minimum
    weight_sum = sum(weights)
    parts = [max(minimum, int(total * w / weight_sum) // unit * unit) for w in weights]
    largest = max(range(len(parts)), key=parts.__getitem__)
    parts[largest] += total - sum(parts)
    return parts


class _Demo:
    """Builds every demo row in memory (unsaved model instances plus link lists), then saves."""

    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.fields = {f.code: f for f in CooperationField.objects.all()}
        self.partners = {}  # ref -> Partner
        self.partner_fields = []  # (Partner, CooperationField)
        self.contacts = []
        self.agreements = {}  # ref -> Agreement
        self.agreement_partners = []  # (Agreement, Partner)
        self.agreement_fields = []
        self.renewals = []  # (Agreement, the Agreement it renews)
        self.entries = []
        self.delegations = []
        self.delegation_partners = []
        self.delegation_agreements = []
        self.events = []
        self.event_agreements = []
        self.projects = []
        self.changes = []
        self.contributions = []
        self.statistics = []
        # For linking visits to partners and agreements: country -> partners, partner -> agreements.
        self.localities_by_country = {}
        self.agreements_by_partner = {}

    # -- partners --

    def _add_fields(self, links, obj, codes):
        for code in codes.split():
            if code in self.fields:
                links.append((obj, self.fields[code]))

    def build_partners(self):
        for row in LOCALITIES:
            ref, name, local, name_vi, country, level, relationship, est, end, unit, codes = row
            partner = Partner(
                ref=ref, name=name, name_local=local, name_vi=name_vi, kind=K.LOCALITY,
                level=level, country=country, relationship=relationship, danang_unit=unit,
                established_on=_date(est), ended_on=_date(end),
                notes="" if est else "Đang trao đổi, chưa thiết lập quan hệ chính thức.",
            )  # fmt: skip
            self.partners[ref] = partner
            self._add_fields(self.partner_fields, partner, codes)
            self.localities_by_country.setdefault(country, []).append(partner)
        for ref, kind, name, local, name_vi, country, est, codes, notes in ORGANISATIONS:
            partner = Partner(
                ref=ref, name=name, name_local=local, name_vi=name_vi, kind=kind, country=country,
                relationship=R.COOPERATION if kind != K.NETWORK else R.OTHER,
                established_on=_date(est), notes=notes,
            )  # fmt: skip
            self.partners[ref] = partner
            self._add_fields(self.partner_fields, partner, codes)
        for ref, name, role, mailbox in CONTACTS:
            domain = ref.lower().replace("-", "")
            self.contacts.append(
                PartnerContact(
                    partner=self.partners[ref],
                    name=name,
                    role=role,
                    email=f"{mailbox}@{domain}.example",
                )
            )

    # -- agreements --

    def _agreement(self, ref, partners, **values):
        codes = values.pop("codes")
        agreement = Agreement(ref=ref, **values)
        self.agreements[ref] = agreement
        for partner in partners:
            self.agreement_partners.append((agreement, partner))
            self.agreements_by_partner.setdefault(partner.ref, []).append(agreement)
        self._add_fields(self.agreement_fields, agreement, codes)
        return agreement

    def build_agreements(self):
        rng = self.rng
        # The founding agreement of each established locality, signed the day the relationship
        # began; ended relationships terminate it the day they end.
        kinds = {
            R.SISTER_CITY: (
                AK.SISTER_CITY_AGREEMENT,
                "Thỏa thuận thiết lập quan hệ thành phố kết nghĩa",
            ),
            R.FRIENDSHIP_COOPERATION: (
                AK.MOU,
                "Biên bản ghi nhớ về thiết lập quan hệ hữu nghị và hợp tác",
            ),
            R.COOPERATION: (AK.MOU, "Biên bản ghi nhớ hợp tác"),
        }
        for row in LOCALITIES:
            ref, _name, _local, name_vi, country, level, relationship, est, end, unit, codes = row
            if not est:
                continue
            partner = self.partners[ref]
            kind, title = kinds[relationship]
            side = _lower_first(unit.replace(" (cũ)", "")) if unit else "thành phố Đà Nẵng"
            title = f"{title} giữa {side} và {_lower_first(name_vi)} ({COUNTRY_VI[country]})"
            if level == L.DISTRICT:
                signatory = f"UBND {side}"
                # Districts were abolished in July 2025; the commune or ward that took over
                # follows the agreement up (a historical unit stays the signatory).
                responsible = f"UBND phường {unit.split(' ', 1)[1]}"
                if unit.startswith("Huyện"):
                    responsible = "UBND xã Hòa Vang"
            elif unit:
                signatory, responsible = "UBND tỉnh Quảng Nam", "Sở Ngoại vụ"
            else:
                signatory, responsible = "UBND thành phố Đà Nẵng", "Sở Ngoại vụ"
            self._agreement(
                f"TT-{ref}-{est[:4]}", [partner], title=title, kind=kind, signed_on=_date(est),
                signed_at=rng.choice(["Đà Nẵng", "Đà Nẵng", partner.name]),
                danang_signatory=signatory, responsible_unit=responsible,
                terminated_on=_date(end),
                summary=f"Văn kiện thiết lập quan hệ với {name_vi}.", codes=codes,
            )  # fmt: skip
        for row in PLANNED_AGREEMENTS:
            key, refs, kind, title, signed, expires, renews, signatory, unit, codes = row
            agreement = self._agreement(
                key, [self.partners[r] for r in refs.split()], title=title, kind=kind,
                signed_on=_date(signed), expires_on=_date(expires), danang_signatory=signatory,
                responsible_unit=unit, signed_at="Đà Nẵng" if signed else "", codes=codes,
            )  # fmt: skip
            if renews:
                self.renewals.append((agreement, self.agreements[renews]))
        # Fill up to the city's count with MoUs, programmes and letters of intent in earlier years.
        signed_count = sum(
            1 for a in self.agreements.values() if a.signed_on and a.signed_on <= END_2025
        )
        years = list(range(2005, 2025))
        year_weights = [{2020: 0.4, 2021: 0.3}.get(y, 1.0 + max(0, y - 2010) * 0.12) for y in years]
        for number in range(1, AGREEMENTS_SIGNED_BY_END_2025 - signed_count + 1):
            self._other_agreement(number, rng.choices(years, year_weights)[0])

    def _other_agreement(self, number, year):
        rng = self.rng
        signed_on = _day_in(rng, year)
        # District-level and former Quang Nam partners sign with their own units, not the city.
        candidates = [
            p for p in self.partners.values() if p.is_active_on(signed_on) and not p.danang_unit
        ]
        partner = rng.choice(candidates)
        partners = [partner]
        code, topic, unit = rng.choice(AGREEMENT_TOPICS)
        kind = _pick(
            rng, [(AK.MOU, 45), (AK.COOPERATION_AGREEMENT, 20), (AK.ACTION_PROGRAMME, 15),
                  (AK.LETTER_OF_INTENT, 10), (AK.OTHER, 10)],
        )  # fmt: skip
        other = _lower_first(partner.name_vi) if partner.kind == K.LOCALITY else partner.name_vi
        where = f" ({COUNTRY_VI[partner.country]})" if partner.country else ""
        titles = {
            AK.MOU: f"Biên bản ghi nhớ hợp tác về {topic} giữa UBND thành phố Đà Nẵng và {other}{where}",  # noqa: E501
            AK.COOPERATION_AGREEMENT: f"Thỏa thuận hợp tác về {topic} với {other}{where}",
            AK.ACTION_PROGRAMME: f"Chương trình hành động hợp tác năm {year}-{year + 1} với {other}{where}",  # noqa: E501
            AK.LETTER_OF_INTENT: f"Thư ý định hợp tác về {topic} với {other}{where}",
            AK.OTHER: f"Biên bản hội đàm về {topic} giữa thành phố Đà Nẵng và {other}{where}",
        }
        expires_on = None
        if kind == AK.ACTION_PROGRAMME:
            expires_on = dt.date(year + 1, 12, 31)
        elif kind == AK.LETTER_OF_INTENT:
            expires_on = _years_later(signed_on, 2) - dt.timedelta(days=1)
        elif kind in (AK.MOU, AK.COOPERATION_AGREEMENT) and rng.random() < 0.5:
            expires_on = _years_later(signed_on, rng.choice([3, 5])) - dt.timedelta(days=1)
        # A university's or a department's MoU is often signed by that body, not the city.
        signatory = rng.choice(
            ["UBND thành phố Đà Nẵng"] * 4 + ["Sở Ngoại vụ", unit, "Đại học Đà Nẵng"]
        )
        if partner.kind == K.UNIVERSITY:
            signatory = "Đại học Đà Nẵng"
        if partner.kind == K.LOCALITY and rng.random() < 0.08:
            # Some agreements bind a locality and one of its universities or agencies too.
            partners.append(rng.choice([p for p in candidates if p.kind != K.LOCALITY]))
        terminated_on = None
        if expires_on is None and year < 2020 and rng.random() < 0.05:
            terminated_on = _day_in(rng, rng.randint(year + 2, 2024))
        self._agreement(
            f"TT-{year}-{number:03d}", partners, title=titles[kind], kind=kind,
            signed_on=signed_on, signed_at=rng.choice(["Đà Nẵng", "Đà Nẵng", partner.name]),
            effective_on=signed_on + dt.timedelta(days=30) if rng.random() < 0.15 else None,
            expires_on=expires_on, terminated_on=terminated_on, danang_signatory=signatory,
            responsible_unit=unit, codes=" ".join(sorted({code, rng.choice(AGREEMENT_TOPICS)[0]})),
        )  # fmt: skip

    def build_implementation(self):
        rng = self.rng
        for agreement in self.agreements.values():
            if agreement.signed_on is None or rng.random() > 0.45:
                continue
            first = agreement.signed_on + dt.timedelta(days=60)
            last = min(d for d in (agreement.expires_on, agreement.terminated_on, DATA_UNTIL) if d)
            if first > last:
                continue
            for text in rng.sample(IMPLEMENTATION_TEXTS, rng.randint(1, 4)):
                self.entries.append(
                    ImplementationEntry(
                        agreement=agreement, done_on=_day_between(rng, first, last), text=text
                    )
                )

    # -- delegations --

    def _name(self, country):
        return self.rng.choice(NAMES.get(country, DEFAULT_NAMES))

    def _host_unit(self, day, purpose):
        """The receiving department, under the name it had that day (2025 reorganisation)."""
        investment = "Sở Kế hoạch và Đầu tư" if day < dt.date(2025, 3, 1) else "Sở Tài chính"
        units = {
            DP.INVESTMENT_PROMOTION: [
                investment,
                "Trung tâm Xúc tiến đầu tư",
                "Ban Quản lý Khu công nghệ cao và các khu công nghiệp",
            ],
            DP.TRADE: ["Sở Công Thương", "Trung tâm Xúc tiến đầu tư"],
            DP.TOURISM: ["Sở Du lịch"],
            DP.CULTURE: ["Sở Văn hóa và Thể thao", "Liên hiệp các tổ chức hữu nghị thành phố"],
            DP.EDUCATION: ["Sở Giáo dục và Đào tạo", "Đại học Đà Nẵng"],
            DP.SCIENCE_TECHNOLOGY: ["Sở Khoa học và Công nghệ", "Đại học Đà Nẵng"],
            DP.OFFICIAL: ["Sở Ngoại vụ"],
            DP.OTHER: ["Sở Ngoại vụ", "Liên hiệp các tổ chức hữu nghị thành phố"],
        }[purpose]
        if day < dt.date(2025, 7, 1) and self.rng.random() < 0.06:
            return self.rng.choice(
                ["UBND quận Hải Châu", "UBND quận Sơn Trà", "UBND huyện Hòa Vang"]
            )
        return self.rng.choice(units)

    def _inbound(self, year, number, day):
        """One inbound visit received by a department; `_receive_by_leaders` may promote it."""
        rng = self.rng
        level = _pick(rng, LEVEL_WEIGHTS)
        if level == DL.ROYAL:
            countries = [rng.choice(MONARCHIES)]
        elif level == DL.HEAD_OF_STATE:
            countries = [rng.choice(sorted(REPUBLICS))]
        elif rng.random() < 0.03:
            countries = sorted(rng.sample(ASEAN, rng.randint(2, 4)))
        else:
            countries = [_pick(rng, COUNTRY_WEIGHTS.items())]
        country = countries[0]
        country_vi = COUNTRY_VI[country] if len(countries) == 1 else "các nước ASEAN"
        purpose = _pick(rng, PURPOSES_BY_LEVEL.get(level, [(DP.OFFICIAL, 1)]))
        partners, agreements = [], []
        head_name = ""
        if level == DL.HEAD_OF_STATE:
            head_title = REPUBLICS[country]
            title = f"Chuyến thăm của {head_title} {country_vi}"
        elif level == DL.HEAD_OF_GOVERNMENT:
            head_title = "Thủ tướng"
            title = f"Đoàn Thủ tướng {country_vi} thăm và làm việc tại Đà Nẵng"
        elif level == DL.ROYAL:
            head_title = rng.choice(["Hoàng tử", "Công chúa", "Thái tử", "Quốc vương"])
            title = f"Đoàn Hoàng gia {country_vi} do {head_title} dẫn đầu thăm Đà Nẵng"
        elif level == DL.PARLIAMENT_LEADER:
            head_title = rng.choice(
                ["Chủ tịch Quốc hội", "Chủ tịch Thượng viện", "Phó Chủ tịch Quốc hội"]
            )
            title = f"Đoàn {head_title} {country_vi} thăm Đà Nẵng"
        elif level in (DL.MINISTER, DL.DEPUTY_MINISTER):
            rank = "Bộ trưởng" if level == DL.MINISTER else "Thứ trưởng"
            head_title = f"{rank} Bộ {rng.choice(MINISTRIES)}"
            title = f"Đoàn {head_title} {country_vi} làm việc với thành phố"
        elif level == DL.AMBASSADOR:
            head_title = f"Đại sứ {country_vi} tại Việt Nam"
            title = f"{head_title} chào xã giao lãnh đạo thành phố"
            head_name = self._name(country)
        elif level == DL.CONSUL_GENERAL:
            seat = "Đà Nẵng" if country in ("KR", "RU", "LA") else "TP. Hồ Chí Minh"
            head_title = f"Tổng Lãnh sự {country_vi} tại {seat}"
            title = f"{head_title} thăm và làm việc với thành phố"
            head_name = self._name(country)
        elif level == DL.LOCAL_LEADER:
            head_title = rng.choice(LOCAL_TITLES.get(country, LOCAL_TITLES[""]))
            alive = [
                p
                for p in self.localities_by_country.get(country, [])
                if p.is_active_on(day) and len(countries) == 1
            ]
            if alive and rng.random() < 0.6:
                partner = rng.choice(alive)
                partners.append(partner)
                title = f"Đoàn {_lower_first(partner.name_vi)} ({country_vi}) thăm và làm việc tại Đà Nẵng"  # noqa: E501
                signed = [
                    a
                    for a in self.agreements_by_partner.get(partner.ref, [])
                    if a.signed_on and a.signed_on <= day
                ]
                if signed and rng.random() < 0.3:
                    agreements.append(max(signed, key=lambda a: (a.signed_on, a.ref)))
            else:
                title = f"Đoàn chính quyền địa phương {country_vi} thăm và làm việc tại Đà Nẵng"
            head_name = self._name(country)
        elif level == DL.BUSINESS:
            head_title = rng.choice(
                [
                    "Tổng Giám đốc",
                    "Chủ tịch Hội đồng quản trị",
                    "Giám đốc điều hành",
                    "Phó Chủ tịch",
                ]
            )
            kinds = BUSINESS_KINDS + (BUSINESS_KINDS_FROM_2023 if year >= 2023 else [])
            aim = "cơ hội giao thương" if purpose == DP.TRADE else "môi trường đầu tư"
            title = f"Đoàn {rng.choice(kinds)} {country_vi} tìm hiểu {aim}"
            head_name = self._name(country) if rng.random() < 0.6 else ""
        elif level == DL.ACADEMIC:
            head_title = rng.choice(["Hiệu trưởng", "Phó Hiệu trưởng", "Giáo sư", "Viện trưởng"])
            title = f"Đoàn trường đại học {country_vi} trao đổi hợp tác giáo dục"
            head_name = self._name(country) if rng.random() < 0.6 else ""
        else:
            head_title = rng.choice(["Trưởng đoàn", "Chủ tịch", "Tổng Thư ký"])
            title = f"Đoàn {rng.choice(OTHER_KINDS)} {country_vi} thăm Đà Nẵng"
            head_name = self._name(country) if rng.random() < 0.4 else ""
        big = purpose in (DP.TOURISM, DP.CULTURE, DP.TRADE)
        delegation = Delegation(
            ref=f"DV-{year}-{number:04d}", direction=Delegation.Direction.INBOUND, title=title,
            head_name=head_name, head_title=head_title, level=level, countries=countries,
            start_on=day, end_on=self._end_on(day), purpose=purpose, city_leaders=False,
            members=rng.randint(8, 60) if big else rng.randint(2, 15),
            host_unit=self._host_unit(day, purpose),
            outcome=rng.choice(OUTCOMES) if rng.random() < 0.25 else "",
        )  # fmt: skip
        self._add_delegation(delegation, partners, agreements)
        return delegation

    def _receive_by_leaders(self, delegations, quota):
        """Mark `quota` of the year's visits as received by the city's leaders.

        The leaders receive the highest-ranking visitors first, then ambassadors, local leaders
        and the big investors; a random score within each rank keeps the pick varied.
        """
        rank = {level: 0.0 for level in Delegation.HIGH_LEVELS} | {
            DL.AMBASSADOR: 0.4, DL.CONSUL_GENERAL: 0.5, DL.LOCAL_LEADER: 0.4,
            DL.DEPUTY_MINISTER: 0.4, DL.BUSINESS: 0.7,
        }  # fmt: skip
        scored = sorted((rank.get(d.level, 1.3) + self.rng.random(), d.ref, d) for d in delegations)
        for _score, _ref, delegation in scored[:quota]:
            delegation.city_leaders = True
            delegation.host_unit = "UBND thành phố Đà Nẵng"
            delegation.outcome = delegation.outcome or self.rng.choice(OUTCOMES)

    def _end_on(self, day):
        if self.rng.random() < 0.4:
            return None
        return min(day + dt.timedelta(days=self.rng.randint(0, 4)), DATA_UNTIL)

    def _add_delegation(self, delegation, partners=(), agreements=()):
        self.delegations.append(delegation)
        for partner in partners:
            self.delegation_partners.append((delegation, partner))
        for agreement in agreements:
            self.delegation_agreements.append((delegation, agreement))

    def _special_inbound(self, year):
        """The visits the seeds name, placed by hand; each counts in its year's totals."""
        p, a = self.partners, self.agreements
        specials = []
        if year == 2017:
            # APEC Economic Leaders' Week, Da Nang, November 2017.
            leaders = [
                ("US", DL.HEAD_OF_STATE, "Tổng thống"), ("CN", DL.HEAD_OF_STATE, "Chủ tịch nước"),
                ("RU", DL.HEAD_OF_STATE, "Tổng thống"), ("KR", DL.HEAD_OF_STATE, "Tổng thống"),
                ("JP", DL.HEAD_OF_GOVERNMENT, "Thủ tướng"), ("AU", DL.HEAD_OF_GOVERNMENT, "Thủ tướng"),  # noqa: E501
                ("CA", DL.HEAD_OF_GOVERNMENT, "Thủ tướng"), ("NZ", DL.HEAD_OF_GOVERNMENT, "Thủ tướng"),  # noqa: E501
                ("SG", DL.HEAD_OF_GOVERNMENT, "Thủ tướng"), ("MY", DL.HEAD_OF_GOVERNMENT, "Thủ tướng"),  # noqa: E501
                ("TH", DL.HEAD_OF_GOVERNMENT, "Thủ tướng"), ("ID", DL.HEAD_OF_STATE, "Tổng thống"),
                ("PH", DL.HEAD_OF_STATE, "Tổng thống"), ("CL", DL.HEAD_OF_STATE, "Tổng thống"),
                ("PE", DL.HEAD_OF_STATE, "Tổng thống"), ("MX", DL.HEAD_OF_STATE, "Tổng thống"),
                ("PG", DL.HEAD_OF_GOVERNMENT, "Thủ tướng"), ("BN", DL.ROYAL, "Quốc vương"),
            ]  # fmt: skip
            for country, level, head_title in leaders:
                specials.append(
                    dict(
                        day=dt.date(2017, 11, 9),
                        end_on=dt.date(2017, 11, 11),
                        level=level,
                        countries=[country],
                        head_title=head_title,
                        purpose=DP.OFFICIAL,
                        title=f"Đoàn {head_title} {COUNTRY_VI[country]} dự Tuần lễ Cấp cao APEC 2017",  # noqa: E501
                        city_leaders=True,
                        members=40,
                    )
                )
        if year == 2024:
            for company, country, day in (
                ("Tập đoàn Qualcomm", "US", "2024-03-14"),
                ("Tập đoàn NVIDIA", "US", "2024-09-26"),
                ("Tập đoàn ADANI", "IN", "2024-08-20"),
            ):
                specials.append(
                    dict(
                        day=_date(day),
                        level=DL.BUSINESS,
                        countries=[country],
                        head_title="Phó Chủ tịch",
                        purpose=DP.INVESTMENT_PROMOTION,
                        title=f"Đoàn {company} ({COUNTRY_VI[country]}) tìm hiểu môi trường đầu tư lĩnh vực bán dẫn, trí tuệ nhân tạo",  # noqa: E501
                        city_leaders=True,
                        members=8,
                    )
                )
            specials.append(
                dict(
                    day=dt.date(2024, 10, 16),
                    end_on=dt.date(2024, 10, 18),
                    level=DL.LOCAL_LEADER,
                    countries=["KR"],
                    head_title="Thị trưởng",
                    purpose=DP.OFFICIAL,
                    title="Đoàn thành phố Daegu (Hàn Quốc) thăm Đà Nẵng, ký Biên bản ghi nhớ tăng cường hợp tác",  # noqa: E501
                    city_leaders=True,
                    members=25,
                    partners=[p["KR-DAEGU"]],
                    agreements=[a["TT-KR-DAEGU-2024"]],
                )
            )
            specials.append(
                dict(
                    day=dt.date(2024, 5, 23),
                    level=DL.MINISTER,
                    countries=["DE"],
                    head_title="Bộ trưởng Bộ Kinh tế bang Thuringia",
                    purpose=DP.OFFICIAL,
                    title="Đoàn bang Thuringia (Đức) thăm và làm việc tại Đà Nẵng",
                    city_leaders=True,
                    members=12,
                    partners=[p["DE-THURINGIA"]],
                    agreements=[a["TT-DE-THU-2024"]],
                )
            )
        if year == 2025:
            specials.append(
                dict(
                    day=dt.date(2025, 7, 3),
                    end_on=dt.date(2025, 7, 5),
                    level=DL.LOCAL_LEADER,
                    countries=["IT"],
                    head_title="Thị trưởng",
                    purpose=DP.OFFICIAL,
                    title="Đoàn thành phố Genova (Ý) thăm Đà Nẵng và ký Biên bản ghi nhớ hữu nghị hợp tác",  # noqa: E501
                    city_leaders=True,
                    members=14,
                    partners=[p["IT-GENOVA"]],
                    agreements=[a["TT-IT-GENOVA-2025"]],
                )
            )
            specials.append(
                dict(
                    day=dt.date(2025, 5, 22),
                    level=DL.LOCAL_LEADER,
                    countries=["KZ"],
                    head_title="Phó Thị trưởng",
                    purpose=DP.TOURISM,
                    title="Đoàn thành phố Almaty (Kazakhstan) thăm và làm việc tại Đà Nẵng",
                    city_leaders=True,
                    members=10,
                    partners=[p["KZ-ALMATY"]],
                    agreements=[a["TT-KZ-ALMATY-2025"]],
                )
            )
            specials.append(
                dict(
                    day=dt.date(2025, 8, 5),
                    level=DL.CONSUL_GENERAL,
                    countries=["KR"],
                    head_title="Tổng Lãnh sự Hàn Quốc tại Đà Nẵng",
                    purpose=DP.OFFICIAL,
                    title="Tổng Lãnh sự Hàn Quốc tại Đà Nẵng thăm, làm việc với lãnh đạo Thành ủy",
                    city_leaders=True,
                    members=4,
                    partners=[p["DM-KR-CG"]],
                )
            )
        return specials

    def build_inbound(self):
        rng = self.rng
        for year, total in INBOUND_PER_YEAR.items():
            specials = self._special_inbound(year)
            days = sorted(_day_in(rng, year) for _ in range(total - len(specials)))
            drawn = [self._inbound(year, number, day) for number, day in enumerate(days, 1)]
            quota = CITY_LEADERS_PER_YEAR[year] - sum(1 for s in specials if s["city_leaders"])
            self._receive_by_leaders(drawn, quota)
            number = len(drawn)
            for special in specials:
                number += 1
                self._add_delegation(
                    Delegation(
                        ref=f"DV-{year}-{number:04d}",
                        direction=Delegation.Direction.INBOUND,
                        title=special["title"],
                        head_title=special["head_title"],
                        level=special["level"],
                        countries=special["countries"],
                        start_on=special["day"],
                        end_on=special.get("end_on"),
                        purpose=special["purpose"],
                        city_leaders=special["city_leaders"],
                        members=special["members"],
                        host_unit="UBND thành phố Đà Nẵng",
                        outcome=rng.choice(OUTCOMES),
                    ),
                    special.get("partners", ()),
                    special.get("agreements", ()),
                )

    def build_outbound(self):
        rng = self.rng
        promotion = (DP.INVESTMENT_PROMOTION, DP.TRADE, DP.TOURISM)
        # City-led promotion missions the seeds name: twelve in 2024, four markets in 2025.
        missions = {
            2024: [
                (["CN"], DP.TRADE), (["US"], DP.INVESTMENT_PROMOTION),
                (["FR", "DE"], DP.INVESTMENT_PROMOTION), (["KR"], DP.INVESTMENT_PROMOTION),
                (["JP"], DP.INVESTMENT_PROMOTION), (["SG"], DP.INVESTMENT_PROMOTION),
                (["IN"], DP.TOURISM), (["AU"], DP.TOURISM), (["TH"], DP.TOURISM),
                (["NL", "BE"], DP.TRADE), (["KR"], DP.TOURISM), (["JP"], DP.TRADE),
            ],
            2025: [
                (["SG"], DP.INVESTMENT_PROMOTION), (["DE", "CH"], DP.INVESTMENT_PROMOTION),
                (["AE"], DP.INVESTMENT_PROMOTION),
            ],
        }  # fmt: skip
        words = {
            DP.INVESTMENT_PROMOTION: "xúc tiến đầu tư",
            DP.TRADE: "xúc tiến thương mại",
            DP.TOURISM: "xúc tiến du lịch",
            DP.OFFICIAL: "thăm và làm việc",
            DP.CULTURE: "tổ chức Ngày văn hóa Đà Nẵng",
            DP.EDUCATION: "hợp tác giáo dục",
            DP.SCIENCE_TECHNOLOGY: "hợp tác khoa học, công nghệ",
        }
        destinations = [c for c in COUNTRY_WEIGHTS if c not in ("TW", "HK")]
        for year, total in OUTBOUND_PER_YEAR.items():
            planned = [(countries, purpose, True) for countries, purpose in missions.get(year, [])]
            for _ in range(total - len(planned)):
                purpose = _pick(
                    rng, [(DP.OFFICIAL, 3), (DP.INVESTMENT_PROMOTION, 2), (DP.TRADE, 2),
                          (DP.TOURISM, 2), (DP.CULTURE, 1), (DP.EDUCATION, 1),
                          (DP.SCIENCE_TECHNOLOGY, 1)],
                )  # fmt: skip
                country = rng.choices(destinations, [COUNTRY_WEIGHTS[c] for c in destinations])[0]
                # Outside the named missions, only official visits are led by the top leaders.
                planned.append(([country], purpose, purpose == DP.OFFICIAL and rng.random() < 0.5))
            for number, (countries, purpose, led) in enumerate(planned, start=1):
                day = _day_in(rng, year)
                where = ", ".join(COUNTRY_VI[c] for c in countries)
                head = rng.choice(
                    ["Chủ tịch UBND thành phố", "Phó Chủ tịch UBND thành phố", "Bí thư Thành ủy"]
                )
                if not led:
                    head = f"Lãnh đạo {self._host_unit(day, purpose)}"
                partners = [
                    loc
                    for c in countries
                    for loc in self.localities_by_country.get(c, [])
                    if loc.is_active_on(day)
                ]
                partner = [rng.choice(partners)] if partners and rng.random() < 0.3 else []
                self._add_delegation(
                    Delegation(
                        ref=f"DR-{year}-{number:03d}",
                        direction=Delegation.Direction.OUTBOUND,
                        title=f"Đoàn công tác thành phố Đà Nẵng {words[purpose]} tại {where}",
                        head_title=head,
                        level=DL.LOCAL_LEADER if led else DL.OTHER,
                        countries=countries,
                        start_on=day,
                        end_on=min(day + dt.timedelta(days=rng.randint(3, 8)), DATA_UNTIL),
                        members=rng.randint(5, 30),
                        purpose=purpose,
                        city_leaders=led,
                        host_unit="Sở Ngoại vụ",
                        outcome=rng.choice(OUTCOMES) if purpose in promotion else "",
                    ),
                    partner,
                )

    def number_delegations(self):
        """Give delegations refs in date order within their year (DV inbound, DR outbound).

        The hand-placed visits are drawn separately from the rest, so refs are assigned only
        once every visit of a year is known.
        """
        groups = {}
        for delegation in self.delegations:
            key = (delegation.direction, delegation.start_on.year)
            groups.setdefault(key, []).append(delegation)
        for (direction, year), delegations in groups.items():
            prefix = "DV" if direction == Delegation.Direction.INBOUND else "DR"
            delegations.sort(key=lambda d: (d.start_on, d.ref))
            for number, delegation in enumerate(delegations, start=1):
                delegation.ref = f"{prefix}-{year}-{number:04d}"

    # -- events --

    def build_events(self):
        rng = self.rng
        events_by_year = {}

        def add(year, name, kind, start, *, days=1, countries=(), participants=None, agreements=()):
            events_by_year.setdefault(year, []).append(
                (name, kind, start, days, sorted(countries), participants, agreements)
            )

        a = self.agreements
        for year in range(2011, 2027):
            pandemic = year in (2020, 2021)
            if not pandemic and year != 2014:
                teams = rng.sample(
                    ["KR", "JP", "CN", "US", "FR", "IT", "GB", "PL", "AU", "CA", "FI", "BE", "CZ"],
                    6,
                )
                add(year, f"Lễ hội pháo hoa quốc tế Đà Nẵng (DIFF) {year}", EK.FESTIVAL,
                    _day_between(rng, dt.date(year, 6, 1), dt.date(year, 6, 20)), days=30,
                    countries=teams, participants=rng.randint(300, 600))  # fmt: skip
            if year >= 2015 and not pandemic:
                add(year, f"Lễ hội Việt Nam - Nhật Bản tại Đà Nẵng {year}", EK.FESTIVAL,
                    _day_between(rng, dt.date(year, 4, 5), dt.date(year, 4, 20)), days=3,
                    countries=["JP"], participants=rng.randint(2000, 8000),
                    agreements=[a["TT-JP-SAKAI-2012"]])  # fmt: skip
            if year >= 2016 and not pandemic:
                add(year, f"Lễ hội Việt Nam - Hàn Quốc tại Đà Nẵng {year}", EK.FESTIVAL,
                    _day_between(rng, dt.date(year, 9, 1), dt.date(year, 9, 25)), days=3,
                    countries=["KR"], participants=rng.randint(2000, 9000))  # fmt: skip
            if year >= 2023:
                add(year, f"Liên hoan phim châu Á Đà Nẵng (DANAFF) {year}", EK.FESTIVAL,
                    _day_between(rng, dt.date(year, 6, 28), dt.date(year, 7, 8)), days=6,
                    countries=["KR", "JP", "CN", "IN", "TH", "PH"],
                    participants=rng.randint(400, 900))  # fmt: skip
            if year >= 2013 and not pandemic:
                add(year, f"Cuộc thi Marathon quốc tế Đà Nẵng {year}", EK.SPORT,
                    _day_between(rng, dt.date(year, 8, 1), dt.date(year, 8, 20)),
                    countries=["KR", "JP", "US", "AU", "GB", "SG"],
                    participants=rng.randint(6000, 12000))  # fmt: skip
            if year >= 2015 and not pandemic:
                add(year, f"IRONMAN 70.3 Việt Nam {year}", EK.SPORT,
                    _day_between(rng, dt.date(year, 5, 5), dt.date(year, 5, 15)),
                    countries=["AU", "US", "GB", "SG", "KR", "JP"],
                    participants=rng.randint(1500, 3000))  # fmt: skip
            for _ in range(rng.randint(2, 4) if not pandemic else 1):
                topic = rng.choice(AGREEMENT_TOPICS)[1]
                add(year, f"Hội thảo quốc tế về {topic} {year}", EK.CONFERENCE, _day_in(rng, year),
                    days=2, countries=rng.sample(["KR", "JP", "US", "SG", "AU", "FR", "DE"], 3),
                    participants=rng.randint(80, 400))  # fmt: skip
            if not pandemic and rng.random() < 0.6:
                add(year, f"Triển lãm quốc tế sản phẩm công nghiệp hỗ trợ Đà Nẵng {year}",
                    EK.EXHIBITION, _day_in(rng, year), days=3,
                    countries=["JP", "KR", "TW", "TH"],
                    participants=rng.randint(150, 400))  # fmt: skip
            if year == 2024:
                for name, start, countries in PROMOTION_EVENTS_2024:
                    links = [a["TT-KR-DAEGU-2024"]] if "Daegu" in name else []
                    add(year, name, EK.INVESTMENT_PROMOTION, _date(start), countries=countries,
                        participants=rng.randint(150, 500), agreements=links)  # fmt: skip
            else:
                for _ in range(PROMOTION_EVENTS_PER_YEAR[year]):
                    country = rng.choice(["KR", "JP", "US", "SG", "TW", "AU", "IN"])
                    name = rng.choice(PROMOTION_EVENT_NAMES).format(
                        country=COUNTRY_VI[country], year=year
                    )
                    if pandemic:
                        name += " (trực tuyến)"
                    add(year, name, EK.INVESTMENT_PROMOTION, _day_in(rng, year),
                        countries=[country], participants=rng.randint(80, 400))  # fmt: skip
        add(2017, "Tuần lễ Cấp cao APEC 2017", EK.CONFERENCE, dt.date(2017, 11, 6), days=6,
            countries=["US", "CN", "JP", "RU", "KR", "AU", "CA", "NZ", "SG", "MY", "TH", "ID",
                       "PH", "CL", "PE", "MX", "PG", "BN"],
            participants=10000)  # fmt: skip
        add(2025, "Diễn đàn các thành phố hữu nghị và hợp tác - Đà Nẵng 2025", EK.FORUM,
            dt.date(2025, 7, 3), days=2, countries=["KR", "JP", "IT", "KZ", "LA", "FR", "DE"],
            participants=350,
            agreements=[a["TT-IT-GENOVA-2025"], a["TT-KZ-ALMATY-2025"]])  # fmt: skip
        for year in sorted(events_by_year):
            rows = sorted(events_by_year[year], key=lambda e: (e[2], e[0]))
            for number, (name, kind, start, days, countries, people, links) in enumerate(rows, 1):
                if start > DATA_UNTIL:
                    continue
                event = HostedEvent(
                    ref=f"SK-{year}-{number:02d}", name=name, kind=kind, start_on=start,
                    end_on=min(start + dt.timedelta(days=days - 1), DATA_UNTIL) if days > 1 else None,  # noqa: E501
                    countries=countries, participants=people,
                )  # fmt: skip
                self.events.append(event)
                for agreement in links:
                    self.event_agreements.append((event, agreement))

    # -- FDI --

    def _investor(self, country):
        """A made-up investor: (brand, full company name)."""
        first, second = INVESTOR_WORDS.get(country, DEFAULT_INVESTOR_WORDS)
        brand = self.rng.choice(first)
        return brand, f"{brand} {self.rng.choice(second)}"

    def build_projects(self):
        rng = self.rng
        refs = set()
        countries = list(INVESTOR_COUNTRY_WEIGHTS.items())
        for year, (count, capital, _changes, _contributions) in FDI_PER_YEAR.items():
            rows = []
            named = []
            if year == 2024:
                named.append(DENTIUM)
                capital -= DENTIUM["registered_capital_usd"]
            for _ in range(count - len(named)):
                sector = _pick(rng, SECTOR_WEIGHTS)
                if sector == S.SEMICONDUCTORS and year < 2021:
                    sector = S.INFORMATION_TECHNOLOGY
                country = _pick(rng, countries)
                day = _day_in(rng, year)
                locations = LOCATIONS.get(sector, DEFAULT_LOCATIONS)
                if day >= dt.date(2025, 7, 1) and sector in (S.MANUFACTURING, S.LOGISTICS):
                    locations = locations + LOCATIONS_AFTER_MERGER
                name = rng.choice(PROJECT_NAMES[sector])
                brand, investor = self._investor(country)
                rows.append(
                    {
                        "name": name,
                        "brand": brand,
                        "investor": investor,
                        "investor_country": country,
                        "sector": sector,
                        "location": rng.choice(locations),
                        "certified_on": day,
                        # Heavy-tailed: a few resorts and factories, many small IT projects.
                        "weight": SECTOR_SIZE[sector] * rng.lognormvariate(0, 1.3),
                    }
                )
            amounts = _split(capital, [r.pop("weight") for r in rows], minimum=20_000)
            for row, amount in zip(rows, amounts, strict=True):
                row["registered_capital_usd"] = amount
            rows += [dict(n) for n in named]
            rows.sort(key=lambda r: (r["certified_on"], r["name"], r["investor"]))
            for row in rows:
                ref = str(rng.randrange(10**9, 10**10))
                while ref in refs:
                    ref = str(rng.randrange(10**9, 10**10))
                refs.add(ref)
                row["name"] = f"{row['name']} {row.pop('brand')}" if "brand" in row else row["name"]
                capital_usd = Decimal(row.pop("registered_capital_usd"))
                self.projects.append(FdiProject(ref=ref, registered_capital_usd=capital_usd, **row))
        self._terminate_projects()

    def _terminate_projects(self):
        """Terminate small projects so that exactly FDI_VALID_END_2025 are valid then."""
        rng = self.rng
        by_2025 = [p for p in self.projects if p.certified_on <= END_2025]
        small = sorted(
            (p for p in by_2025 if p.certified_on.year <= 2023),
            key=lambda p: (p.registered_capital_usd, p.ref),
        )[: len(by_2025) // 2]
        small.sort(key=lambda p: p.ref)
        chosen = rng.sample(small, len(by_2025) - FDI_VALID_END_2025 + FDI_TERMINATED_IN_2026)
        for project in chosen[:FDI_TERMINATED_IN_2026]:
            project.terminated_on = _day_in(rng, 2026)
        for project in chosen[FDI_TERMINATED_IN_2026:]:
            first = project.certified_on + dt.timedelta(days=365)
            last = min(END_2025, project.certified_on + dt.timedelta(days=8 * 365))
            project.terminated_on = _day_between(rng, first, last)

    def build_capital_changes(self):
        rng = self.rng
        projects = sorted(self.projects, key=lambda p: (p.certified_on, p.ref))
        used = set()
        reduced = set()
        for year, (_count, _capital, net, _contributions) in FDI_PER_YEAR.items():
            positives, negatives = [], []
            for _ in range(CAPITAL_CHANGES_PER_YEAR[year]):
                for _attempt in range(50):
                    day = _day_in(rng, year)
                    eligible = [
                        p for p in projects if p.certified_on <= day - dt.timedelta(days=90)
                    ]
                    if not eligible:  # early 2011: nothing certified long enough ago
                        continue
                    project = rng.choice(eligible)
                    if (project.ref, day) in used or (
                        project.terminated_on and project.terminated_on <= day
                    ):
                        continue
                    used.add((project.ref, day))
                    break
                else:  # pragma: no cover - only with absurd tables
                    continue
                capital = project.registered_capital_usd
                # About one change in seven reduces capital (at most once per project, by at
                # most a third, so that no project ever has negative capital).
                if (
                    rng.random() < 0.15
                    and project.ref not in reduced
                    and capital <= 20_000_000
                    and project.investor != DENTIUM["investor"]
                ):
                    reduced.add(project.ref)
                    amount = -int(capital * Decimal(rng.uniform(0.05, 0.33))) // 1000 * 1000
                    if amount < 0:
                        negatives.append((project, day, amount))
                        continue
                positives.append((project, day, float(capital) ** 0.5 * rng.lognormvariate(0, 0.8)))
            # Reductions may not swamp a year's net figure: cap them at 40% of it.
            reduction = -sum(n[2] for n in negatives)
            if reduction > 0.4 * net:
                factor = 0.4 * net / reduction
                negatives = [(p, d, int(x * factor) // 1000 * 1000) for p, d, x in negatives]
                negatives = [n for n in negatives if n[2] < 0]
            target = net - sum(n[2] for n in negatives)
            amounts = _split(target, [w for _p, _d, w in positives], minimum=10_000)
            for (project, day, _w), amount in zip(positives, amounts, strict=True):
                self.changes.append(
                    CapitalChange(project=project, changed_on=day, amount_usd=Decimal(amount))
                )
            for project, day, amount in negatives:
                self.changes.append(
                    CapitalChange(project=project, changed_on=day, amount_usd=Decimal(amount))
                )

    def pin_valid_capital(self):
        """Move the valid capital at the end of 2025 onto FDI_VALID_CAPITAL_END_2025.

        The capital of valid projects depends on which projects the draw terminated, so the
        difference goes to the largest valid project of 2018 (a year whose figures nobody quotes).
        """
        valid = {p.ref for p in self.projects if p.is_valid_on(END_2025)}
        total = sum(p.registered_capital_usd for p in self.projects if p.ref in valid) + sum(
            c.amount_usd
            for c in self.changes
            if c.project.ref in valid and c.changed_on <= END_2025
        )
        target = max(
            (p for p in self.projects if p.ref in valid and p.certified_on.year == 2018),
            key=lambda p: (p.registered_capital_usd, p.ref),
        )
        target.registered_capital_usd += Decimal(FDI_VALID_CAPITAL_END_2025) - total
        if target.registered_capital_usd <= 0:
            raise ValueError("The FDI tables are too far from FDI_VALID_CAPITAL_END_2025.")

    def build_contributions(self):
        rng = self.rng
        countries = list(INVESTOR_COUNTRY_WEIGHTS.items())
        for year, (_count, _capital, _changes, total) in FDI_PER_YEAR.items():
            count = CONTRIBUTIONS_PER_YEAR[year]
            amounts = _split(
                total, [rng.lognormvariate(0, 1.0) for _ in range(count)], minimum=50_000
            )
            days = sorted(_day_in(rng, year) for _ in range(count))
            for number, (day, amount) in enumerate(zip(days, amounts, strict=True), start=1):
                country = _pick(rng, countries)
                company = f"Công ty CP {rng.choice(COMPANY_KINDS)} {rng.choice(COMPANY_PLACES)}"
                self.contributions.append(
                    CapitalContribution(
                        ref=f"GV-{year}-{number:03d}",
                        investor=self._investor(country)[1],
                        investor_country=country,
                        company=company,
                        contributed_on=day,
                        amount_usd=Decimal(amount),
                    )
                )

    def build_statistics(self):
        for indicator, year, value, status, source in STATISTICS:
            self.statistics.append(
                StatisticsEntry(
                    indicator=indicator,
                    year=int(year),
                    value=Decimal(value),
                    status=status,
                    source=source,
                )
            )

    # -- saving --

    def save(self):
        def create(model, objs):
            if model._meta.label in SEARCHED_ATTRIBUTES:
                # bulk_create skips save(), which fills the search text.
                for obj in objs:
                    obj.search_text = search_text_for(obj)
            return model.objects.bulk_create(objs, batch_size=BATCH_SIZE)

        def link(field, pairs):
            # Through rows need the ids bulk_create set on the saved objects (SQLite 3.35+ and
            # PostgreSQL return them).
            through = field.through
            source, target = (
                f"{field.field.m2m_field_name()}_id",
                f"{field.field.m2m_reverse_field_name()}_id",
            )
            rows = [through(**{source: a.pk, target: b.pk}) for a, b in pairs]
            return through.objects.bulk_create(rows, batch_size=BATCH_SIZE)

        create(Partner, list(self.partners.values()))
        link(Partner.fields, self.partner_fields)
        create(PartnerContact, self.contacts)
        create(Agreement, list(self.agreements.values()))
        for agreement, renewed in self.renewals:
            agreement.renews = renewed
        Agreement.objects.bulk_update([a for a, _ in self.renewals], ["renews"])
        link(Agreement.partners, self.agreement_partners)
        # Bulk links send no signals: the agreements take their partners' texts and countries.
        refresh_partner_columns(Agreement.objects.all())
        link(Agreement.fields, self.agreement_fields)
        create(ImplementationEntry, self.entries)
        create(Delegation, self.delegations)
        link(Delegation.partners, self.delegation_partners)
        link(Delegation.agreements, self.delegation_agreements)
        create(HostedEvent, self.events)
        link(HostedEvent.agreements, self.event_agreements)
        create(FdiProject, self.projects)
        create(CapitalChange, self.changes)
        create(CapitalContribution, self.contributions)
        create(StatisticsEntry, self.statistics)
        return {
            "partners": len(self.partners),
            "partner_contacts": len(self.contacts),
            "agreements": len(self.agreements),
            "implementation_entries": len(self.entries),
            "delegations": len(self.delegations),
            "events": len(self.events),
            "fdi_projects": len(self.projects),
            "capital_changes": len(self.changes),
            "capital_contributions": len(self.contributions),
            "statistics_entries": len(self.statistics),
        }


# The record types the demo fills; any row in any of them means the database is in use.
DEMO_MODELS = (
    Partner, Agreement, Delegation, HostedEvent, FdiProject, CapitalContribution, StatisticsEntry,
)  # fmt: skip


def database_has_records():
    """Whether any record the demo would write already exists (its refs would collide)."""
    return any(model.objects.exists() for model in DEMO_MODELS)


def load_demo(*, seed=DEFAULT_SEED):
    """Write the demo data set for `seed` into an empty database; return counts per record type.

    All or nothing, in one transaction. The caller checks the database is empty first
    (`database_has_records`): refs are fixed, so a second load would collide.
    """
    demo = _Demo(seed)
    demo.build_partners()
    demo.build_agreements()
    demo.build_implementation()
    demo.build_inbound()
    demo.build_outbound()
    demo.number_delegations()
    demo.build_events()
    demo.build_projects()
    demo.build_capital_changes()
    demo.pin_valid_capital()
    demo.build_contributions()
    demo.build_statistics()
    with transaction.atomic():
        counts = demo.save()
    # Bulk writes send no model signals: the dashboard's cached figures are told here.
    bump_data_version()
    return counts
