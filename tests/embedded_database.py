"""A pytest plugin (-p, see pyproject.toml): the database before Django starts.

pytest-django sets Django up before it reads any conftest, so the embedded
server, when no DATABASE_URL is configured, is started here.
"""

from database.embedded import ensure_database

ensure_database()
