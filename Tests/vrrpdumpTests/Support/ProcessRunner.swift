import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Where a child's standard input comes from.
enum StandardInput {
    /// /dev/null: the child sees end of file at once.
    case null
    /// These bytes, then end of file.
    case bytes(Data)
    /// A pipe the test keeps open and writes to (`ChildProcess.stdinPipe`).
    case pipe
}

/// What a finished (or killed) child process left behind.
struct ProcessOutcome: Sendable {
    let command: String
    /// The exit status, or the signal number when `signalled`.
    let status: Int32
    let signalled: Bool
    let timedOut: Bool
    let stdout: Data
    let stderr: Data
    let seconds: Double

    var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
    var stderrText: String { String(decoding: stderr, as: UTF8.self) }
    var stdoutLines: [String] { Self.lines(stdoutText) }
    var stderrLines: [String] { Self.lines(stderrText) }

    /// Exited by itself, with a status (no signal, no timeout kill).
    var exitedNormally: Bool { !signalled && !timedOut }
    /// Exited by itself with status 0.
    var succeeded: Bool { exitedNormally && status == 0 }

    /// One line for assertion messages: how it ended and the start of stderr.
    var summary: String {
        let how = timedOut ? "timed out after \(String(format: "%.1f", seconds)) s (killed)"
            : signalled ? "killed by signal \(status)" : "exit status \(status)"
        let err = stderrText.prefix(600)
        return "`\(command)`: \(how); stderr: \(err.isEmpty ? "(empty)" : String(err))"
    }

    static func lines(_ text: String) -> [String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }
}

/// A started child: stdout and stderr go to temporary files, so no pipe can fill up and block it.
final class ChildProcess {
    let process = Process()
    /// The write end of the child's standard input with `StandardInput.pipe`.
    private(set) var stdinPipe: Pipe?
    let command: String
    private let scratch: URL
    private let outURL: URL
    private let errURL: URL
    private let started = Date()
    private var handles: [FileHandle] = []

    /// - Parameter mergeStderr: send stderr into the stdout file too (one stream, order preserved).
    /// - Parameter discardStdout: send stdout to /dev/null (runs whose output is too big to keep on disk).
    init(executable: URL, arguments: [String], stdin: StandardInput = .null, mergeStderr: Bool = false,
         environment: [String: String]? = nil, discardStdout: Bool = false) throws {
        command = ([executable.lastPathComponent] + arguments).joined(separator: " ")
        scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent("vrrpdumpTests-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        outURL = scratch.appendingPathComponent("stdout")
        errURL = mergeStderr ? outURL : scratch.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL)
        let err = mergeStderr ? out : try FileHandle(forWritingTo: errURL)
        handles = mergeStderr ? [out] : [out, err]

        process.executableURL = executable
        process.arguments = arguments
        if let environment { process.environment = environment }
        process.standardOutput = discardStdout ? FileHandle.nullDevice : out
        process.standardError = err
        switch stdin {
        case .null:
            process.standardInput = FileHandle.nullDevice
        case .bytes(let data):
            let inURL = scratch.appendingPathComponent("stdin")
            try data.write(to: inURL)
            let handle = try FileHandle(forReadingFrom: inURL)
            handles.append(handle)
            process.standardInput = handle
        case .pipe:
            let pipe = Pipe()
            stdinPipe = pipe
            process.standardInput = pipe
        }
        try process.run()
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        try? FileManager.default.removeItem(at: scratch)
    }

    var isRunning: Bool { process.isRunning }

    func send(signal signo: Int32) { kill(process.processIdentifier, signo) }

    /// What the child has written to stdout so far.
    func stdoutSoFar() -> Data { (try? Data(contentsOf: outURL)) ?? Data() }

    /// Polls `condition` until it holds or `timeout` passes; true when it held.
    func wait(until condition: () -> Bool, timeout: TimeInterval) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if condition() { return true }
            usleep(10_000)
        }
        return condition()
    }

    /// Waits for the exit; kills the child with SIGKILL when `timeout` passes first.
    func finish(timeout: TimeInterval) -> ProcessOutcome {
        var timedOut = false
        if !wait(until: { !process.isRunning }, timeout: timeout) {
            timedOut = true
            kill(process.processIdentifier, SIGKILL)
        }
        process.waitUntilExit()
        try? stdinPipe?.fileHandleForWriting.close()
        for handle in handles { try? handle.close() }
        let signalled = process.terminationReason == .uncaughtSignal
        return ProcessOutcome(
            command: command, status: process.terminationStatus, signalled: signalled, timedOut: timedOut,
            stdout: (try? Data(contentsOf: outURL)) ?? Data(),
            stderr: errURL == outURL ? Data() : ((try? Data(contentsOf: errURL)) ?? Data()),
            seconds: Date().timeIntervalSince(started))
    }
}

/// Runs a command to completion with a timeout.
enum ProcessRunner {
    static func run(_ executable: URL, _ arguments: [String], stdin: StandardInput = .null,
                    mergeStderr: Bool = false, timeout: TimeInterval = 60,
                    environment: [String: String]? = nil) throws -> ProcessOutcome {
        let child = try ChildProcess(executable: executable, arguments: arguments, stdin: stdin,
                                     mergeStderr: mergeStderr, environment: environment)
        return child.finish(timeout: timeout)
    }

    /// The first executable called `name` on PATH (plus the sbin directories root tools live in).
    static func which(_ name: String) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let directories = path.split(separator: ":").map(String.init) + ["/usr/local/sbin", "/usr/sbin", "/sbin", "/usr/bin", "/bin"]
        for directory in directories where !directory.isEmpty {
            let candidate = URL(fileURLWithPath: directory).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }

    static var isRoot: Bool { geteuid() == 0 }
}
