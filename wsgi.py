"""The WSGI target: the API, the residents' app and the dashboard on one Flask server (gunicorn wsgi:app)."""

from api import create_app
from api.services.privacy import require_privacy_contact
from dashboard.app import init_dashboard
from webapp import register_webapp

app = create_app()
# The web server is what shows residents the privacy notice; the scheduler and the CLI start without a contact.
require_privacy_contact(app.config)
# Before the dashboard, whose pages answer any path: /app and its files belong to the residents' app.
register_webapp(app)
init_dashboard(app)
