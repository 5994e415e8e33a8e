#!/usr/bin/env python3
"""Makes uniffi's generated Swift async calls cancellable (uniffi 0.32 does not).

uniffi's `uniffiRustCallAsync` polls the Rust future until it is ready and frees it after;
a cancelled Swift Task keeps waiting for the core. Patched:
- every call site also passes the future's `rust_future_cancel` function;
- the poll loop runs inside `withTaskCancellationHandler`, whose handler calls it: the Rust
  scheduler then wakes the poll, `complete` answers "cancelled" and the `defer` frees the
  future, which drops the core's request (and its connection) at once;
- the status "cancelled" throws Swift's `CancellationError` (uniffi has `fatalError` there).

Each replacement must match exactly once: a uniffi upgrade that changes these templates fails
here, loudly, instead of silently shipping uncancellable calls.

Usage: cancel-patch.py FILE.swift   (rewrites the file in place)
"""
import re
import sys

SIGNATURE = (
    "    freeFunc: (UInt64) -> (),\n",
    "    freeFunc: (UInt64) -> (),\n    cancelFunc: @escaping @Sendable (UInt64) -> (),\n",
)

LOOP_OLD = """    var pollResult: Int8;
    repeat {
        pollResult = await withUnsafeContinuation {
            pollFunc(
                rustFuture,
                { handle, pollResult in
                    uniffiFutureContinuationCallback(handle: handle, pollResult: pollResult)
                },
                uniffiContinuationHandleMap.insert(obj: $0)
            )
        }
    } while pollResult != UNIFFI_RUST_FUTURE_POLL_READY
"""

LOOP_NEW = """    // Patched (bindings-swift/swift/cancel-patch.py): a cancelled Task cancels the Rust future.
    await withTaskCancellationHandler {
        var pollResult: Int8;
        repeat {
            pollResult = await withUnsafeContinuation {
                pollFunc(
                    rustFuture,
                    { handle, pollResult in
                        uniffiFutureContinuationCallback(handle: handle, pollResult: pollResult)
                    },
                    uniffiContinuationHandleMap.insert(obj: $0)
                )
            }
        } while pollResult != UNIFFI_RUST_FUTURE_POLL_READY
    } onCancel: {
        cancelFunc(rustFuture)
    }
"""

CANCELLED = (
    '            fatalError("Cancellation not supported yet")\n',
    "            // Patched (bindings-swift/swift/cancel-patch.py): the Task was cancelled.\n"
    "            throw CancellationError()\n",
)

# `freeFunc: ffi_NS_rust_future_free_T,` at every call site gets its cancel twin.
CALL_SITE = re.compile(r"^(\s*)freeFunc: (\w+)_rust_future_free_(\w+),$", re.M)


def replace_once(text, old, new, what):
    n = text.count(old)
    if n != 1:
        sys.exit(f"cancel-patch: expected the {what} once in the generated Swift, found it {n} times")
    return text.replace(old, new)


def main(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    text = replace_once(text, *SIGNATURE, "uniffiRustCallAsync signature")
    text = replace_once(text, LOOP_OLD, LOOP_NEW, "poll loop of uniffiRustCallAsync")
    text = replace_once(text, *CANCELLED, "CALL_CANCELLED fatalError")
    text, n = CALL_SITE.subn(r"\g<0>\n\1cancelFunc: \2_rust_future_cancel_\3,", text)
    if n == 0:
        sys.exit("cancel-patch: no async call sites found in the generated Swift")
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


if __name__ == "__main__":
    main(sys.argv[1])
