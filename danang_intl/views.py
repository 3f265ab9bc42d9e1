"""Views of the project itself, not of one app."""

from django.conf import settings
from django.contrib.auth.decorators import permission_required
from django.http import Http404
from django.views.static import serve

# Only the signed scans of agreements are served; pending uploads and anything else stored under
# MEDIA_ROOT stay out of reach, whatever the path asks.
SERVED_MEDIA_PREFIXES = ("agreements/scans/",)


@permission_required("agreements.view_agreement", raise_exception=True)
def protected_media(request, path):
    """Signed scans are the city's records: only signed-in users who may see agreements get them."""
    if ".." in path.split("/") or not path.startswith(SERVED_MEDIA_PREFIXES):
        raise Http404
    return serve(request, path, document_root=settings.MEDIA_ROOT)
