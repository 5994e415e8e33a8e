# Entry points for people and CI. Recipes stay short; the work lives in scripts and crates.
#   make demo   the main job: a Rust program, then its Python and Node twins, drive a real
#               engine (started if none is reachable)
#   make test   everything: lint, codegen drift, unit tests, shared cases on the real engines,
#               the case matrix and the operation coverage (tests/results/coverage.md)

.PHONY: demo demo-python demo-node test lint codegen-check unit test-rust test-node node-build node-unit node-cases python-check test-python test-python-cases matrix coverage engines engines-down bench bench-rust bench-python bench-node kotlin-check kotlin-cases demo-kotlin swift-check swift-cases demo-swift

SPEC ?= ../shared/spec/docker-engine-api-v1.45.yaml
# The languages whose column of the case matrix `make test` requires.
LANGUAGES = rust python node kotlin swift

demo:
	@host=$$(tests/engines/ensure.sh) && DOCKER_HOST=$$host cargo run -q -p docker-engine-api --example demo
	@$(MAKE) --no-print-directory demo-python
	@$(MAKE) --no-print-directory demo-node
	@$(MAKE) --no-print-directory demo-kotlin
	@$(MAKE) --no-print-directory demo-swift

# The same demo through the Python API (bindings-python/examples/demo.py): the wheel is built
# and installed into bindings-python/.venv first, as python-check does.
demo-python:
	@host=$$(tests/engines/ensure.sh) && py=$$(bindings-python/scripts/install.sh) && \
	  DOCKER_HOST=$$host "$$py" bindings-python/examples/demo.py

# The same tour through the Node binding (bindings-node/examples/demo.js).
demo-node: node-build
	@host=$$(tests/engines/ensure.sh) && DOCKER_HOST=$$host node bindings-node/examples/demo.js

test: lint codegen-check unit python-check node-unit kotlin-check swift-check
	@$(MAKE) --no-print-directory test-rust || true
	@$(MAKE) --no-print-directory test-python-cases || true
	@$(MAKE) --no-print-directory node-cases || true
	@$(MAKE) --no-print-directory kotlin-cases || true
	@$(MAKE) --no-print-directory swift-cases || true
	@m=0; python3 tests/matrix.py $(LANGUAGES) || m=1; \
	  python3 tests/coverage.py $(LANGUAGES) || m=1; exit $$m

lint:
	cargo fmt --all --check
	cargo clippy --workspace --all-targets -- -D warnings

# Generated code must be what the codegen makes from the spec today.
codegen-check:
	@if [ -f "$(SPEC)" ]; then cargo run -q -p codegen -- --spec "$(SPEC)" --check; \
	elif [ -n "$$CI" ]; then echo "codegen check: no spec at $(SPEC), and CI must check" >&2; exit 1; \
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

# The Node binding (bindings-node): its npm devDependencies as locked, the native module
# (a debug napi build), the types (tsc --strict on index.d.ts and a typed example), the Node
# tests, then the Node column of the shared cases.
test-node: node-unit node-cases

node-build:
	@command -v npm >/dev/null || { echo "test-node needs Node 20 with npm on PATH"; exit 1; }
	cd bindings-node && npm ci --no-audit --no-fund --loglevel=error
	cd bindings-node && npx napi build --platform --no-js --dts native.d.ts --output-dir .

node-unit: node-build
	cd bindings-node && npx tsc --strict --noEmit -p tsconfig.json
	@host=$$(tests/engines/ensure.sh) && cd bindings-node && DEA_TEST_SELECTED=$$host node --test test/*.test.js

node-cases:
	@rm -f tests/results/node.json
	@host=$$(tests/engines/ensure.sh) && DEA_TEST_SELECTED=$$host node tests/runner-node/main.js

# The Kotlin/JVM binding (bindings-swift/kotlin): the toolchain (tests/toolchains/kotlin.sh,
# cached outside the repo), the generated Kotlin checked against the crate (drift fails), the
# jar, and the Kotlin tests (streams, cancellation, errors) on the real engine.
kotlin-check:
	bindings-swift/kotlin/build.sh generate --check
	@host=$$(tests/engines/ensure.sh) && DEA_TEST_SELECTED=$$host bindings-swift/kotlin/build.sh test

# The Kotlin column of the shared cases, through the Kotlin binding.
kotlin-cases:
	@rm -f tests/results/kotlin.json
	@host=$$(tests/engines/ensure.sh) && DEA_TEST_SELECTED=$$host bindings-swift/kotlin/build.sh cases

# The same tour from Kotlin (bindings-swift/kotlin/examples/Demo.kt).
demo-kotlin:
	@host=$$(tests/engines/ensure.sh) && DOCKER_HOST=$$host bindings-swift/kotlin/build.sh demo

# The Swift package (bindings-swift/Package.swift), built and tested inside the Swift chroot
# (tests/toolchains/swift.sh: Debian 13 with swiftlang, made once outside the repo): the
# generated Swift checked against the crate (drift fails), then `swift test` (streams,
# cancellation, errors) in Swift 6 language mode with warnings as errors, on the real engine.
swift-check:
	bindings-swift/swift/build.sh generate --check
	@host=$$(tests/engines/ensure.sh) && DEA_TEST_SELECTED=$$host bindings-swift/swift/build.sh test

# The Swift column of the shared cases, through the Swift package (tests/runner-swift).
swift-cases:
	@rm -f tests/results/swift.json
	@host=$$(tests/engines/ensure.sh) && DEA_TEST_SELECTED=$$host bindings-swift/swift/build.sh cases

# The same tour from Swift (bindings-swift/Examples/Demo).
demo-swift:
	@host=$$(tests/engines/ensure.sh) && DOCKER_HOST=$$host bindings-swift/swift/build.sh demo

matrix:
	@python3 tests/matrix.py $(LANGUAGES)

# Which operations the cases called, decoded and asserted: tests/results/coverage.md.
coverage:
	@python3 tests/coverage.py $(LANGUAGES)

# Start the real test services (two Docker engines, a registry) and write
# tests/engines/engines.env. Needs tests/engines/install-deps.sh (as root).
engines:
	tests/engines/up.sh

# Stop them again (data and caches are kept).
engines-down:
	tests/engines/down.sh

# Benchmarks (bench/): ours beside the peers and the floors on the real engine, one table in
# bench/results/latest.md. Not part of `make test`: they print figures, they do not fail on noise.
# BENCH_QUICK=1 does a tenth of the work.
bench:
	@host=$$(tests/engines/ensure.sh) && python3 bench/run.py $$host rust python node

bench-rust bench-python bench-node:
	@host=$$(tests/engines/ensure.sh) && python3 bench/run.py $$host $(@:bench-%=%)
