import Foundation
import XCTest

/// Runs the `vrrpdump` executable that SwiftPM built next to this test bundle.
enum VRRPDumpRunner {
    struct NotFound: Error, CustomStringConvertible {
        let searched: [String]
        var description: String {
            "the vrrpdump executable was not found next to the test bundle (looked at \(searched.joined(separator: ", ")))"
        }
    }

    /// Candidates, best first: `VRRPDUMP` from the environment, then the directory holding the
    /// test bundle (SwiftPM puts every product of a configuration in one directory).
    private static let search: (url: URL?, searched: [String]) = {
        var candidates: [URL] = []
        if let override = ProcessInfo.processInfo.environment["VRRPDUMP"], !override.isEmpty {
            candidates.append(URL(fileURLWithPath: override))
        }
        var directories = [Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent()]
        for bundle in Bundle.allBundles where bundle.bundleURL.pathExtension == "xctest" {
            directories.append(bundle.bundleURL.deletingLastPathComponent())
        }
        if let argument = CommandLine.arguments.first {
            let executable = URL(fileURLWithPath: argument)
            directories.append(executable.deletingLastPathComponent())
            // On Darwin the test binary sits in Foo.xctest/Contents/MacOS.
            directories.append(executable.deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().deletingLastPathComponent())
        }
        candidates += directories.map { $0.appendingPathComponent("vrrpdump") }
        let found = candidates.first { url in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && !isDirectory.boolValue
                && FileManager.default.isExecutableFile(atPath: url.path)
        }
        return (found, candidates.map(\.path))
    }()

    /// The executable, or an error naming where it was looked for.
    static func executable() throws -> URL {
        guard let url = search.url else { throw NotFound(searched: search.searched) }
        return url
    }

    /// Runs `vrrpdump arguments` to completion (killed after `timeout`).
    static func run(_ arguments: [String], stdin: StandardInput = .null, mergeStderr: Bool = false,
                    timeout: TimeInterval = 60) throws -> ProcessOutcome {
        try ProcessRunner.run(executable(), arguments, stdin: stdin, mergeStderr: mergeStderr, timeout: timeout)
    }

    /// Starts `vrrpdump arguments` and returns at once (for signals and pipes held open).
    static func start(_ arguments: [String], stdin: StandardInput = .null, discardStdout: Bool = false) throws -> ChildProcess {
        try ChildProcess(executable: executable(), arguments: arguments, stdin: stdin, discardStdout: discardStdout)
    }

    /// Starts `vrrpdump arguments` inside the test's own network namespace.
    static func start(in namespace: TestNamespace, _ arguments: [String], discardStdout: Bool = false) throws -> ChildProcess {
        let exec = namespace.exec
        return try ChildProcess(executable: exec.wrapper, arguments: exec.arguments + [executable().path] + arguments,
                                discardStdout: discardStdout)
    }

    /// Runs `vrrpdump` through a wrapper command, e.g. `setpriv --reuid=65534 ... vrrpdump -i lo`.
    static func run(wrappedBy wrapper: URL, _ wrapperArguments: [String], executable vrrpdump: URL,
                    _ arguments: [String], timeout: TimeInterval = 30) throws -> ProcessOutcome {
        try ProcessRunner.run(wrapper, wrapperArguments + [vrrpdump.path] + arguments, timeout: timeout)
    }

    /// `vrrpdump --json -r file` decoded into records; every stdout line must be a JSON object.
    static func records(of file: URL, extra: [String] = []) throws -> (outcome: ProcessOutcome, records: [DumpRecord]) {
        let outcome = try run(["-r", file.path, "--json"] + extra)
        return (outcome, try DumpRecord.decodeLines(outcome.stdout, source: outcome.command))
    }
}

/// A peer decoder (tcpdump, tshark) found on PATH, run the same way.
struct PeerTool {
    let name: String
    let url: URL

    init?(_ name: String) {
        guard let url = ProcessRunner.which(name) else { return nil }
        self.name = name
        self.url = url
    }

    /// The tool, or an `XCTSkip` that says why the test cannot run here.
    static func require(_ name: String, purpose: String) throws -> PeerTool {
        guard let tool = PeerTool(name) else {
            let reason = "\(name) is not installed (apt-get install \(name)); skipping \(purpose)"
            print("SKIP: \(reason)")
            throw XCTSkip(reason)
        }
        return tool
    }

    func run(_ arguments: [String], timeout: TimeInterval = 120) throws -> ProcessOutcome {
        // A fixed locale and zone keep the text output comparable; LC_ALL=C stops tshark from
        // loading translations.
        var environment = ProcessInfo.processInfo.environment
        environment["LC_ALL"] = "C"
        environment["TZ"] = "UTC"
        return try ProcessRunner.run(url, arguments, timeout: timeout, environment: environment)
    }
}
