"""What guards the API: bearer tokens for writes, a request body limit, security headers.

Write endpoints are refused unless the server was given a token (``--token`` or
``NARRASCOPE_API_TOKEN``) and the request carries ``Authorization: Bearer <token>``.
"""
from __future__ import annotations

import hmac
import json

from fastapi import HTTPException, Request

DEFAULT_MAX_BODY_BYTES = 2 * 1024 * 1024  # 2 MiB: a long article is ~100 KB

# The dashboard's scripts come from /static only; article text never becomes markup.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
# The API docs (vendored Swagger UI / ReDoc, served from /static): scripts still from 'self' only, but both
# set inline styles, ReDoc runs its search in a blob: worker and both show data: images and fonts.
DOCS_CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
            "font-src 'self' data:; worker-src 'self' blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
            "frame-ancestors 'none'; form-action 'self'")
DOCS_PATHS = ("/docs", "/redoc")


def require_token(expected: str | None):
    """A FastAPI dependency that checks the bearer token of a write request."""

    def check(request: Request) -> None:
        if not expected:
            raise HTTPException(403, "write endpoints are disabled on this server: start it with "
                                     "'narrascope serve --token TOKEN' (or NARRASCOPE_API_TOKEN) and send 'Authorization: Bearer TOKEN'")
        header = request.headers.get("authorization", "")
        scheme, _, given = header.partition(" ")
        if scheme.lower() != "bearer" or not given:
            raise HTTPException(401, "this endpoint needs 'Authorization: Bearer TOKEN'", headers={"WWW-Authenticate": "Bearer"})
        if not hmac.compare_digest(given.strip().encode(), expected.encode()):
            raise HTTPException(401, "wrong API token", headers={"WWW-Authenticate": "Bearer"})

    return check


class BodyLimitMiddleware:
    """Refuse request bodies over ``max_bytes`` with 413, whether or not Content-Length is sent."""

    def __init__(self, app, max_bytes: int = DEFAULT_MAX_BODY_BYTES):
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    too_big = int(value) > self.max_bytes
                except ValueError:
                    too_big = False
                if too_big:
                    return await self._refuse(send)
        seen = 0
        started = False

        async def limited_receive():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise _TooLarge(self.max_bytes)
            return message

        async def tracking_send(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except _TooLarge:
            if not started:
                await self._refuse(send)

    async def _refuse(self, send):
        body = json.dumps({"error": {"status": 413, "message": f"request body over the limit of {self.max_bytes} bytes"}}).encode()
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})


class _TooLarge(HTTPException):
    # An HTTPException so that FastAPI's body parsing passes it on as a 413, not a generic 400.
    def __init__(self, max_bytes: int):
        super().__init__(413, f"request body over the limit of {max_bytes} bytes")


class SecurityHeadersMiddleware:
    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        csp = DOCS_CSP if scope.get("path", "") in DOCS_PATHS else CSP

        async def add_headers(message):
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer"),
                            (b"content-security-policy", csp.encode())]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, add_headers)
