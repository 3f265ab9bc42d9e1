"""Reading the figures back from the indicator and statistics pages: each cell keeps its raw
value in `data-value` beside the styled text, so tests compare pages with the CSV and workbook."""

from decimal import Decimal
from html.parser import HTMLParser


class FigureCells(HTMLParser):
    """A page's table of figures as data: per key (`tr[data-key]`) and year (`td[data-year]`),
    the cell's `data-value`, its styled value, change and badge, and its title; and the group
    headings in order."""

    def __init__(self, html):
        super().__init__()
        self.cells = {}  # {key: {year: {"raw", "value", "change", "badge", "title"}}}
        self.groups = []
        self._key = self._cell = self._span = None
        self._in_group = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "tr" and "data-key" in attrs:
            self._key = attrs["data-key"]
        elif tag == "tr" and "group-heading" in (attrs.get("class") or ""):
            self._in_group = True
            self.groups.append("")
        elif tag == "td" and self._key and "data-year" in attrs:
            self._cell = {"raw": attrs["data-value"], "title": attrs.get("title", "")}
            self._cell |= {"text": "", "value": "", "change": "", "badge": ""}
            self.cells.setdefault(self._key, {})[int(attrs["data-year"])] = self._cell
        elif tag == "span" and self._cell is not None:
            self._span = attrs.get("class")

    def handle_endtag(self, tag):
        if tag == "tr":
            self._key, self._in_group = None, False
        elif tag == "td":
            self._cell = None
        elif tag == "span":
            self._span = None

    def handle_data(self, data):
        if self._in_group:
            self.groups[-1] += data.strip()
        if self._cell is not None:
            self._cell["text"] += data.strip()
            if self._span in ("value", "change", "badge"):
                self._cell[self._span] += data.strip()

    def raw_values(self):
        return {
            key: {year: decimal_or_none(cell["raw"]) for year, cell in by_year.items()}
            for key, by_year in self.cells.items()
        }


def decimal_or_none(value):
    """A blank cell is None; any number (text, int, float from openpyxl) a Decimal."""
    return None if value in ("", None) else Decimal(str(value))
