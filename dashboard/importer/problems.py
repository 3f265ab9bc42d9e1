"""What the import reports: problems that stop it, warnings that do not, and its outcome."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Problem:
    """One problem (or warning) at a place in the workbook.

    Data contract: every problem is reported as `sheet, row number, column: message`. `sheet` is
    the file name when the file itself cannot be read; `row` is the row number as the spreadsheet
    shows it (the header is row 1) or None for the whole sheet or file; `column` is the column key
    of the contract (blank when the problem concerns the whole row).
    """

    sheet: str
    row: int | None
    column: str
    message: str

    def __str__(self):
        # "row" stays English on purpose: the line format is part of the contract and scripts
        # read it; the message itself is translated.
        place = self.sheet
        if self.row is not None:
            place += f", row {self.row}"
        if self.column:
            place += f", {self.column}"
        return f"{place}: {self.message}"

    def as_dict(self):
        """As `ImportRun.problems` keeps it (JSON)."""
        return {
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }


# The phases an import goes through, as `ImportProgress.phase` and `ImportRun.phase` name them.
CHECKING = "checking"
WRITING = "writing"


@dataclass(frozen=True, slots=True)
class ImportProgress:
    """Where an import stands, as the engine tells its `progress` callback.

    Sent when the checking starts, every PROGRESS_TICK rows checked, at the end of each sheet and
    when the writing starts (engine.py). `rows_done` counts the rows read and checked so far;
    `rows_total` is the number of data rows the file holds as its reader estimated them
    beforehand (a CSV's lines, a worksheet's declared size; never below `rows_done`), None when
    it cannot tell, and exact from the writing phase on. The writing has no count to give: the
    rows go in by the batch within one transaction. `message` is a line for a log, set every
    PROGRESS_EVERY rows read and before writing a large file, blank otherwise.
    """

    phase: str
    rows_done: int
    rows_total: int | None
    message: str = ""

    def __str__(self):
        return self.message


@dataclass
class SheetCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def as_dict(self):
        return {"created": self.created, "updated": self.updated, "unchanged": self.unchanged}


@dataclass
class ImportResult:
    """The outcome of one import: nothing was written unless `imported` is true."""

    file_name: str
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    counts: dict[str, SheetCounts] = field(default_factory=dict)
    rows_read: int = 0
    imported: bool = False
    import_run: object = None

    @property
    def ok(self):
        return not self.problems
