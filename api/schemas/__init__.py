"""Request and response shapes (marshmallow) by noun; they also document the API."""
