"""The sheets of the import workbook and their columns (data contract, section 1).

Each column has its contract key, which always works, and a Vietnamese label accepted as an
alias (the template workbook may carry either). Labels are matched with case, accents, spaces and
signs ignored (`normalise_label`), so "Ngày ký", "ngay ky" and "NGAY KY" are the same column.

Columns beyond the contract, all optional: partners `name_vi`; agreements `renews_ref` (the ref of
the agreement it renews), `responsible_unit` and `left_to_lapse` (yes: not to be renewed, no
reminders); delegations and events `agreement_refs`; statistics `status`.
"""

from dataclasses import dataclass, field

from agreements.models import Agreement
from dashboard.importer import values as v
from dashboard.models import StatisticsEntry
from dashboard.statistics import STATISTIC_KEYS
from delegations.models import Delegation, HostedEvent
from investment.models import CapitalChange, CapitalContribution, FdiProject
from partners.models import Partner

# Targets of reference columns: another sheet's key, or the cooperation field codes.
FIELD_CODES = "field_codes"


@dataclass(frozen=True)
class Column:
    """One column: `field` is the model field it fills (None for a reference column)."""

    key: str
    label: str
    parse: object = v.text
    required: bool = False
    field: str | None = ""
    default: object = ""
    aliases: tuple[str, ...] = ()

    @property
    def model_field(self):
        return self.key if self.field == "" else self.field


@dataclass(frozen=True)
class Reference:
    """A column naming other records: a many-to-many field, or a foreign key (`many=False`)."""

    column: str
    field: str
    target: str
    many: bool = True


@dataclass(frozen=True)
class Sheet:
    key: str
    label: str
    model: type
    columns: tuple[Column, ...]
    # The columns that find a row's record again: `ref`, or a natural key where there is none.
    key_columns: tuple[str, ...] = ("ref",)
    references: tuple[Reference, ...] = ()
    aliases: tuple[str, ...] = ()
    labels_by_name: dict = field(default=None, compare=False, repr=False)

    def __post_init__(self):
        names = {}
        for column in self.columns:
            for name in (column.key, column.label, *column.aliases):
                normalised = v.normalise_label(name)
                if names.setdefault(normalised, column.key) != column.key:
                    raise ValueError(f"{self.key}: {name!r} names two columns")
        object.__setattr__(self, "labels_by_name", names)

    def column_for(self, header):
        return self.labels_by_name.get(v.normalise_label(header))

    @property
    def columns_by_key(self):
        return {column.key: column for column in self.columns}


def _text(key, label, *, required=False, **kwargs):
    return Column(key, label, v.text, required=required, **kwargs)


def _date(key, label, *, required=False, **kwargs):
    return Column(key, label, v.date, required=required, default=None, **kwargs)


def _choice(key, label, choices, *, required=False, default="", **kwargs):
    return Column(
        key, label, v.choice(choices.values), required=required, default=default, **kwargs
    )


def _refs(key, label, *, required=False, **kwargs):
    return Column(key, label, v.split_list, required=required, field=None, default=[], **kwargs)


def _ref(key, label, *, required=False, **kwargs):
    return Column(key, label, v.text, required=required, field=None, default=None, **kwargs)


def _money(key, label, **kwargs):
    return Column(key, label, v.decimal, required=True, default=None, **kwargs)


PARTNERS = Sheet(
    "partners",
    "Đối tác",
    Partner,
    (
        _text("ref", "Mã", required=True),
        _text("name", "Tên", required=True, aliases=("Tên tiếng Anh",)),
        _text("name_local", "Tên bản ngữ", aliases=("Tên bằng tiếng địa phương",)),
        _text("name_vi", "Tên tiếng Việt"),
        _choice("kind", "Loại", Partner.Kind, required=True, aliases=("Loại đối tác",)),
        _choice("level", "Cấp", Partner.Level),
        Column("country", "Quốc gia", v.country),
        _choice("relationship", "Quan hệ", Partner.Relationship, aliases=("Hình thức quan hệ",)),
        _text("danang_unit", "Đơn vị phía Đà Nẵng"),
        _date("established_on", "Ngày thiết lập", aliases=("Ngày thiết lập quan hệ",)),
        _date("ended_on", "Ngày kết thúc"),
        Column(
            "fields", "Lĩnh vực", v.code_list, field=None, default=[], aliases=("Lĩnh vực hợp tác",)
        ),
        _text("notes", "Ghi chú"),
    ),
    references=(Reference("fields", "fields", FIELD_CODES),),
    aliases=("Địa phương đối tác",),
)

AGREEMENTS = Sheet(
    "agreements",
    "Thỏa thuận",
    Agreement,
    (
        _text("ref", "Mã", required=True),
        _text("title", "Tên thỏa thuận", required=True, aliases=("Tiêu đề",)),
        _choice("kind", "Loại", Agreement.Kind, required=True, aliases=("Loại thỏa thuận",)),
        _refs("partner_refs", "Mã đối tác", required=True),
        _text("danang_signatory", "Cơ quan ký phía Đà Nẵng", aliases=("Bên ký phía Đà Nẵng",)),
        _date("signed_on", "Ngày ký"),
        _text("signed_at", "Nơi ký"),
        _date("effective_on", "Ngày hiệu lực", aliases=("Ngày có hiệu lực",)),
        _date("expires_on", "Ngày hết hạn", aliases=("Ngày hết hiệu lực",)),
        _date("terminated_on", "Ngày chấm dứt"),
        Column(
            "fields", "Lĩnh vực", v.code_list, field=None, default=[], aliases=("Lĩnh vực hợp tác",)
        ),
        _text("summary", "Tóm tắt", aliases=("Nội dung",)),
        _ref("renews_ref", "Mã thỏa thuận được gia hạn", aliases=("Gia hạn thỏa thuận",)),
        _text("responsible_unit", "Đơn vị theo dõi", aliases=("Đơn vị chủ trì",)),
        Column("left_to_lapse", "Để hết hạn", v.boolean, default=False, aliases=("Không gia hạn",)),
    ),
    references=(
        Reference("partner_refs", "partners", "partners"),
        Reference("fields", "fields", FIELD_CODES),
        Reference("renews_ref", "renews", "agreements", many=False),
    ),
    aliases=("Thỏa thuận quốc tế",),
)

DELEGATIONS = Sheet(
    "delegations",
    "Đoàn",
    Delegation,
    (
        _text("ref", "Mã", required=True),
        _choice(
            "direction",
            "Chiều",
            Delegation.Direction,
            required=True,
            aliases=("Đoàn vào ra", "Đoàn vào/ra"),
        ),
        _text("title", "Tên đoàn", required=True),
        _text("head_name", "Trưởng đoàn"),
        _text("head_title", "Chức vụ trưởng đoàn"),
        _choice("level", "Cấp đoàn", Delegation.Level, required=True),
        Column("countries", "Quốc gia", v.country_list, required=True, default=[]),
        _refs("partner_refs", "Mã đối tác"),
        _date("start_on", "Ngày bắt đầu", required=True, aliases=("Từ ngày",)),
        _date("end_on", "Ngày kết thúc", aliases=("Đến ngày",)),
        Column("members", "Số thành viên", v.whole_number, default=None, aliases=("Số người",)),
        _choice("purpose", "Mục đích", Delegation.Purpose),
        Column(
            "city_leaders",
            "Lãnh đạo thành phố",
            v.boolean,
            default=False,
            aliases=("Lãnh đạo thành phố tiếp", "Lãnh đạo thành phố dẫn đoàn"),
        ),
        _text("host_unit", "Đơn vị chủ trì", aliases=("Đơn vị đón tiếp",)),
        _text("outcome", "Kết quả"),
        _refs("agreement_refs", "Mã thỏa thuận"),
    ),
    references=(
        Reference("partner_refs", "partners", "partners"),
        Reference("agreement_refs", "agreements", "agreements"),
    ),
    aliases=("Đoàn vào ra", "Đoàn vào, đoàn ra"),
)

EVENTS = Sheet(
    "events",
    "Sự kiện",
    HostedEvent,
    (
        _text("ref", "Mã", required=True),
        _text("name", "Tên sự kiện", required=True),
        _choice("kind", "Loại", HostedEvent.Kind, required=True, aliases=("Loại sự kiện",)),
        _date("start_on", "Ngày bắt đầu", required=True, aliases=("Từ ngày",)),
        _date("end_on", "Ngày kết thúc", aliases=("Đến ngày",)),
        Column("countries", "Quốc gia tham gia", v.country_list, default=[]),
        Column(
            "participants",
            "Số người tham gia",
            v.whole_number,
            default=None,
            aliases=("Số đại biểu",),
        ),
        _refs("agreement_refs", "Mã thỏa thuận"),
    ),
    references=(Reference("agreement_refs", "agreements", "agreements"),),
    aliases=("Sự kiện quốc tế",),
)

FDI_PROJECTS = Sheet(
    "fdi_projects",
    "Dự án FDI",
    FdiProject,
    (
        _text(
            "ref", "Mã", required=True, aliases=("Số GCNĐKĐT", "Số giấy chứng nhận đăng ký đầu tư")
        ),
        _text("name", "Tên dự án", required=True),
        _text("investor", "Nhà đầu tư", required=True),
        Column("investor_country", "Quốc gia nhà đầu tư", v.country, required=True),
        _choice(
            "sector", "Ngành", FdiProject.Sector, required=True, aliases=("Lĩnh vực", "Ngành nghề")
        ),
        _text("location", "Địa điểm"),
        _date("certified_on", "Ngày cấp", required=True, aliases=("Ngày cấp GCNĐKĐT",)),
        _money("registered_capital_usd", "Vốn đăng ký (USD)", aliases=("Vốn đăng ký",)),
        _date("terminated_on", "Ngày chấm dứt", aliases=("Ngày thu hồi",)),
    ),
    aliases=("Dự án đầu tư nước ngoài",),
)

FDI_CAPITAL_CHANGES = Sheet(
    "fdi_capital_changes",
    "Điều chỉnh vốn FDI",
    CapitalChange,
    (
        _ref("project_ref", "Mã dự án", required=True, aliases=("Số GCNĐKĐT",)),
        _date("changed_on", "Ngày điều chỉnh", required=True),
        _money("amount_usd", "Vốn điều chỉnh (USD)", aliases=("Số tiền (USD)", "Vốn điều chỉnh")),
    ),
    key_columns=("project_ref", "changed_on"),
    references=(Reference("project_ref", "project", "fdi_projects", many=False),),
    aliases=("Điều chỉnh vốn",),
)

FDI_CONTRIBUTIONS = Sheet(
    "fdi_contributions",
    "Góp vốn FDI",
    CapitalContribution,
    (
        _text("ref", "Mã", required=True),
        _text("investor", "Nhà đầu tư", required=True),
        Column("investor_country", "Quốc gia nhà đầu tư", v.country, required=True),
        _text("company", "Doanh nghiệp nhận vốn", required=True, aliases=("Doanh nghiệp",)),
        _date("contributed_on", "Ngày góp vốn", required=True),
        _money("amount_usd", "Số tiền (USD)", aliases=("Giá trị góp vốn (USD)",)),
    ),
    aliases=("Góp vốn, mua cổ phần", "Góp vốn mua cổ phần"),
)

STATISTICS = Sheet(
    "statistics",
    "Số liệu thống kê",
    StatisticsEntry,
    (
        Column("indicator", "Chỉ tiêu", v.choice([s.key for s in STATISTIC_KEYS]), required=True),
        Column("year", "Năm", v.year, required=True, default=None),
        Column("value", "Giá trị", v.decimal, required=True, default=None),
        _text("source", "Nguồn"),
        _choice(
            "status", "Tình trạng", StatisticsEntry.Status, default=StatisticsEntry.Status.OFFICIAL
        ),
    ),
    key_columns=("indicator", "year"),
    aliases=("Thống kê",),
)

# In dependency order: a sheet only refers to sheets before it (and agreements to themselves).
SHEETS = (
    PARTNERS,
    AGREEMENTS,
    DELEGATIONS,
    EVENTS,
    FDI_PROJECTS,
    FDI_CAPITAL_CHANGES,
    FDI_CONTRIBUTIONS,
    STATISTICS,
)
SHEETS_BY_KEY = {sheet.key: sheet for sheet in SHEETS}


def sheet_names():
    """Normalised sheet name (its key or a Vietnamese label) -> sheet key."""
    names = {}
    for sheet in SHEETS:
        for name in (sheet.key, sheet.label, *sheet.aliases):
            normalised = v.normalise_label(name)
            if names.setdefault(normalised, sheet.key) != sheet.key:
                raise ValueError(f"{name!r} names two sheets")
    return names
