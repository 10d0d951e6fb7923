from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

from accounts import views as accounts_views
from commons.views import offline as commons_offline
from core import views as core_views

handler403 = "core.views.error_403"
handler404 = "core.views.error_404"
handler429 = "core.views.error_429"  # allauth's rate limits answer with this

urlpatterns: list[URLPattern | URLResolver] = [
    path("healthz", core_views.healthz, name="healthz"),
    path("i18n/setlang/", accounts_views.set_language, name="set_language"),
    # The platform's service worker, at the root so that its scope covers every language prefix.
    path("platform-sw.js", commons_offline.service_worker, name="platform_service_worker"),
]

urlpatterns += i18n_patterns(
    path("", include("core.urls")),
    path("accounts/", include("allauth.urls")),
    path("account/", include("accounts.urls")),
    path("notifications/", include("notifications.urls")),
    path("centres/", include("centers.urls")),
    path("organisations/", include("organizations.urls")),
    path("events/", include("trainings.urls")),
    path("grants/", include("grants.urls")),
    path("legal/", include("legal_aid.urls")),
    path("results/", include("results.urls")),
    path("platform/", include("commons.urls")),
    path("partnerships/", include("partnerships.urls")),
    path("admin/", admin.site.urls),
)
