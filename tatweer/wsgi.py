import os

from django.core.wsgi import get_wsgi_application

from tatweer import embedded_db

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tatweer.settings.local")
application = get_wsgi_application()
# Development only (runserver, a local gunicorn): production settings have no embedded database, so
# this does nothing there.
embedded_db.ensure_started()
