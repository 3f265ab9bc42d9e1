"""The Vietnamese catalogue covers every user-facing string, and the committed .mo matches its .po.

Strings are collected the way `make messages` collects them, from a copy of the sources, so a new
string without a Vietnamese translation fails here rather than showing up in English on a page.
"""

import gettext
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SOURCE_DIRS = [
    "danang_intl",
    "partners",
    "agreements",
    "delegations",
    "investment",
    "dashboard",
    "templates",
]

pytestmark = pytest.mark.skipif(shutil.which("msgattrib") is None, reason="needs GNU gettext")


def entries_needing_translation(po_path, flag):
    result = subprocess.run(
        ["msgattrib", flag, "--no-wrap", str(po_path)], capture_output=True, text=True, check=True
    )
    msgids = [line for line in result.stdout.splitlines() if line.startswith("msgid ")]
    return [msgid for msgid in msgids if msgid != 'msgid ""']


@pytest.fixture(scope="module")
def fresh_vietnamese_catalogue(tmp_path_factory):
    copy = tmp_path_factory.mktemp("project")
    for name in SOURCE_DIRS + ["locale"]:
        shutil.copytree(ROOT / name, copy / name)
    shutil.copy(ROOT / "manage.py", copy / "manage.py")
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "vi", "--no-obsolete"],
        cwd=copy,
        capture_output=True,
        check=True,
        env={"PATH": "/usr/bin:/bin", "DJANGO_DEBUG": "1"},
    )
    return copy / "locale" / "vi" / "LC_MESSAGES" / "django.po"


def test_every_user_facing_string_has_a_vietnamese_translation(fresh_vietnamese_catalogue):
    assert entries_needing_translation(fresh_vietnamese_catalogue, "--untranslated") == []


def test_no_vietnamese_translation_is_a_fuzzy_guess(fresh_vietnamese_catalogue):
    assert entries_needing_translation(fresh_vietnamese_catalogue, "--only-fuzzy") == []


@pytest.mark.parametrize("language", ["vi", "en"])
def test_compiled_catalogue_matches_its_source(language, tmp_path):
    folder = ROOT / "locale" / language / "LC_MESSAGES"
    compiled = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "-o", str(compiled), str(folder / "django.po")], check=True)
    with open(compiled, "rb") as fresh, open(folder / "django.mo", "rb") as committed:
        committed_catalogue = gettext.GNUTranslations(committed)._catalog
        assert committed_catalogue == gettext.GNUTranslations(fresh)._catalog
