"""`create_app(settings)`: the FastAPI application. Nothing is built at import time."""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from starl.errors import StarlError, UnknownIdError

HERE = Path(__file__).parent


@dataclass(frozen=True)
class Settings:
    """What the server needs to know; the CLI builds it from its options."""

    database_url: str | None = None
    max_body_bytes: int = 1_000_000
    allowed_hosts: tuple[str, ...] = field(default=("127.0.0.1", "localhost", "testserver"))


def create_app(settings: Settings | None = None) -> FastAPI:
    from starl.store import Store
    from starl.web import api, pages_practice, pages_questions, pages_stories, pages_views
    from starl.web.security import BodySizeLimit, HostCheck, csrf_cookie_middleware

    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        warm_up()
        yield
        app.state.store.close()

    app = FastAPI(
        lifespan=lifespan,
        title="starl",
        summary="STARL interview coach: analysis, questions, stories, coverage and practice.",
        version=_version(),
        docs_url=None,
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.store = Store(settings.database_url)
    app.state.templates = templates()
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.middleware("http")(csrf_cookie_middleware)
    app.middleware("http")(_server_timing)
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(HostCheck, allowed=settings.allowed_hosts)
    for module in (pages_views, pages_questions, pages_practice, pages_stories, api):
        app.include_router(module.router)
    _error_handlers(app)

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/openapi.json",
            title="starl API",
            swagger_js_url="/static/swagger-ui-bundle.js",
            swagger_css_url="/static/swagger-ui.css",
            swagger_favicon_url="/static/favicon.svg",
        )

    return app


def warm_up() -> None:
    """Load the knowledge base and models before the first request, then freeze them out
    of the garbage collector's sight: a full collection scanning the models' objects
    would otherwise pause an unlucky request for tens of milliseconds."""
    import gc

    from starl.analysis.analyze import analyze

    analyze("I led the work and the result was a 10% gain. I learned to measure first.")
    gc.collect()
    gc.freeze()


def templates() -> Jinja2Templates:
    from starl.web import charts
    from starl.web.security import CSRF_FIELD

    env = Jinja2Templates(directory=str(HERE / "templates"))
    env.env.globals.update(
        csrf_field=CSRF_FIELD,
        component_colours=charts.COMPONENT_COLOURS,
        components=("situation", "task", "action", "result", "lesson"),
    )
    env.env.trim_blocks = True
    env.env.lstrip_blocks = True
    return env


def render(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """A page from its template, with what every page needs (CSRF token, navigation)."""
    from starl.knowledge import load_knowledge

    context.setdefault("companies", list(load_knowledge().companies.values()))
    response: HTMLResponse = request.app.state.templates.TemplateResponse(
        request, name, {"csrf_token": request.state.csrf_token, **context}, status_code=status_code
    )
    return response


def wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/")


async def _server_timing(request: Request, call_next: Any) -> Response:
    began = time.perf_counter()
    response: Response = await call_next(request)
    response.headers["Server-Timing"] = f"app;dur={(time.perf_counter() - began) * 1000:.1f}"
    return response


def _error_handlers(app: FastAPI) -> None:
    async def page(request: Request, status: int, title: str, message: str) -> Response:
        if wants_json(request):
            return JSONResponse({"error": message}, status_code=status)
        form = getattr(request.state, "form", None)
        typed = [
            (k, v)
            for k, v in (form or {}).items()
            if k != "csrf_token" and isinstance(v, str) and v.strip()
        ]
        return render(request, "error.html", status, title=title, message=message, typed=typed)

    @app.exception_handler(UnknownIdError)
    async def unknown(request: Request, exc: UnknownIdError) -> Response:
        return await page(request, 404, "Not found", str(exc))

    @app.exception_handler(StarlError)
    async def user_error(request: Request, exc: StarlError) -> Response:
        return await page(request, 400, "That did not work", str(exc))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        titles = {404: "Page not found", 403: "Not allowed", 405: "Not allowed", 413: "Too large"}
        message = exc.detail if isinstance(exc.detail, str) else "The request could not be served."
        if exc.status_code == 404 and message == "Not Found":
            message = f"There is no page at {request.url.path}."
        return await page(request, exc.status_code, titles.get(exc.status_code, "Error"), message)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()) if p != "body")
        message = f"{where or 'request'}: {first.get('msg', 'invalid value')}"
        return await page(request, 422, "Check what you sent", message)

    @app.exception_handler(Exception)
    async def crash(request: Request, exc: Exception) -> Response:
        logging.getLogger("starl.web").error(
            "internal error on %s %s", request.method, request.url.path, exc_info=exc
        )
        return await page(
            request,
            500,
            "Something went wrong",
            "starl hit an internal error. Nothing you typed is lost: it is below, and your "
            "drafts are also kept in this browser.",
        )


def _version() -> str:
    from starl import __version__

    return __version__
