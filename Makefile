# Entry points for people and CI. Recipes stay short; the work lives in scripts and crates.
#   make demo   the main job: a Rust program drives a real engine (started if none is reachable)
#   make test   everything: lint, codegen drift, unit tests, shared cases on the real engines

.PHONY: demo test lint codegen-check unit test-rust python-check test-python test-python-cases matrix engines engines-down

SPEC ?= ../shared/spec/docker-engine-api-v1.45.yaml
# The languages whose column of the case matrix `make test` requires.
LANGUAGES = rust python

demo:
	@host=$$(tests/engines/ensure.sh) && DOCKER_HOST=$$host cargo run -q -p docker-engine-api --example demo

test: lint codegen-check unit python-check
	@$(MAKE) --no-print-directory test-rust || true
	@$(MAKE) --no-print-directory test-python-cases || true
	@python3 tests/matrix.py $(LANGUAGES)

lint:
	cargo fmt --all --check
	cargo clippy --workspace --all-targets -- -D warnings

# Generated code must be what the codegen makes from the spec today.
codegen-check:
	@if [ -f "$(SPEC)" ]; then cargo run -q -p codegen -- --spec "$(SPEC)" --check; \
	else echo "codegen check skipped: no spec at $(SPEC)"; fi

# Unit tests and the core's engine tests. The engines start first; once they run (or the
# user's DOCKER_HOST answers), a test that finds no engine fails instead of skipping.
unit:
	@host=$$(tests/engines/ensure.sh) && DEA_TEST_SELECTED=$$host \
	  DEA_REQUIRE_ENGINES=$$([ -f tests/engines/engines.env ] && echo 1) cargo test --workspace

# The Rust column of the shared cases (tests/cases) against the real engines.
test-rust:
	@rm -f tests/results/rust.json
	@host=$$(tests/engines/ensure.sh) && DEA_TEST_SELECTED=$$host cargo run -q -p case-runner

# The Python binding: wheel into bindings-python/.venv, mypy --strict, pytest (engine tests
# fail instead of skipping once the engines run), then its column of the shared cases.
python-check:
	@host=$$(tests/engines/ensure.sh) && DEA_TEST_SELECTED=$$host \
	  DEA_REQUIRE_ENGINES=$$([ -f tests/engines/engines.env ] && echo 1) bindings-python/scripts/check.sh

test-python: python-check
	@$(MAKE) --no-print-directory test-python-cases

# The Python column of the shared cases, through the Python API (needs python-check's venv).
test-python-cases:
	@rm -f tests/results/python.json
	@host=$$(tests/engines/ensure.sh) && DEA_TEST_SELECTED=$$host \
	  $$(bindings-python/scripts/venv.sh) tests/runner-python/run_cases.py

matrix:
	@python3 tests/matrix.py $(LANGUAGES)

# Start the real test services (two Docker engines, a registry) and write
# tests/engines/engines.env. Needs tests/engines/install-deps.sh (as root).
engines:
	tests/engines/up.sh

# Stop them again (data and caches are kept).
engines-down:
	tests/engines/down.sh
