"""Unbound extension objects, bound to the app in create_app."""

from flask_caching import Cache
from flask_compress import Compress
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy.orm import DeclarativeBase

from api import limit_storage  # noqa: F401 (registers the rate limits' process-memory:// storage)
from api.smorest import RestApi


class Base(DeclarativeBase):
    pass


db = SQLAlchemy(model_class=Base)
migrate = Migrate()
rest_api = RestApi()
limiter = Limiter(key_func=get_remote_address, default_limits=[])
# Derived statistics shared by every worker (Redis when configured, else files under instance/).
cache = Cache()
compress = Compress()
