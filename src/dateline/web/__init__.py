"""Local web page and JSON API over a Dateline store: `create_app(db_path)`, `serve(db_path)`."""
from .app import create_app, serve

__all__ = ["create_app", "serve"]
