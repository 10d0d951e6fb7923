# Production image: gunicorn serves the app; the same image runs the Celery worker and beat.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 DJANGO_SETTINGS_MODULE=tatweer.settings.production

# WeasyPrint needs Pango; gettext compiles the message catalogues.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 gettext \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
# The production lock only: no test, lint or type-checking tool in the image (requirements-dev.lock).
COPY requirements.lock .
RUN pip install --no-cache-dir -r requirements.lock

COPY . .
# Build-time only: collectstatic and compilemessages need settings that import, not real secrets.
RUN export DJANGO_SECRET_KEY=build DATABASE_URL=postgres://build@localhost/build REDIS_URL=redis://localhost \
    DJANGO_ALLOWED_HOSTS=build TATWEER_TRUSTED_PROXY_COUNT=0 \
    && python manage.py collectstatic --noinput \
    && python manage.py compilemessages --ignore=.venv -v 0 \
    && useradd --create-home --uid 1000 tatweer && mkdir -p /data/private /data/media && chown -R tatweer /data

USER tatweer
EXPOSE 8000
CMD ["gunicorn", "tatweer.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--timeout", "60", "--access-logfile", "-"]
