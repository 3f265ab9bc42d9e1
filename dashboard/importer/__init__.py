"""The workbook import (data contract, section 1): one engine for the command and the upload page.

from dashboard.importer import import_workbook

result = import_workbook(path_or_upload, user=user)
if result.problems: ...  # nothing was written; each prints as `sheet, row N, column: message`
"""

from dashboard.importer.engine import import_workbook
from dashboard.importer.problems import ImportResult, Problem, SheetCounts
from dashboard.importer.sheets import SHEETS

__all__ = ["SHEETS", "ImportResult", "Problem", "SheetCounts", "import_workbook"]
