// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "vrrpdump",
    products: [
        .executable(name: "vrrpdump", targets: ["vrrpdump"]),
        .library(name: "Codec", targets: ["Codec"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // libpcap from Debian's libpcap-dev.
        .systemLibrary(
            name: "CPcap",
            path: "Sources/CPcap",
            pkgConfig: "libpcap",
            providers: [.apt(["libpcap-dev"])]
        ),
        // Pure value types: decode and encode; no I/O, no dependencies.
        .target(name: "Codec"),
        // Capture sources (libpcap live, pcap/pcapng files) and the analyser.
        .target(name: "Sniffer", dependencies: ["Codec", "CPcap"]),
        // A VRRP router state machine reporting in the sniffer's event model.
        .target(name: "Engine", dependencies: ["Sniffer"]),
        .executableTarget(
            name: "vrrpdump",
            dependencies: [
                "Engine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "CodecTests", dependencies: ["Codec"], resources: [.copy("Vectors")]),
        .testTarget(name: "SnifferTests", dependencies: ["Sniffer"]),
        // Runs the built command against real captures, tcpdump, tshark and the namespace lab.
        .testTarget(name: "vrrpdumpTests", dependencies: ["vrrpdump", "Codec"]),
    ]
)
