import Foundation

/// Files of the package, found relative to this source file (never by absolute path).
enum Repository {
    /// The package root: the nearest directory above this file that holds Package.swift.
    static let root: URL = {
        var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while directory.path != "/" {
            if FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path) {
                return directory
            }
            directory = directory.deletingLastPathComponent()
        }
        fatalError("no Package.swift above \(#filePath)")
    }()

    static func url(_ relativePath: String) -> URL { root.appendingPathComponent(relativePath) }

    /// `captures/crafted/x.pcap` for `root/captures/crafted/x.pcap`.
    static func relative(_ url: URL) -> String {
        let base = root.standardizedFileURL.path + "/"
        let path = url.standardizedFileURL.path
        return path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path
    }

    /// Regular files in `directory` (relative to the root) whose names satisfy `accept`, sorted.
    static func files(in directory: String, where accept: (String) -> Bool) -> [URL] {
        let url = url(directory)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        return names.filter(accept).sorted().map { url.appendingPathComponent($0) }
            .filter { isRegularFile($0) }
    }

    static func isRegularFile(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && !isDirectory.boolValue
    }

    /// Every capture the differential tests run over, discovered now (other work adds files):
    /// `captures/peer/tcpdump/*.pcap`, `captures/crafted/*.pcap*`,
    /// `captures/scenarios/*/capture.pcap*`, `captures/demo/*.pcap*` (plus VRRPDUMP_EXTRA_CAPTURES).
    static func differentialCaptures() -> [URL] {
        var found = files(in: "captures/peer/tcpdump") { $0.hasSuffix(".pcap") || $0.hasSuffix(".pcapng") }
        found += files(in: "captures/crafted") { $0.hasSuffix(".pcap") || $0.hasSuffix(".pcapng") }
        let scenarios = url("captures/scenarios")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: scenarios.path)) ?? []
        for name in names.sorted() {
            for file in ["capture.pcap", "capture.pcapng"] {
                let candidate = scenarios.appendingPathComponent(name).appendingPathComponent(file)
                if isRegularFile(candidate) { found.append(candidate) }
            }
        }
        found += files(in: "captures/demo") { $0.hasSuffix(".pcap") || $0.hasSuffix(".pcapng") }
        // Ad-hoc extra files for a local run: VRRPDUMP_EXTRA_CAPTURES=a.pcap:b.pcapng
        if let extra = ProcessInfo.processInfo.environment["VRRPDUMP_EXTRA_CAPTURES"] {
            found += extra.split(separator: ":").map { URL(fileURLWithPath: String($0)) }.filter(isRegularFile)
        }
        return found
    }
}

/// A scratch directory, removed when the value is released.
final class ScratchDirectory {
    let url: URL

    init(_ label: String = "scratch") throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("vrrpdumpTests-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    @discardableResult
    func write(_ bytes: [UInt8], named name: String) throws -> URL {
        let file = url.appendingPathComponent(name)
        try Data(bytes).write(to: file)
        return file
    }

    func file(_ name: String) -> URL { url.appendingPathComponent(name) }
}
