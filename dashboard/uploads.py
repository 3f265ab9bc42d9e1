"""Uploaded workbooks kept between the preview of an import and its confirmation.

The upload page (data contract, section 1: "shows the same problems, row by row, before anything
is saved") previews a workbook with a dry run and imports it only when staff confirm. In between,
the file waits on disk under a random token, never under the name the user gave it, in
`pending_dir()`; the session remembers which tokens belong to the user, with the file's SHA-256
and the counts of the preview. Confirming reads the stored bytes once, hashes them again and
imports exactly those bytes, so a file that changed meanwhile cannot slip through.
"""

import hashlib
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

SESSION_KEY = "pending_imports"
# A preview nobody confirmed is forgotten after a working day.
MAX_AGE_SECONDS = 24 * 60 * 60
# Previews one session may keep waiting at once (several tabs); the oldest goes first.
MAX_PENDING_PER_SESSION = 5
TOKEN_BYTES = 24


def pending_dir():
    return Path(settings.MEDIA_ROOT) / "imports" / "pending"


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
