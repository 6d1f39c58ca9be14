import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// The sensor's command line: --version, -w with --timeline, tcpdump's rotation compared with
/// tcpdump's own files, -Z and the progress line.
final class SensorCLITests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("vrrpdump-sensor-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDown() {
        try? FileManager.default.removeItem(at: directory)
    }

    private func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// A deterministic capture of `count` records from scripts/gen-bench-capture (2.3 MB per 30,000).
    private func benchCapture(_ count: Int) throws -> String {
        let output = path("bench-\(count).pcap")
        let outcome = try ProcessRunner.run(URL(fileURLWithPath: "/usr/bin/python3"),
                                            [Repository.url("scripts/gen-bench-capture").path, output, String(count)])
        XCTAssertTrue(outcome.succeeded, outcome.summary)
        return output
    }

    private func files(withPrefix prefix: String, in folder: URL? = nil) throws -> [String: Int] {
        let folder = folder ?? directory!
        var sizes: [String: Int] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasPrefix(prefix) {
            let attributes = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(name).path)
            sizes[name] = (attributes[.size] as? NSNumber)?.intValue ?? -1
        }
        return sizes
    }

    func testVersion() throws {
        let outcome = try VRRPDumpRunner.run(["--version"])
        XCTAssertTrue(outcome.succeeded, outcome.summary)
        XCTAssertNotNil(outcome.stdoutText.range(of: #"^\d+\.\d+\.\d+\n$"#, options: .regularExpression), outcome.stdoutText)
    }

    /// --timeline with -w prints the story and keeps every selected packet, as -w alone would.
    func testTimelineKeepsEvidence() throws {
        let input = try benchCapture(3000)
        let timeline = try VRRPDumpRunner.run(["-r", input, "--timeline", "-w", path("timeline.pcap")])
        XCTAssertTrue(timeline.succeeded, timeline.summary)
        XCTAssertTrue(timeline.stdoutText.contains("router"), "no summary: \(timeline.stdoutText.prefix(300))")
        let plain = try VRRPDumpRunner.run(["-r", input, "-w", path("plain.pcap")])
        XCTAssertTrue(plain.succeeded, plain.summary)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path("timeline.pcap"))),
                       try Data(contentsOf: URL(fileURLWithPath: path("plain.pcap"))))
    }

    /// -C, and -C with -W, give the same file names and sizes as tcpdump given the same input, and
    /// every file is a capture tcpdump reads to its end.
    func testSizeRotationMatchesTcpdump() throws {
        let tcpdump = try PeerTool.require("tcpdump", purpose: "the -C/-W comparison")
        let input = try benchCapture(30000)
        for (prefix, extra) in [("size", ["-C", "1"]), ("ring", ["-C", "1", "-W", "2"])] {
            let ours = try VRRPDumpRunner.run(["-r", input, "-w", path("v-\(prefix)")] + extra)
            XCTAssertTrue(ours.succeeded, ours.summary)
            // -Z root: Debian's tcpdump would otherwise become user tcpdump before creating files.
            let theirs = try tcpdump.run(["-r", input, "-Z", "root", "-w", path("t-\(prefix)")] + extra)
            XCTAssertTrue(theirs.succeeded, theirs.summary)
            let ourFiles = try files(withPrefix: "v-\(prefix)")
            let theirFiles = try files(withPrefix: "t-\(prefix)")
            XCTAssertGreaterThan(ourFiles.count, 1, prefix)
            XCTAssertEqual(Dictionary(uniqueKeysWithValues: ourFiles.map { (String($0.key.dropFirst(2)), $0.value) }),
                           Dictionary(uniqueKeysWithValues: theirFiles.map { (String($0.key.dropFirst(2)), $0.value) }), prefix)
            for name in ourFiles.keys {
                let read = try tcpdump.run(["-r", path(name), "-c", "100000000"])
                XCTAssertTrue(read.succeeded, "\(name): \(read.summary)")
            }
        }
    }

    /// -G 1 -W 2 on a replay from a pipe that pauses: two strftime-named files, then tcpdump's
    /// "Maximum file limit reached: 2" and exit status 0.
    func testTimeRotationStopsAfterFileCount() throws {
        let input = try Data(contentsOf: URL(fileURLWithPath: try benchCapture(300)))
        let child = try VRRPDumpRunner.start(["-r", "-", "-w", path("g-%Y%m%d%H%M%S.pcap"), "-G", "1", "-W", "2"], stdin: .pipe)
        // Record boundaries (little-endian pcap: the captured length is at offset 8 of each header).
        var offsets = [24]
        while let last = offsets.last, last + 16 <= input.count {
            let length = input.subdata(in: (last + 8)..<(last + 12)).withUnsafeBytes { Int($0.loadUnaligned(as: UInt32.self)) }
            offsets.append(last + 16 + length)
        }
        let writer = try XCTUnwrap(child.stdinPipe).fileHandleForWriting
        writer.write(input.prefix(offsets[100]))
        for record in 100..<102 {
            Thread.sleep(forTimeInterval: 1.2)
            writer.write(input.subdata(in: offsets[record]..<offsets[record + 1]))
        }
        try? writer.close()
        let outcome = child.finish(timeout: 30)
        XCTAssertTrue(outcome.succeeded, outcome.summary)
        XCTAssertTrue(outcome.stderrText.contains("Maximum file limit reached: 2"), outcome.stderrText)
        let written = try files(withPrefix: "g-")
        XCTAssertEqual(written.count, 2, "\(written)")
        for name in written.keys {
            XCTAssertNotNil(name.range(of: #"^g-\d{14}\.pcap$"#, options: .regularExpression), name)
        }
    }

    /// -Z: the -w file is created by the named user, not root.
    func testDropPrivilegesBeforeCreatingFiles() throws {
        guard geteuid() == 0 else { throw XCTSkip("-Z only changes user when started as root") }
        guard let nobody = getpwnam("nobody") else { throw XCTSkip("no user nobody") }
        chmod(directory.path, 0o1777)
        let input = try benchCapture(100)
        let outcome = try VRRPDumpRunner.run(["-r", input, "-Z", "nobody", "-w", path("z.pcap")])
        XCTAssertTrue(outcome.succeeded, outcome.summary)
        let attributes = try FileManager.default.attributesOfItem(atPath: path("z.pcap"))
        XCTAssertEqual((attributes[.ownerAccountID] as? NSNumber)?.uint32Value, nobody.pointee.pw_uid)
        let refused = try VRRPDumpRunner.run(["-r", input, "-Z", "no-such-user-here", "-w", path("y.pcap")])
        XCTAssertEqual(refused.status, 1)
        XCTAssertEqual(refused.stderrText, "vrrpdump: -Z no-such-user-here: no such user\n")
    }

    /// A replay slower than a second draws its progress on a terminal (script(1) gives a pty) and
    /// erases it; with standard error in a pipe nothing of it appears.
    func testProgressLineOnlyOnATerminal() throws {
        guard let script = ProcessRunner.which("script") else { throw XCTSkip("script(1) is not installed") }
        let input = try benchCapture(300)
        let vrrpdump = try VRRPDumpRunner.executable().path
        let command = "(head -c 5000 \(input); sleep 1.6; tail -c +5001 \(input)) | \(vrrpdump) -r - >/dev/null"
        let terminal = try ProcessRunner.run(script, ["-qec", command, "/dev/null"])
        XCTAssertTrue(terminal.succeeded, terminal.summary)
        XCTAssertTrue(terminal.stdoutText.contains("\r\u{1B}[K"), terminal.stdoutText)
        XCTAssertNotNil(terminal.stdoutText.range(of: #"\d+\.\d MB, \d+ packets, [\d.]+ MB/s"#, options: .regularExpression),
                        terminal.stdoutText)
        let piped = try ProcessRunner.run(URL(fileURLWithPath: "/bin/sh"), ["-c", command])
        XCTAssertTrue(piped.succeeded, piped.summary)
        XCTAssertFalse(piped.stderrText.contains("MB/s"), piped.stderrText)
    }

    func testRotationNeedsAFile() throws {
        for arguments in [["-C", "1"], ["-w", "-", "-C", "1"], ["-w", "x", "-W", "2"], ["-w", "x", "-G", "0"]] {
            let outcome = try VRRPDumpRunner.run(["-r", "/dev/null"] + arguments)
            XCTAssertEqual(outcome.status, 64, "\(arguments): \(outcome.summary)")
        }
    }
}
