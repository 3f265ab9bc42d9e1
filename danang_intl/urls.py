from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.i18n import set_language

from danang_intl.site_search import search
from danang_intl.views import protected_media

admin.site.site_header = _("Da Nang foreign affairs")
admin.site.site_title = _("Da Nang foreign affairs")
admin.site.index_title = _("Records")

urlpatterns = [
    path("", include("dashboard.urls")),
    path("admin/", admin.site.urls),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    # Choosing a language must work on the login page too.
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("media/<path:path>", protected_media, name="media"),
    path("partners/", include("partners.urls")),
    path("agreements/", include("agreements.urls")),
    path("", include("delegations.urls")),  # /delegations/ and /events/
    path("investment/", include("investment.urls")),
    path("search/", search, name="search"),
]
