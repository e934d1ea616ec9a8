"""Request safety: a body size limit, a Host check and CSRF tokens for forms."""

from __future__ import annotations

import hmac
import secrets
from typing import Any

from fastapi import HTTPException, Request
from starlette.responses import PlainTextResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSRF_COOKIE = "starl_csrf"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"


class BodySizeLimit:
    """Refuse request bodies over `max_bytes` (by Content-Length, or while streaming)."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope["headers"]).get(b"content-length")
        if length is not None and length.isdigit() and int(length) > self.max_bytes:
            await self._refuse(scope, receive, send)
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.max_bytes:
                raise HTTPException(413, f"The request is over {self.max_bytes:,} bytes.")
            return message

        await self.app(scope, counted, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        message = f"The request is over {self.max_bytes:,} bytes; send less text at a time."
        path = scope.get("path", "")
        if path.startswith("/api/"):
            from starlette.responses import JSONResponse

            response: Response = JSONResponse({"error": message}, status_code=413)
        else:
            response = PlainTextResponse(message, status_code=413)
        await response(scope, receive, send)


class HostCheck:
    """Serve only the hosts the app was started for (defeats DNS rebinding on localhost)."""

    def __init__(self, app: ASGIApp, allowed: tuple[str, ...]) -> None:
        self.app = app
        self.allowed = {h.lower() for h in allowed}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and "*" not in self.allowed:
            host = dict(scope["headers"]).get(b"host", b"").decode("latin-1")
            name = host.rsplit(":", 1)[0].strip("[]").lower() if host else ""
            if name not in self.allowed:
                response = PlainTextResponse(f"starl does not serve the host '{name}'.", 400)
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


async def csrf_cookie_middleware(request: Request, call_next: Any) -> Response:
    """Give every browser a CSRF token (cookie) that forms echo back (double submit).

    API writes must be JSON: a cross-site form cannot send that without a CORS preflight,
    which this server never grants, so the API needs no token.
    """
    if request.url.path.startswith("/api/") and request.method in {
        "POST",
        "PUT",
        "PATCH",
        "DELETE",
    }:
        kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if kind != "application/json":
            from starlette.responses import JSONResponse

            return JSONResponse(
                {"error": "send the body as JSON with Content-Type: application/json"}, 415
            )
    token = request.cookies.get(CSRF_COOKIE)
    fresh = not token or len(token) < 20
    if fresh:
        token = secrets.token_urlsafe(32)
    request.state.csrf_token = token
    response: Response = await call_next(request)
    if fresh:
        response.set_cookie(CSRF_COOKIE, str(token), samesite="strict", httponly=True, path="/")
    return response


async def check_csrf(request: Request) -> None:
    """Dependency for form posts: the token in the form (or header) must match the cookie."""
    form = await request.form()
    request.state.form = form  # kept whole: checkboxes repeat names (values=...)
    sent = request.headers.get(CSRF_HEADER) or form.get(CSRF_FIELD)
    cookie = request.cookies.get(CSRF_COOKIE)
    if not cookie or not isinstance(sent, str) or not hmac.compare_digest(sent, cookie):
        raise HTTPException(
            403,
            "This form has expired or came from another site. Reload the page and submit again; "
            "your text is below.",
        )
