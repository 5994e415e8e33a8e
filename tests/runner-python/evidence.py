"""Per-operation evidence for tests/coverage.py: was an operation called against the engine,
was its answer decoded, was it asserted (tests/cases/README.md, "Operation evidence")."""

from __future__ import annotations

from docker_engine_api import DockerError


class Evidence:
    def __init__(self) -> None:
        self.ops: dict[str, list[bool]] = {}

    def record(self, op: str, error: DockerError | None, asserted: bool) -> None:
        """One call of `op`: `error` is None when it succeeded (decoded, stream read to its end)."""
        if error is None:
            called = decoded = True
        else:
            daemon = error.status is not None
            called = daemon or error.kind == "Stream"
            decoded = daemon and error.kind != "Decode"
        have = self.ops.setdefault(op, [False, False, False])
        for i, now in enumerate((called, decoded, asserted)):
            have[i] = have[i] or now

    def to_json(self) -> dict[str, dict[str, bool]]:
        return {op: dict(zip(("called", "decoded", "asserted"), v)) for op, v in sorted(self.ops.items())}
