"""API tests run against the app on a real database."""

from tests.database import app, client, database_url, quick_password_hashing, runner

__all__ = ["app", "client", "database_url", "quick_password_hashing", "runner"]
