"""Uploaded workbooks kept between the preview of an import and its confirmation.

The upload page (data contract, section 1: "shows the same problems, row by row, before anything
is saved") previews a workbook with a dry run and imports it only when staff confirm. In between,
the file waits on disk under a random token, never under the name the user gave it, in
`pending_dir()`; the session remembers which tokens belong to the user, with the file's SHA-256
and the counts of the preview. Confirming moves the file to `queued_dir()`, out of the session and
out of reach of `prune_stale`, for the import worker (dashboard/tasks.py), which reads the stored
bytes once, hashes them again and imports exactly those bytes, so a file that changed meanwhile
cannot slip through. The worker deletes the file when it is done with it. The web server and the
worker must therefore share MEDIA_ROOT (the same machine, or the same mounted folder).
"""

import hashlib
import re
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext_lazy as _

SESSION_KEY = "pending_imports"
# A preview nobody confirmed is forgotten after a working day.
MAX_AGE_SECONDS = 24 * 60 * 60
# Previews one session may keep waiting at once (several tabs); the oldest goes first.
MAX_PENDING_PER_SESSION = 5
TOKEN_BYTES = 24
# What secrets.token_urlsafe makes.
TOKEN_PATTERN = re.compile(r"[A-Za-z0-9_-]+")

# Said by the confirmation (dashboard/views.py) and by the import worker (dashboard/tasks.py).
NOT_WAITING = _(
    "This file is no longer waiting for confirmation: it was imported or refused already, or its "
    "preview expired. Nothing was imported; upload it again."
)
FILE_CHANGED = _(
    "The file changed after its preview (its SHA-256 is not the one shown). Nothing was "
    "imported; upload it again and check the preview."
)


def pending_dir():
    return Path(settings.MEDIA_ROOT) / "imports" / "pending"


def queued_dir():
    return Path(settings.MEDIA_ROOT) / "imports" / "queued"


def file_sha256(data):
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class PendingUpload:
    """A previewed file waiting for confirmation; `counts` are the preview's, per sheet."""

    token: str
    file_name: str
    sha256: str
    counts: dict

    @property
    def path(self):
        return pending_dir() / self.token

    def read(self):
        """The stored bytes, or None when the file is gone."""
        try:
            return self.path.read_bytes()
        except OSError:
            return None


def store(data):
    """Keep the bytes of an uploaded file under a new token; returns the token."""
    prune_stale()
    directory = pending_dir()
    directory.mkdir(parents=True, exist_ok=True)
    token = secrets.token_urlsafe(TOKEN_BYTES)
    # "x": a token never names two files, not even by a collision.
    with (directory / token).open("xb") as stored:
        stored.write(data)
    return token


def remember(session, pending):
    """Keep `pending` in the session, dropping the oldest when there are too many."""
    waiting = dict(session.get(SESSION_KEY, {}))
    waiting[pending.token] = {
        "file_name": pending.file_name,
        "sha256": pending.sha256,
        "counts": pending.counts,
    }
    while len(waiting) > MAX_PENDING_PER_SESSION:
        oldest = next(iter(waiting))
        discard_file(oldest)
        del waiting[oldest]
    session[SESSION_KEY] = waiting


def recall(session, token):
    """The upload `token` of this session, or None (another user's token is never found)."""
    entry = session.get(SESSION_KEY, {}).get(token)
    if entry is None:
        return None
    return PendingUpload(token, entry["file_name"], entry["sha256"], entry["counts"])


def forget(session, token):
    """Remove the upload from the session and the disk; a token is used once at most."""
    waiting = dict(session.get(SESSION_KEY, {}))
    waiting.pop(token, None)
    session[SESSION_KEY] = waiting
    discard_file(token)


def queue(session, pending):
    """Hand the previewed file over to the import worker: out of the session (a preview is
    confirmed once at most) and into `queued_dir()`. False when the file is gone already."""
    waiting = dict(session.get(SESSION_KEY, {}))
    waiting.pop(pending.token, None)
    session[SESSION_KEY] = waiting
    directory = queued_dir()
    directory.mkdir(parents=True, exist_ok=True)
    try:
        # A rename within MEDIA_ROOT: the worker never sees half a file.
        pending.path.rename(directory / pending.token)
    except FileNotFoundError:
        return False
    return True


def read_queued(token):
    """The bytes of a confirmed file waiting for the worker, or None when it is gone."""
    try:
        return _queued_path(token).read_bytes()
    except OSError:
        return None


def discard_queued(token):
    _queued_path(token).unlink(missing_ok=True)


def _queued_path(token):
    # The token comes back from the task's arguments in the database: a name, never a path.
    if not TOKEN_PATTERN.fullmatch(token):
        raise ValueError(f"Not an upload token: {token!r}")
    return queued_dir() / token


def discard_file(token):
    (pending_dir() / token).unlink(missing_ok=True)


def prune_stale(*, now=None):
    """Delete stored uploads older than MAX_AGE_SECONDS (previews left unconfirmed)."""
    directory = pending_dir()
    if not directory.is_dir():
        return
    limit = (now if now is not None else time.time()) - MAX_AGE_SECONDS
    for path in directory.iterdir():
        try:
            if path.is_file() and path.stat().st_mtime < limit:
                path.unlink()
        except OSError:
            # Another request removed it first.
            continue
