"""The engine the tests use: the one `tests/engines/ensure.sh` chose (`DEA_TEST_SELECTED`,
set by `make test-python`), else DOCKER_HOST, else the project's tests/engines/engines.env.
Tests that need an engine skip without one, unless DEA_REQUIRE_ENGINES=1 (make test)."""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from docker_engine_api import Docker

ROOT = Path(__file__).resolve().parents[2]


def engine_host() -> str | None:
    for key in ("DEA_TEST_SELECTED", "DOCKER_HOST"):
        if os.environ.get(key):
            return os.environ[key]
    env = ROOT / "tests/engines/engines.env"
    if env.exists():
        for line in env.read_text().splitlines():
            if line.startswith("DEA_TEST_HOST="):
                return line.split("=", 1)[1].strip()
    return None


@pytest.fixture
def host() -> str:
    h = engine_host()
    if h is None:
        if os.environ.get("DEA_REQUIRE_ENGINES") == "1":
            pytest.fail("no test engine (run tests/engines/ensure.sh)")
        pytest.skip("no test engine: set DOCKER_HOST or run `make engines`")
    return h


@pytest.fixture
def name() -> str:
    """A name unique to this test, for what it creates."""
    return f"dea-pytest-{uuid.uuid4().hex[:10]}"


@pytest.fixture
async def docker(host: str) -> AsyncIterator[Docker]:
    async with Docker(host) as d:
        yield d
