"""The web app: FastAPI, Jinja2 templates and HTMX, every asset served from the package."""

from starl.web.app import Settings, create_app

__all__ = ["Settings", "create_app"]
