"""The WSGI target: the API and the dashboard on one Flask server (gunicorn wsgi:app)."""

from api import create_app
from dashboard.app import init_dashboard

app = create_app()
init_dashboard(app)
