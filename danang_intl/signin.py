"""Signing in under django-axes: the lockout page and who the visitor is behind a proxy."""

from axes.helpers import get_client_username, get_cool_off
from django.contrib.auth.forms import AuthenticationForm
from django.shortcuts import render


def lockout_response(request, original_response=None, credentials=None):
    """The sign-in page again, saying that this user name is locked and for how long (429).

    django-axes calls this instead of answering with its bare English text; the page keeps the
    form so that the visitor sees where they are and can come back to it after the wait.
    """
    username = get_client_username(request, credentials) or ""
    cool_off = get_cool_off(request)
    context = {
        "form": AuthenticationForm(request, initial={"username": username}),
        "next": request.POST.get("next", request.GET.get("next", "")),
        "locked_out": True,
        "cool_off_minutes": int(cool_off.total_seconds() // 60) if cool_off else None,
    }
    return render(request, "registration/login.html", context, status=429)


def forwarded_client_ip(request):
    """The visitor's address as our reverse proxy saw it (DJANGO_BEHIND_PROXY=1).

    The proxy appends the address it received the request from to X-Forwarded-For, so the last
    entry is the one that cannot be forged; earlier entries come from the visitor and are ignored.
    Without the header (a request that did not pass the proxy) the socket's address counts.
    """
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    last = forwarded.split(",")[-1].strip()
    return last or request.META.get("REMOTE_ADDR")
