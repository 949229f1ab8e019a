"""The hub's HTTP API, version 1 (schemas in ``casework.wire.v1``; documented at /openapi.json).

The app holds no state that matters between requests: tokens, failure counters and devices
are in the database, so several hub processes can serve one PostgreSQL database side by side.
Endpoints are plain functions (run in the thread pool), each on a connection of one engine.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, Query, Request, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import Engine, text
from starlette.middleware.gzip import GZipMiddleware

from casework import __version__
from casework.domain.implications import require_sound_declarations
from casework.hub import compression, db, feed
from casework.hub.auth import Account, Authenticator, AuthSettings
from casework.hub.body_limit import BodyLimitMiddleware
from casework.hub.errors import bad_cursor, install_error_handlers, unknown_parameters
from casework.hub.login_gate import LoginGate
from casework.hub.openapi_doc import document_errors
from casework.hub.pull_audit import PullAudit
from casework.hub.scope import Viewer
from casework.hub.write_service import apply_ops
from casework.wire import v1

GZIP_LEVEL = 5  # nearly the size of level 9 at a quarter of the time, for JSON pages
GZIP_MINIMUM_BYTES = 1024


bearer = HTTPBearer(auto_error=False, description="the access_token from /api/v1/auth/token 登录令牌")
Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]


def _errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI entries for the error answers an endpoint can give."""
    return {status: {"model": v1.ErrorResponse} for status in statuses}


def viewer_of(account: Account) -> Viewer:
    """What the feed needs to know about the signed-in user."""
    return Viewer(
        username=account.username, role=account.role.value, district=account.district,
        scope=account.scope, clearance=account.clearance, departments=account.departments,
        scope_epoch=account.scope_epoch,
    )


def _reject_unknown_query(request: Request, allowed: set[str]) -> None:
    unknown = [name for name in request.query_params if name not in allowed]
    if unknown:
        raise unknown_parameters(unknown)


def create_app(db_url: str, *, settings: AuthSettings | None = None, upgrade_schema: bool = True) -> FastAPI:
    """The hub app on the database at ``db_url`` (created or migrated unless told not to).

    ``settings`` sets token lifetime, lockout and password-hashing cost (tests shorten them).
    """
    require_sound_declarations()  # no derived value may reveal more than its declarations say
    if upgrade_schema:
        db.upgrade(db_url)
    engine = db.make_engine(db_url)
    authenticator = Authenticator(engine, settings or AuthSettings.from_environment())
    app = FastAPI(
        title="casework district hub",
        version=__version__,
        description="Integrated household records, scoped and masked, for the casework desktop app.",
        openapi_url="/openapi.json",
        docs_url="/docs",
        redoc_url=None,
    )
    app.state.engine = engine
    app.state.authenticator = authenticator
    app.state.pull_audit = PullAudit(engine)
    install_error_handlers(app)
    document_errors(app)
    app.add_middleware(GZipMiddleware, minimum_size=GZIP_MINIMUM_BYTES, compresslevel=GZIP_LEVEL)
    app.add_middleware(BodyLimitMiddleware, max_bytes=v1.MAX_BODY_BYTES)
    app.include_router(_routes(engine, authenticator, app.state.pull_audit), prefix=v1.API_PREFIX)
    return app


def _routes(engine: Engine, authenticator: Authenticator, pull_audit: PullAudit) -> APIRouter:
    router = APIRouter()

    def signed_in(conn: Any, credentials: HTTPAuthorizationCredentials | None) -> Account:
        return authenticator.account_for_token(conn, credentials.credentials if credentials else None)

    gate = LoginGate(authenticator)

    @router.post("/auth/token", response_model=v1.TokenResponse, tags=["auth"],
                 responses=_errors(401, 403, 413, 422, 423, 429))
    async def login(body: v1.TokenRequest) -> v1.TokenResponse:
        """Log in with username and password from a device; returns a bearer token."""
        return (await gate.login(body.username, body.password, body.device_id)).to_wire()

    @router.get("/sync/changes", response_model=v1.ChangesPage, tags=["sync"],
                responses=_errors(400, 401, 403))
    def changes(
        request: Request,
        credentials: Credentials,
        after: Annotated[int, Query(description="cursor of the previous page; 0 to start",
                                    ge=0, le=v1.MAX_CURSOR)] = 0,
        limit: Annotated[int, Query(ge=1, le=v1.MAX_PAGE_LIMIT)] = v1.DEFAULT_PAGE_LIMIT,
    ) -> Response:
        """The caller's visible changes after the cursor, in sequence order, masked to their
        clearance; records deleted or moved out of their scope come as ``remove``."""
        _reject_unknown_query(request, {"after", "limit"})
        try:
            after_seq = v1.decode_cursor(request.query_params.get("after", "0"))  # strictly: ' 1' too
        except ValueError:
            raise bad_cursor(str(after)) from None
        with engine.connect() as conn:
            account = signed_in(conn, credentials)
            page = feed.read_changes_page(conn, viewer_of(account), after_seq, limit)
        pull_audit.record(account.username, account.device_id, after_seq, limit)  # written in batches
        return compression.json_response(request, page)

    @router.get("/sync/summary", response_model=v1.Summary, tags=["sync"],
                responses=_errors(400, 401, 403))
    def summary(request: Request, credentials: Credentials) -> Any:
        """Per kind, how many records the caller may hold and a checksum over their ids and
        versions, so a client can prove it holds exactly its visible set."""
        _reject_unknown_query(request, set())
        with engine.connect() as conn:
            account = signed_in(conn, credentials)
            return feed.read_summary(conn, viewer_of(account))

    @router.post("/sync/push", response_model=v1.PushResponse, tags=["sync"],
                 responses=_errors(400, 401, 403, 413, 422, 503))
    def push(request: Request, body: v1.PushRequest, credentials: Credentials) -> v1.PushResponse:
        """Apply the caller's edits, oldest first; one result per op, in the same order.

        Each op is ``applied`` (with the record's new ``version`` and feed ``seq``),
        ``conflict`` (applied except the fields changed on both sides, listed in ``conflicts``
        and kept at the hub until resolved) or ``rejected`` (nothing of it written; ``error``
        says why: out_of_scope, wrong_line_of_business, not_a_writer, above_clearance,
        invalid, unknown_kind, not_found, already_exists, read_only_kind, wrong_action,
        op_reused). An ``op_id`` seen before returns its first result and changes nothing.
        A malformed batch is refused whole (400/422), a body over the limit with 413."""
        _reject_unknown_query(request, set())
        with engine.connect() as conn:
            account = signed_in(conn, credentials)
        return v1.PushResponse(results=apply_ops(engine, account, account.device_id, body.ops))

    @router.get("/health", response_model=v1.Health, tags=["health"], responses=_errors(503))
    def health() -> Any:
        """Whether this hub process is up and reaches its database."""
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        return v1.Health(status="ok", version=__version__, database=engine.dialect.name)

    return router

