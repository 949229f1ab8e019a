"""The demo's hub database: built once and kept, one user per role with its known password."""

import pytest
from sqlalchemy import select

from casework import paths
from casework.demo import demo_hub
from casework.hub.db import make_engine
from casework.hub.schema import HubUser


@pytest.fixture(scope="module")
def demo_home(tmp_path_factory):
    """One demo build for the module (argon2 hashes five passwords), in its own home."""
    home = tmp_path_factory.mktemp("demo-home")
    paths.set_home(home)
    try:
        demo_hub.ensure_demo_database(households=60, progress=None)
    finally:
        paths.set_home(None)
    return home


def test_the_demo_database_is_built_once_with_one_user_per_role(demo_home):
    paths.set_home(demo_home)
    first = paths.demo_dir() / "hub.db"
    built_at = first.stat().st_mtime_ns
    again = demo_hub.ensure_demo_database(households=60, progress=None)
    assert again == first and again.stat().st_mtime_ns == built_at, "kept, not rebuilt"
    engine = make_engine(demo_hub.demo_db_url(first))
    with engine.connect() as conn:
        users = {row.username: row for row in conn.execute(select(HubUser))}
    engine.dispose()
    roles = {account.role for account in demo_hub.DEMO_ACCOUNTS}
    assert roles == {"social_worker", "disability_officer", "migrant_officer", "supervisor", "admin"}
    assert set(users) == {a.username for a in demo_hub.DEMO_ACCOUNTS}
    officer = next(a for a in demo_hub.DEMO_ACCOUNTS if a.role == "disability_officer")
    assert users[officer.username].clearance == 2, "the disability officer has secret clearance"
    assert not list(paths.demo_dir().glob("hub.building*")), "no half-built file is left behind"


def test_a_demo_user_signs_in_with_the_password_the_login_dialog_shows(demo_home):
    import httpx

    paths.set_home(demo_home)
    hub = demo_hub.start_demo_hub(demo_hub.demo_db_path(), port=0)
    try:
        account = demo_hub.DEMO_ACCOUNTS[0]
        answer = httpx.post(f"{hub.url}/api/v1/auth/token", trust_env=False, json={
            "username": account.username, "password": account.password, "device_id": "test"})
        assert answer.status_code == 200, answer.text
        assert answer.json()["user"]["role"] == account.role
    finally:
        hub.stop()
