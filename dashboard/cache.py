"""The dashboard's figures through Django's cache, keyed by a "data version".

Every write to a record that a figure is computed from gives the data a new version
(`bump_data_version`: the model signals of dashboard/signals.py, the importer's bulk writes and
`load_demo`), so figures cached under the old version are never read again: a leader does not
see a stale number after staff save. The timeout is only a safety net for writes that bypass
both (a `QuerySet.update()` in a shell, SQL by hand), and for the local-memory cache, which each
process keeps for itself: with several processes, or a command run beside the server, only a
shared cache (REDIS_URL) makes a bump seen everywhere at once.
"""

import uuid

from django.core.cache import cache, caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import DEFAULT_DB_ALIAS, transaction

DATA_VERSION_KEY = "dashboard:data-version"
FIGURES_TIMEOUT = 15 * 60  # seconds


def data_version():
    """The current version of the data, created on first use."""
    version = cache.get(DATA_VERSION_KEY)
    if version is None:
        # `add` keeps a version another process has just created rather than overwrite it.
        cache.add(DATA_VERSION_KEY, uuid.uuid4().hex, timeout=None)
        version = cache.get(DATA_VERSION_KEY)
    return version


def bump_data_version(*, using=DEFAULT_DB_ALIAS):
    """Give the data a new version: every figure cached until now is left behind.

    Inside a transaction the version changes twice: now, so that the writer's own later reads
    are fresh, and again once the transaction commits, because a page computed meanwhile by
    another request saw the data without the uncommitted write and cached it under the
    version of now.
    """
    _new_version()
    if transaction.get_connection(using).in_atomic_block:
        transaction.on_commit(_new_version, using=using)


# Imports this process has seen succeed (note_import_succeeded): a few numbers per import.
_imports_seen = set()


def note_import_succeeded(run_id):
    """Told by the page that follows an import, when it sees the import succeed.

    The import worker is a process of its own: its bump reaches a shared cache (REDIS_URL), not
    the local-memory cache of a laptop's server, which would otherwise show the figures of before
    the import for up to FIGURES_TIMEOUT. Here that server's own cache gets a new version, once
    per import, so that the person who imported sees the new figures at once.
    """
    if run_id in _imports_seen or not isinstance(caches["default"], LocMemCache):
        return
    _imports_seen.add(run_id)
    _new_version()


def _new_version():
    cache.set(DATA_VERSION_KEY, uuid.uuid4().hex, timeout=None)


def cached_figures(name, *, compute, **key_parts):
    """`compute()` cached under `name`, the data version and `key_parts` (the year, the language,
    ...); computed again once the data changes."""
    parts = ":".join(f"{key}={value}" for key, value in sorted(key_parts.items()))
    key = f"dashboard:{name}:{data_version()}:{parts}"
    return cache.get_or_set(key, compute, timeout=FIGURES_TIMEOUT)
