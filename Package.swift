// swift-tools-version:6.2
import PackageDescription

let package = Package(
    name: "vrrpdump",
    products: [
        .executable(name: "vrrpdump", targets: ["vrrpdump"]),
        .library(name: "Codec", targets: ["Codec"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.0"),
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
        // What the analyser and the engine share, pure: virtual-router identity, the event model and
        // the RFC timers.
        .target(name: "ElectionModel", dependencies: ["Codec"]),
        // Capture sources (libpcap live, pcap/pcapng files) and the analyser.
        .target(name: "Sniffer", dependencies: ["Codec", "ElectionModel", "CPcap"]),
        // A VRRP router: the RFC state machine, pure, reporting in the shared event model. No libpcap.
        .target(name: "Engine", dependencies: ["Codec", "ElectionModel"]),
        // Linux headers Glibc does not bring: rtnetlink, AF_PACKET, signalfd.
        .systemLibrary(name: "CLinux", path: "Sources/CLinux"),
        // The live node's OS edges (rtnetlink, raw VRRP and AF_PACKET sockets, sysctls, the monotonic clock,
        // check commands, the ownership file) behind small protocols, and the loop that drives a VRRPRouter.
        .target(
            name: "EngineHost",
            dependencies: [
                "Engine", "Codec", "ElectionModel", "CLinux",
                .product(name: "SystemPackage", package: "swift-system"),
            ]
        ),
        // keepalived 2.2.7's configuration reader (lexer, keyword semantics, degradations, pair checks) and
        // its mapping to the engine's RouterConfig, pure: files come through the ConfigFiles protocol.
        .target(name: "KeepalivedConfig", dependencies: ["Codec", "Engine"]),
        // Text, JSON and HTML output of packets, timelines and the engine, and the statistics line.
        .target(name: "Printers", dependencies: ["Codec", "ElectionModel", "Sniffer", "Engine", "KeepalivedConfig"]),
        // The sensor's Prometheus metrics: analyser events and summaries mapped to bounded series.
        .target(name: "SensorMetrics", dependencies: [
            "ElectionModel", "Sniffer", .product(name: "Prometheus", package: "swift-prometheus"),
        ]),
        .executableTarget(
            name: "vrrpdump",
            dependencies: [
                "Printers",
                "EngineHost",
                "KeepalivedConfig",
                "SensorMetrics",
                // The metrics server: NIO's HTTP/1 pipeline, which links no Foundation.
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "CodecTests", dependencies: ["Codec"], resources: [.copy("Vectors")]),
        .testTarget(name: "SnifferTests", dependencies: ["Sniffer", "ElectionModel"]),
        .testTarget(name: "KeepalivedConfigTests", dependencies: ["KeepalivedConfig", "Engine", "Codec"]),
        // Sniffer only to read the scenario captures for the what-if tests.
        .testTarget(name: "EngineTests", dependencies: ["Engine", "ElectionModel", "Codec", "Sniffer"]),
        .testTarget(name: "EngineHostTests", dependencies: ["EngineHost", "Engine", "ElectionModel", "Codec"]),
        .testTarget(name: "PrintersTests", dependencies: ["Printers", "ElectionModel", "Codec", "Engine"]),
        .testTarget(name: "SensorMetricsTests", dependencies: ["SensorMetrics", "ElectionModel", "Sniffer", "Codec"]),
        // Runs the built command against real captures, tcpdump, tshark and the namespace lab.
        .testTarget(name: "vrrpdumpTests", dependencies: ["vrrpdump", "Codec"]),
    ]
)
