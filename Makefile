# Entry points for developers and CI. The recipes live in scripts; this file
# only names them.

.PHONY: engines engines-down test

# Start the real test services (two Docker engines, a registry) and write
# tests/engines/engines.env. Needs tests/engines/install-deps.sh (as root).
engines:
	tests/engines/up.sh

# Stop them again (data and caches are kept).
engines-down:
	tests/engines/down.sh

# Placeholder, to be replaced by the real test target.
test: engines
	cargo test --workspace
