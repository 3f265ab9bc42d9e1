from django.shortcuts import render
from django.utils import timezone

from dashboard.selectors import record_overview


def home(request):
    today = timezone.localdate()
    return render(request, "dashboard/home.html", {"today": today, "overview": record_overview(day=today)})
