"""Django settings for the LaborMap web platform — everything the operator sets comes from the environment.

See ``docs/web.md`` for the variables. Adding a domain app takes one line in ``DOMAIN_APPS``: its
``urls.py`` is mounted at ``/<label>/`` (or the app config's ``url_prefix``), its ``api.py`` ``router``
under ``/api/v1/`` and its ``card_panel`` (if any) on the employer card.
"""

from __future__ import annotations

from pathlib import Path

from labormap.web import conf

BASE_DIR = Path(__file__).resolve().parent

DEMO = conf.demo_mode()
SECRET_KEY = conf.secret_key()
DEBUG = conf.env_bool("LABORMAP_DEBUG", False)
ALLOWED_HOSTS = conf.env_list(
    "LABORMAP_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"] if DEMO or DEBUG else []
)
CSRF_TRUSTED_ORIGINS = conf.env_list("LABORMAP_CSRF_TRUSTED_ORIGINS", [])

# The domain apps, one per line; the order is the order of the navigation bar.
DOMAIN_APPS = [
    "labormap.web.accounts",
    "labormap.web.employers",
    "labormap.web.maps",
    "labormap.web.alerts",
    "labormap.web.dashboard",
    "labormap.web.cases",
    "labormap.web.hearings",
    "labormap.web.playbooks",
    "labormap.web.reportdownloads",
    "labormap.web.layoffs",
    "labormap.web.analytics",
    "labormap.web.operations",
    "labormap.web.control",
    "labormap.web.reconcile",
    "labormap.web.agreements",
    "labormap.web.unions",
    "labormap.web.voice",
]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "labormap.web.core",
    *DOMAIN_APPS,
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "labormap.web.core.middleware.SecurityHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "labormap.web.core.middleware.RussianFirstMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "labormap.web.accounts.middleware.AccountExpiryMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "labormap.web.urls"
WSGI_APPLICATION = "labormap.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "labormap.web.core.context.site",
            ],
        },
    }
]

DATABASES = {"default": conf.database()}
# LABORMAP_CACHE_URL=redis://… shares one cache between the gunicorn workers; unset: per-process memory
CACHES = {"default": conf.cache(namespace=str(DATABASES["default"]["NAME"]))}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- authentication and passwords ---------------------------------------------------------------------
AUTHENTICATION_BACKENDS = ["labormap.web.accounts.backends.ExpiringAccountBackend"]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "dashboard:index"
LOGOUT_REDIRECT_URL = "accounts:login"
# Login throttling: this many failures for one user name or one address within the window lock it out.
LOGIN_FAILURE_LIMIT = conf.env_int("LABORMAP_LOGIN_FAILURE_LIMIT", 5)
LOGIN_FAILURE_WINDOW_S = conf.env_int("LABORMAP_LOGIN_FAILURE_WINDOW", 900)
# Past the limit each attempt waits 1, 2, 4 … s after the last failure, at most this (accounts/throttle.py).
LOGIN_BACKOFF_MAX_S = conf.env_int("LABORMAP_LOGIN_BACKOFF_MAX", 60)
# Reverse proxies (addresses or networks) whose X-Forwarded-For names the client (accounts/proxies.py).
TRUSTED_PROXIES = conf.env_list("LABORMAP_TRUSTED_PROXIES", [])
API_TOKEN_TTL_S = conf.env_int("LABORMAP_API_TOKEN_TTL", 8 * 3600)

# --- secure defaults -------------------------------------------------------------------------------
_https = conf.env_bool("LABORMAP_HTTPS", not DEMO)
SESSION_COOKIE_SECURE = _https
CSRF_COOKIE_SECURE = _https
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = conf.env_int("LABORMAP_SESSION_AGE", 8 * 3600)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_HSTS_SECONDS = 31_536_000 if _https else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = _https
SECURE_SSL_REDIRECT = conf.env_bool("LABORMAP_SSL_REDIRECT", False)
if conf.env_bool("LABORMAP_BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    USE_X_FORWARDED_HOST = True

from labormap.i18n import catalogue_dirs as _engine_catalogue_dirs  # noqa: E402

# --- languages and formats ---------------------------------------------------------------------------
LANGUAGE_CODE = "ru"
LANGUAGES = [("ru", "Русский"), ("kk", "Қазақша"), ("en", "English")]
# The engine's catalogues join the web's: one gettext mechanism for both (labormap.i18n).
LOCALE_PATHS = [BASE_DIR / "locale", *_engine_catalogue_dirs()]
FORMAT_MODULE_PATH = ["labormap.web.formats"]
USE_I18N = True
USE_THOUSAND_SEPARATOR = True
TIME_ZONE = "Asia/Almaty"
USE_TZ = True

# --- static files (vendored; served by WhiteNoise straight from the package, no collectstatic) -------
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
WHITENOISE_MAX_AGE = 3600

# --- e-mail ------------------------------------------------------------------------------------------
_email = conf.email()
EMAIL_BACKEND = str(_email.pop("EMAIL_BACKEND"))
DEFAULT_FROM_EMAIL = str(_email.pop("DEFAULT_FROM_EMAIL"))
globals().update(_email)
EMAIL_TIMEOUT = 20

# --- LaborMap ----------------------------------------------------------------------------------------
LABORMAP_GEOJSON = conf.geojson_path()
LABORMAP_WAREHOUSE = conf.warehouse_path()
LABORMAP_PAGE_SIZE = 50
LABORMAP_EXPORT_LIMIT = conf.env_int("LABORMAP_EXPORT_LIMIT", 500_000)
# a rise of at least this many score points between two snapshots raises a "sharp jump" alert
LABORMAP_JUMP_POINTS = conf.env_int("LABORMAP_JUMP_POINTS", 15)
# media signals at or above this severity (0..3) raise an alert
LABORMAP_MEDIA_SEVERITY = conf.env_int("LABORMAP_MEDIA_SEVERITY", 2)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"labormap": {"handlers": ["console"], "level": "INFO", "propagate": False}},
}
