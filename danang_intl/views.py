"""Views of the project itself, not of one app."""

from django.conf import settings
from django.contrib.auth.decorators import permission_required
from django.http import Http404
from django.views.static import serve


@permission_required("agreements.view_agreement", raise_exception=True)
def protected_media(request, path):
    """Signed scans are the city's records: only signed-in users who may see agreements get them."""
    if ".." in path.split("/"):
        raise Http404
    return serve(request, path, document_root=settings.MEDIA_ROOT)
