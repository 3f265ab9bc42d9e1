"""Readers: an `.xlsx` workbook, one `.csv` file named after its sheet, or a folder of them.

Data contract, section 1: one `.xlsx` file, or one `.csv` per sheet (the file named after the
sheet, UTF-8, comma-separated); sheets may be missing. A reader never raises on a bad file: it
turns what is wrong into one clear problem on the file and lets the caller stop there.

Workbooks come from outside, so the archive is inspected before openpyxl sees it: a zip bomb or an
XML part declaring a DTD or entities is refused (see `check_workbook_archive`).
"""

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _

from dashboard.importer.problems import Problem
from dashboard.importer.values import normalise_label

WORKBOOK_SUFFIXES = frozenset({".xlsx", ".xlsm"})
CSV_SUFFIX = ".csv"

# Limits for the archive of a workbook. A real workbook of 100,000 rows is about 30 MB of XML;
# bigger data sets travel as CSV files, which are read as a stream.
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MAX_MEMBERS = 10_000
# XML of spreadsheets compresses 5 to 30 times; a member that shrinks more than 100 times is
# made of repetition, the shape of a zip bomb. Small members (styles, a tiny sheet) may compress
# well without any harm, so the ratio only counts above 1 MB.
MAX_COMPRESSION_RATIO = 100
RATIO_CHECKED_ABOVE_BYTES = 1024 * 1024
# The DTD, if any, sits before the root element, in the first bytes of an XML part.
XML_HEAD_BYTES = 64 * 1024
XML_SUFFIXES = (".xml", ".rels", ".vml")

_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
# Compound File Binary: an old .xls workbook, or an .xlsx encrypted with a password.
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ROOT_ELEMENT = re.compile(r"<[A-Za-z_]")


@dataclass
class SheetSource:
    """One sheet of the contract found in the file: `rows()` yields row 1 (the header) first.

    `count_rows()`, for a progress bar, estimates the data rows (the header left out) without
    parsing them, or returns None when the file does not say.
    """

    key: str
    title: str
    rows: object
    count_rows: object = lambda: None


@dataclass
class Source:
    file_name: str
    sheets: dict[str, SheetSource] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    closers: list = field(default_factory=list)

    def close(self):
        for close in reversed(self.closers):
            close()
        self.closers.clear()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()

    def refuse(self, message):
        self.problems.append(Problem(self.file_name, None, "", message))
        return self


def open_source(source, *, sheet_keys, name=None):
    """Open `source` (a path, or a binary file object with `name` for an upload).

    `sheet_keys` maps a normalised sheet name (its key or Vietnamese label) to the sheet key.
    Returns a `Source`; use it as a context manager so that the workbook is closed.
    """
    if isinstance(source, str | Path):
        path = Path(source)
        file_name = name or path.name
        if path.is_dir():
            return _open_folder(path, sheet_keys=sheet_keys, file_name=file_name)
        if not path.exists():
            return Source(file_name).refuse(_("There is no file or folder at this path."))
        opener = path.open
    else:
        file_name = name or Path(getattr(source, "name", "") or "upload").name
        opener = None

    suffix = Path(file_name).suffix.lower()
    if suffix in WORKBOOK_SUFFIXES:
        return _open_workbook(source, opener, sheet_keys=sheet_keys, file_name=file_name)
    if suffix == CSV_SUFFIX:
        result = Source(file_name)
        key = sheet_keys.get(_normalised_stem(file_name))
        if key is None:
            return result.refuse(
                _("A CSV file must be named after its sheet, for example partners.csv.")
            )
        if opener is not None:
            if path.stat().st_size == 0:
                return result.refuse(_("The file is empty."))
            result.sheets[key] = SheetSource(
                key, file_name, _csv_rows_from_path(path), _csv_size_from_path(path)
            )
        else:
            empty = not source.read(1)
            source.seek(0)
            if empty:
                return result.refuse(_("The file is empty."))
            result.sheets[key] = SheetSource(
                key, file_name, _csv_rows_from_file(source), _csv_size_from_file(source)
            )
        return result
    if suffix == ".xls":
        return Source(file_name).refuse(
            _("This is an old Excel (.xls) workbook; save it as .xlsx and import that.")
        )
    return Source(file_name).refuse(
        _("Import an .xlsx workbook, a .csv file named after its sheet, or a folder of them.")
    )


def _normalised_stem(file_name):
    return normalise_label(Path(file_name).stem)


def _open_folder(path, *, sheet_keys, file_name):
    result = Source(file_name)
    for csv_path in sorted(path.iterdir()):
        if not csv_path.is_file() or csv_path.suffix.lower() != CSV_SUFFIX:
            continue
        key = sheet_keys.get(_normalised_stem(csv_path.name))
        if key is None:
            result.warnings.append(
                Problem(csv_path.name, None, "", _("Not the name of a sheet; file ignored."))
            )
        elif key in result.sheets:
            result.problems.append(
                Problem(
                    csv_path.name,
                    None,
                    "",
                    _("The sheet {sheet} is already in {other}.").format(
                        sheet=key, other=result.sheets[key].title
                    ),
                )
            )
        else:
            result.sheets[key] = SheetSource(
                key, csv_path.name, _csv_rows_from_path(csv_path), _csv_size_from_path(csv_path)
            )
    return result


class UnreadableSheet(Exception):
    """Raised while iterating rows when the file turns out to be unreadable."""


def _csv_rows_from_path(path):
    def rows():
        # utf-8-sig drops the byte order mark Excel writes in front of "CSV UTF-8" files.
        with path.open(encoding="utf-8-sig", newline="") as stream:
            yield from _csv_rows(stream)

    return rows


def _csv_rows_from_file(file):
    def rows():
        file.seek(0)
        stream = io.TextIOWrapper(file, encoding="utf-8-sig", newline="")
        try:
            yield from _csv_rows(stream)
        finally:
            stream.detach()

    return rows


def _csv_size_from_path(path):
    def count_rows():
        try:
            with path.open("rb") as stream:
                return _data_lines(stream)
        except OSError:
            return None

    return count_rows


def _csv_size_from_file(file):
    def count_rows():
        position = file.tell()
        file.seek(0)
        try:
            return _data_lines(file)
        finally:
            file.seek(position)

    return count_rows


def _data_lines(stream):
    """The lines of a CSV stream after its header: its rows, give or take a line break inside a
    quoted cell or a blank line. Counting bytes costs a fraction of a second per 100 MB."""
    lines, last = 0, b"\n"
    while chunk := stream.read(1024 * 1024):
        lines += chunk.count(b"\n")
        last = chunk[-1:]
    lines += last != b"\n"
    return max(lines - 1, 0)


def _csv_rows(stream):
    try:
        yield from csv.reader(stream)
    except UnicodeDecodeError as error:
        raise UnreadableSheet(_("The file is not UTF-8 text.")) from error
    except csv.Error as error:
        raise UnreadableSheet(
            _("The file is not a readable CSV file ({error}).").format(error=error)
        ) from error


def _open_workbook(source, opener, *, sheet_keys, file_name):
    result = Source(file_name)
    try:
        file = opener("rb") if opener is not None else source
    except OSError as error:
        return result.refuse(_("The file cannot be opened ({error}).").format(error=error.strerror))
    if opener is not None:
        result.closers.append(file.close)

    head = file.read(8)
    file.seek(0)
    if not head:
        return result.refuse(_("The file is empty."))
    if head.startswith(_OLE_MAGIC):
        return result.refuse(
            _(
                "This workbook is protected by a password or saved in the old .xls format; "
                "save it as an unprotected .xlsx workbook."
            )
        )
    if not head.startswith(_ZIP_MAGIC):
        return result.refuse(_("This file is not an Excel workbook (.xlsx)."))

    message = check_workbook_archive(file)
    file.seek(0)
    if message:
        return result.refuse(message)

    # openpyxl is imported here: only workbook imports pay for it.
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(file, read_only=True, data_only=True)
    except Exception:
        # openpyxl raises anything from KeyError to XML parse errors on a damaged workbook;
        # the person importing needs one plain sentence, not a traceback.
        return result.refuse(_("The workbook is damaged and cannot be read."))
    result.closers.append(workbook.close)

    for worksheet in workbook.worksheets:
        title = worksheet.title
        key = sheet_keys.get(normalise_label(title))
        if key is None:
            result.warnings.append(
                Problem(title, None, "", _("Not the name of a sheet; sheet ignored."))
            )
        elif key in result.sheets:
            result.problems.append(
                Problem(
                    title,
                    None,
                    "",
                    _("The sheet {sheet} is already in {other}.").format(
                        sheet=key, other=result.sheets[key].title
                    ),
                )
            )
        else:
            result.sheets[key] = SheetSource(
                key, title, _worksheet_rows(worksheet), _worksheet_size(worksheet)
            )
    return result


def _worksheet_rows(worksheet):
    def rows():
        try:
            yield from worksheet.iter_rows(values_only=True)
        except Exception as error:
            raise UnreadableSheet(_("The sheet is damaged and cannot be read.")) from error

    return rows


def _worksheet_size(worksheet):
    def count_rows():
        # Read-only worksheets know the size the sheet's <dimension> declares, if it does; the
        # rows are read up to there anyway.
        max_row = worksheet.max_row
        return max(max_row - 1, 0) if isinstance(max_row, int) else None

    return count_rows


def check_workbook_archive(file):
    """Why the zip archive `file` must not reach openpyxl, or None when it may.

    Refused: an archive that is not a zip or has no workbook part, one that unpacks to more than
    MAX_UNCOMPRESSED_BYTES, a large member compressed more than MAX_COMPRESSION_RATIO times (a
    zip bomb), and XML parts that declare a DTD or entities (billion laughs, external entities).

    The sizes in the zip's directory can lie, but Python's zipfile never inflates a member beyond
    its declared size (it stops there and the CRC check fails), so the declared sizes bound what
    openpyxl will unpack.
    """
    try:
        with zipfile.ZipFile(file) as archive:
            members = archive.infolist()
            if len(members) > MAX_MEMBERS:
                return _("The workbook has too many parts to be a spreadsheet.")
            names = {member.filename for member in members}
            if "xl/workbook.xml" not in names and "xl/workbook.bin" not in names:
                return _("This file is not an Excel workbook (.xlsx).")
            if "xl/workbook.bin" in names and "xl/workbook.xml" not in names:
                return _("This is a binary workbook (.xlsb); save it as .xlsx and import that.")
            total = sum(member.file_size for member in members)
            if total > MAX_UNCOMPRESSED_BYTES:
                return _(
                    "The workbook is too large once unpacked (over {limit} MB); "
                    "import it as CSV files instead."
                ).format(limit=MAX_UNCOMPRESSED_BYTES // (1024 * 1024))
            for member in members:
                if member.file_size > RATIO_CHECKED_ABOVE_BYTES and (
                    member.file_size > MAX_COMPRESSION_RATIO * max(member.compress_size, 1)
                ):
                    return _(
                        "The workbook is refused: a part of it is compressed suspiciously well "
                        "(a zip bomb?)."
                    )
            for member in members:
                if member.filename.lower().endswith(XML_SUFFIXES) and not member.is_dir():
                    with archive.open(member) as part:
                        head = part.read(XML_HEAD_BYTES)
                    if _declares_dtd(head):
                        return _(
                            "The workbook is refused: its XML declares a document type or "
                            "entities, which spreadsheets never need."
                        )
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError):
        return _("The workbook is damaged and cannot be read.")
    except NotImplementedError:
        # An unsupported compression method or a zip encrypted member.
        return _("The workbook is damaged and cannot be read.")
    except RuntimeError:
        # zipfile raises RuntimeError for members encrypted with a password.
        return _(
            "This workbook is protected by a password; save it as an unprotected .xlsx workbook."
        )
    return None


def _declares_dtd(head):
    """True when the start of an XML part holds `<!DOCTYPE` or `<!ENTITY`.

    Also true when no root element starts within the head: a prolog padded beyond
    XML_HEAD_BYTES is not something a spreadsheet program writes.
    """
    if not head:
        return False
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = head.decode("utf-16", errors="replace")
    elif head.startswith((b"<\x00", b"\x00<")):
        text = head.decode("utf-16-le" if head[0] == 0x3C else "utf-16-be", errors="replace")
    else:
        text = head.decode("utf-8", errors="replace")
    upper = text.upper()
    if "<!DOCTYPE" in upper or "<!ENTITY" in upper:
        return True
    return _ROOT_ELEMENT.search(text) is None
