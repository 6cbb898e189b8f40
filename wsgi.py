"""The WSGI target: the API, the residents' app and the dashboard on one Flask server (gunicorn wsgi:app)."""

from api import create_app
from dashboard.app import init_dashboard
from webapp import register_webapp

app = create_app()
# Before the dashboard, whose pages answer any path: /app and its files belong to the residents' app.
register_webapp(app)
init_dashboard(app)
