// swift-tools-version:6.0
// The Swift column of the shared cases (tests/cases) through the Swift package in
// bindings-swift. Run by `make swift-cases` inside the Swift chroot (tests/toolchains/swift.sh).

import PackageDescription

let package = Package(
    name: "CaseRunner",
    dependencies: [.package(name: "DockerEngineAPI", path: "../../bindings-swift")],
    targets: [
        .executableTarget(
            name: "CaseRunner",
            dependencies: [.product(name: "DockerEngineAPI", package: "DockerEngineAPI")],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
    ]
)
