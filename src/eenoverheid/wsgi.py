"""WSGI entry point, served by gunicorn (see `eenoverheid serve`)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eenoverheid.settings")

application = get_wsgi_application()
