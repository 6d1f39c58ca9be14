import Foundation
@testable import KeepalivedConfig

/// The seed's three configuration files (typos included), kept in scripts/vrrplab/seed.
enum SeedFiles {
    static let directory: URL = {
        var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path) {
            directory = directory.deletingLastPathComponent()
        }
        return directory.appendingPathComponent("scripts/vrrplab/seed")
    }()

    static func text(_ name: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
    }

    /// The seed files in memory under their bare names, so diagnostics read `master.conf:23:4`.
    static func files() throws -> InMemoryFiles {
        var files: [String: String] = [:]
        for name in ["master.conf", "slave.conf", "master-with-port-checks.conf"] { files[name] = try text(name) }
        return InMemoryFiles(files)
    }

    static func read(_ name: String) throws -> (KeepalivedConfiguration, [Diagnostic]) {
        ConfigReader.read(name, files: try files())
    }
}

extension Array where Element == Diagnostic {
    /// `line: message` of each, for compact assertions.
    var lines: [Int] { compactMap { $0.location?.line } }
    func at(_ line: Int) -> Diagnostic? { first { $0.location?.line == line } }
}
