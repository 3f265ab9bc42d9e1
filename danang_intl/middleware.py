"""Request-wide behaviour of the project."""

import logging
import sys

from django.conf import settings
from django.core.signals import got_request_exception
from django.db import DEFAULT_DB_ALIAS, InterfaceError, OperationalError, connections
from django.http import HttpResponse
from django.middleware.locale import LocaleMiddleware
from django.template import loader
from django.utils import translation
from django.utils.cache import add_never_cache_headers

logger = logging.getLogger(__name__)

# What Django raises when the database cannot be reached or the connection broke: a server down
# or restarting, a network cut, a connection the server dropped.
DATABASE_UNAVAILABLE_ERRORS = (OperationalError, InterfaceError)
# Seconds after which a browser or a proxy may try again (the Retry-After header of the 503).
RETRY_AFTER = 30


def chosen_language(request):
    """The language the user chose with the switch in the header, else Vietnamese."""
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    return chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


class ChosenLanguageMiddleware(LocaleMiddleware):
    """Vietnamese unless the user chose another language with the switch in the header.

    Django's LocaleMiddleware would follow the browser's Accept-Language, and many office
    computers here run an English browser; the office works in Vietnamese, so only an explicit
    choice (the language cookie set by the switch) changes the language.
    """

    def process_request(self, request):
        translation.activate(chosen_language(request))
        request.LANGUAGE_CODE = translation.get_language()


class DatabaseUnavailableMiddleware:
    """A clear page, status 503, when the database cannot be reached; nothing to do to recover.

    It sits above the session and authentication middleware, which are the first to need the
    database, and the page (templates/503.html) is rendered without a request context: no
    context processor, no `user`, nothing that would need the database again. Three ways the
    failure can reach it:

    - the connection cannot be opened: checked first, before any other layer runs;
    - a view raises: `process_exception`;
    - an inner middleware (sessions, authentication) raises: Django turns that into a 500
      response in the layer itself, so the error is noted on the request when Django signals it
      (`got_request_exception`) and the 500 is replaced here.

    Recovery needs nothing: a broken connection is closed by Django (CONN_HEALTH_CHECKS, and at
    the end of a request that had a database error), and the next request opens a new one.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            connections[DEFAULT_DB_ALIAS].ensure_connection()
            response = self.get_response(request)
        except DATABASE_UNAVAILABLE_ERRORS as error:
            return database_unavailable(request, error)
        error = getattr(request, "_database_unavailable", None)
        if error is not None:
            return database_unavailable(request, error)
        return response

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_UNAVAILABLE_ERRORS):
            return database_unavailable(request, exception)
        return None


def _note_database_error(sender, request=None, **kwargs):
    """Note on the request a database error that an inner layer turned into a 500 response."""
    error = sys.exception()
    if request is not None and isinstance(error, DATABASE_UNAVAILABLE_ERRORS):
        request._database_unavailable = error


got_request_exception.connect(_note_database_error, dispatch_uid="danang_intl.database_error")


def database_unavailable(request, error):
    """The 503 page, in the user's language, with no detail of the error (that goes to the log)."""
    logger.error("Database unavailable for %s %s: %s", request.method, request.path, error)
    language = chosen_language(request)
    context = {
        "LANGUAGE_CODE": language,
        "retry_url": request.get_full_path() if request.method in ("GET", "HEAD") else "/",
    }
    with translation.override(language):
        content = loader.render_to_string("503.html", context)
    response = HttpResponse(content, status=503)
    response["Retry-After"] = str(RETRY_AFTER)
    add_never_cache_headers(response)
    return response
