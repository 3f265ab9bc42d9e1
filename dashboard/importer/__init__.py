"""The workbook import (data contract, section 1): one engine for the command and the upload page.

from dashboard.importer import import_workbook

result = import_workbook(path_or_upload, user=user, progress=callback)
if result.problems: ...  # nothing was written; each prints as `sheet, row N, column: message`

Imports run one at a time (locking.py): a second one waits, then sees what the first saved.
`callback`, if given, receives an `ImportProgress` now and then (engine.py).
"""

# The engine's import_workbook behind the import lock: one import at a time (locking.py).
from dashboard.importer.locking import import_workbook
from dashboard.importer.problems import ImportProgress, ImportResult, Problem, SheetCounts
from dashboard.importer.sheets import SHEETS

__all__ = ["SHEETS", "ImportProgress", "ImportResult", "Problem", "SheetCounts", "import_workbook"]
