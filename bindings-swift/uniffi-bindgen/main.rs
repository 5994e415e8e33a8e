//! `uniffi-bindgen generate --library target/debug/libdocker_engine_api_ffi.so --language kotlin ...`:
//! the generator as a workspace binary, so its version is the crate's (the two must match).

fn main() {
    uniffi::uniffi_bindgen_main()
}
