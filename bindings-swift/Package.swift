// swift-tools-version:6.0
// The Swift package of the Docker Engine API client: the uniffi-generated bindings of the Rust
// core (Sources/DockerEngineAPI/Generated, Sources/docker_engine_api_ffiFFI) and a small
// hand-written layer (Docker.fromEnv(), streams as AsyncSequence, DockerError).
//
// It links the core's library, libdocker_engine_api_ffi, built by cargo:
//   cargo build --release -p docker-engine-api-swift
// and looks for it in $DOCKER_ENGINE_API_LIB_DIR, else in ../target/release, else in
// ../target/debug (what `make swift-check` builds).

import Foundation
import PackageDescription

let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()

func libDir() -> String {
    if let dir = ProcessInfo.processInfo.environment["DOCKER_ENGINE_API_LIB_DIR"], !dir.isEmpty {
        return dir
    }
    let target = here.appendingPathComponent("../target").standardized
    for profile in ["release", "debug"] {
        let dir = target.appendingPathComponent(profile)
        for file in ["libdocker_engine_api_ffi.so", "libdocker_engine_api_ffi.dylib", "libdocker_engine_api_ffi.a"]
        where FileManager.default.fileExists(atPath: dir.appendingPathComponent(file).path) {
            return dir.path
        }
    }
    return target.appendingPathComponent("debug").path
}

let lib = libDir()

let package = Package(
    name: "DockerEngineAPI",
    platforms: [.macOS(.v13), .iOS(.v16)],
    products: [
        .library(name: "DockerEngineAPI", targets: ["DockerEngineAPI"]),
    ],
    targets: [
        // The C header of the FFI, and the link to the Rust library (module.modulemap).
        .systemLibrary(name: "docker_engine_api_ffiFFI"),
        .target(
            name: "DockerEngineAPI",
            dependencies: ["docker_engine_api_ffiFFI"],
            swiftSettings: [.swiftLanguageMode(.v6)],
            // -rpath: an app run from its build folder finds the library where cargo put it.
            linkerSettings: [.unsafeFlags(["-L", lib, "-Xlinker", "-rpath", "-Xlinker", lib])]
        ),
        // `make demo-swift`: swift run Demo
        .executableTarget(
            name: "Demo",
            dependencies: ["DockerEngineAPI"],
            path: "Examples/Demo",
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        .testTarget(
            name: "DockerEngineAPITests",
            dependencies: ["DockerEngineAPI"],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
    ]
)
