import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// Bad input: one `vrrpdump: ` line on stderr naming the file or interface and the reason,
/// a non-zero exit, never a crash (death by signal) or a hang. The damaged files are generated
/// here from bytes; the statistics line may accompany the error.
final class BadInputTests: XCTestCase {
    var scratch: ScratchDirectory!

    override func setUpWithError() throws {
        scratch = try ScratchDirectory("bad-input")
    }

    override func tearDown() {
        scratch = nil
    }

    static let statisticsLine = #"^\d+ packets? (read|captured)|packets received by filter"#

    /// The checks every bad-input case shares; returns the error line.
    @discardableResult
    func assertCleanError(_ outcome: ProcessOutcome, naming subject: String, reasonContains reasons: [String],
                          stdoutLines: Int = 0, file: StaticString = #filePath, line: UInt = #line) -> String? {
        XCTAssertFalse(outcome.timedOut, "hung: \(outcome.summary)", file: file, line: line)
        XCTAssertFalse(outcome.signalled, "crashed: \(outcome.summary)", file: file, line: line)
        XCTAssertNotEqual(outcome.status, 0, "exit status 0 for bad input: \(outcome.summary)", file: file, line: line)
        for marker in ["Fatal error", "Backtrace", "Stack dump", "Current stack trace", "Segmentation fault"] {
            XCTAssertFalse(outcome.stderrText.contains(marker), "crash report on stderr: \(outcome.summary)", file: file, line: line)
        }
        let errors = outcome.stderrLines.filter { $0.hasPrefix("vrrpdump: ") }
        XCTAssertEqual(errors.count, 1, "want exactly one `vrrpdump: ` line on stderr, got: \(outcome.stderrLines)", file: file, line: line)
        let others = outcome.stderrLines.filter {
            !$0.hasPrefix("vrrpdump: ") && $0.range(of: Self.statisticsLine, options: .regularExpression) == nil
        }
        XCTAssertEqual(others, [], "stderr lines that are neither the error nor statistics", file: file, line: line)
        XCTAssertEqual(outcome.stdoutLines.count, stdoutLines, "stdout: \(outcome.stdoutLines)", file: file, line: line)
        guard let error = errors.first else { return nil }
        XCTAssertTrue(error.contains(subject), "the error does not name \(subject): \(error)", file: file, line: line)
        let lowered = error.lowercased()
        XCTAssertTrue(reasons.contains { lowered.contains($0.lowercased()) },
                      "the error gives none of the reasons \(reasons): \(error)", file: file, line: line)
        return error
    }

    func testMissingFile() throws {
        let path = scratch.file("no-such-capture.pcap").path
        let outcome = try VRRPDumpRunner.run(["-r", path])
        assertCleanError(outcome, naming: path, reasonContains: ["no such file", "not found", "does not exist"])
    }

    func testTextFileIsNotACapture() throws {
        let path = try scratch.write(Array("hello, this is a text file\nnot a capture\n".utf8), named: "notes.txt").path
        let outcome = try VRRPDumpRunner.run(["-r", path])
        assertCleanError(outcome, naming: path, reasonContains: ["not a pcap", "not a capture", "unknown file format", "magic"])
    }

    func testEmptyFile() throws {
        let path = try scratch.write([], named: "empty.pcap").path
        let outcome = try VRRPDumpRunner.run(["-r", path])
        assertCleanError(outcome, naming: path, reasonContains: ["empty", "truncated", "no file header"])
    }

    func testTruncatedFileHeader() throws {
        let path = try scratch.write(Array(CaptureFileBytes.pcapHeader().prefix(10)), named: "short-header.pcap").path
        let outcome = try VRRPDumpRunner.run(["-r", path])
        assertCleanError(outcome, naming: path, reasonContains: ["truncated", "header"])
    }

    /// Three good records, then a record whose data stops after 10 of 100 bytes: the three
    /// packets come out first, then the error.
    func testCaptureTruncatedMidRecordPrintsThePacketsBeforeTheDamage() throws {
        let frame = CaptureFileBytes.vrrpFrame
        let bytes = CaptureFileBytes.pcap([frame, frame, frame])
            + CaptureFileBytes.recordHeader(seconds: 1_767_225_603, capturedLength: 100) + Array(frame.prefix(10))
        let path = try scratch.write(bytes, named: "cut-record.pcap").path

        let outcome = try VRRPDumpRunner.run(["-r", path])
        assertCleanError(outcome, naming: path, reasonContains: ["truncated", "cut short"], stdoutLines: 3)
        XCTAssertTrue(outcome.stdoutLines.allSatisfy { $0.contains("VRRPv2") && $0.contains("vrid 1") }, outcome.stdoutText)

        // One stream for both: the packets precede the error.
        let merged = try VRRPDumpRunner.run(["-r", path], mergeStderr: true)
        let lines = merged.stdoutLines
        let errorIndex = lines.firstIndex { $0.hasPrefix("vrrpdump: ") }
        XCTAssertNotNil(errorIndex, "no error line: \(lines)")
        XCTAssertEqual(lines.prefix(errorIndex ?? 0).filter { $0.contains("VRRPv2") }.count, 3,
                       "the 3 packets before the damage must be printed before the error: \(lines)")

        let json = try VRRPDumpRunner.run(["-r", path, "--json"])
        assertCleanError(json, naming: path, reasonContains: ["truncated", "cut short"], stdoutLines: 3)
        XCTAssertEqual(try DumpRecord.decodeLines(json.stdout, source: json.command).count, 3)
    }

    /// The damage is inside the 16-byte record header itself.
    func testCaptureTruncatedInsideARecordHeader() throws {
        let frame = CaptureFileBytes.vrrpFrame
        let bytes = CaptureFileBytes.pcap([frame, frame]) + Array(CaptureFileBytes.recordHeader(seconds: 0, capturedLength: 54).prefix(7))
        let path = try scratch.write(bytes, named: "cut-record-header.pcap").path
        let outcome = try VRRPDumpRunner.run(["-r", path])
        assertCleanError(outcome, naming: path, reasonContains: ["truncated", "cut short"], stdoutLines: 2)
    }

    /// tcpdump's vrrp-vrrp_print-oobr.pcap is Frame Relay (link type 107).
    func testUnsupportedLinkTypeFrameRelay() throws {
        let capture = Repository.url("captures/peer/tcpdump/vrrp-vrrp_print-oobr.pcap")
        guard Repository.isRegularFile(capture) else { throw XCTSkip("captures/peer/tcpdump/vrrp-vrrp_print-oobr.pcap is missing") }
        let outcome = try VRRPDumpRunner.run(["-r", capture.path, "-v"])
        let error = assertCleanError(outcome, naming: capture.path, reasonContains: ["unsupported link type"])
        XCTAssertTrue(error?.contains("107") ?? false, "the error should give the link type number: \(error ?? "-")")
    }

    /// LINKTYPE_USER0 (147) must not be guessed as Ethernet.
    func testUnsupportedLinkTypeUser0() throws {
        let path = try scratch.write(CaptureFileBytes.pcap([CaptureFileBytes.vrrpFrame], linkType: 147), named: "user0.pcap").path
        let outcome = try VRRPDumpRunner.run(["-r", path])
        let error = assertCleanError(outcome, naming: path, reasonContains: ["unsupported link type"])
        XCTAssertTrue(error?.contains("147") ?? false, "the error should give the link type number: \(error ?? "-")")
    }

    /// A record announcing 2 GiB (and one announcing 4 GiB − 1) must fail at once, without
    /// allocating or reading that much; the good packet before it is printed.
    func testHugeCapturedLength() throws {
        for length: UInt32 in [0x7fff_ffff, 0xffff_ffff] {
            let bytes = CaptureFileBytes.pcap([CaptureFileBytes.vrrpFrame])
                + CaptureFileBytes.recordHeader(seconds: 1_767_225_601, capturedLength: length) + [UInt8](repeating: 0xab, count: 16)
            let path = try scratch.write(bytes, named: "huge-\(length).pcap").path
            let outcome = try VRRPDumpRunner.run(["-r", path], timeout: 20)
            assertCleanError(outcome, naming: path, reasonContains: ["exceeds", "too large", "bigger", "caplen", "captured length", "limit"],
                             stdoutLines: 1)
            XCTAssertLessThan(outcome.seconds, 10, "a huge caplen should fail at once")
        }
    }

    /// pcapng damage: an impossible block length after a good packet, a block length that is not
    /// a multiple of 4 right after the section header, and a trailer length that differs.
    func testBadPcapngBlocks() throws {
        let good = CaptureFileBytes.pcapng([CaptureFileBytes.vrrpFrame])
        let le32 = CaptureFileBytes.le32
        let cases: [(name: String, bytes: [UInt8], packets: Int)] = [
            ("huge-block.pcapng", good + le32(6) + le32(0xffff_fff3) + [UInt8](repeating: 0x5a, count: 8), 1),
            ("odd-length.pcapng", Array(good.prefix(28)) + le32(1) + le32(7) + [UInt8](repeating: 0, count: 8), 0),
            ("bad-trailer.pcapng", {
                var bytes = good
                bytes.replaceSubrange((bytes.count - 4)..., with: le32(44))  // the EPB's trailing length
                return bytes
            }(), 0),
        ]
        for (name, bytes, packets) in cases {
            let path = try scratch.write(bytes, named: name).path
            let outcome = try VRRPDumpRunner.run(["-r", path], timeout: 20)
            assertCleanError(outcome, naming: path, reasonContains: ["block", "pcapng", "length"], stdoutLines: packets)
        }
        // The undamaged file reads cleanly (so the damage above is what fails).
        let path = try scratch.write(good, named: "good.pcapng").path
        let outcome = try VRRPDumpRunner.run(["-r", path])
        XCTAssertTrue(outcome.succeeded, outcome.summary)
        XCTAssertEqual(outcome.stdoutLines.count, 1, outcome.stdoutText)
    }

    /// An interface name of 30,000 invalid UTF-8 bytes grows to 90,000 when read: `-w` must still
    /// write its (cut) name instead of overflowing the 16-bit option length.
    func testHugeInterfaceNameIsWrittenCut() throws {
        let le16 = CaptureFileBytes.le16, le32 = CaptureFileBytes.le32
        let name = [UInt8](repeating: 0xff, count: 30_000)
        let interface = { (linkType: UInt16) in
            CaptureFileBytes.pcapngBlock(type: 1, body: le16(linkType) + le16(0) + le32(262_144)
                + le16(2) + le16(UInt16(name.count)) + name + le16(0) + le16(0))
        }
        // Two link types: the output is pcapng, with interface descriptions.
        let bytes = Array(CaptureFileBytes.pcapng([]).prefix(28)) + interface(1) + interface(101)
        let path = try scratch.write(bytes, named: "huge-name.pcapng").path
        let written = scratch.file("huge-name-out.pcapng").path
        let outcome = try VRRPDumpRunner.run(["-r", path, "-w", written])
        XCTAssertTrue(outcome.succeeded, outcome.summary)
        let reread = try VRRPDumpRunner.run(["-r", written])
        XCTAssertTrue(reread.succeeded, reread.summary)
    }

    func testNonexistentInterface() throws {
        let outcome = try VRRPDumpRunner.run(["-i", "vdnonexistent0"], timeout: 20)
        assertCleanError(outcome, naming: "vdnonexistent0",
                         reasonContains: ["no such device", "does not exist", "doesn't exist", "no such interface", "not found",
                                          "cap_net_raw"])
    }

    /// As an unprivileged user the capture cannot open; the message names the capability. Run in a
    /// namespace of the test's own, so that nothing of the machine's could be captured even if it did.
    func testNoPermissionToCapture() throws {
        let namespace = try TestNamespace()
        let drop: [String]
        if let setpriv = ProcessRunner.which("setpriv") {
            drop = [setpriv.path, "--reuid=65534", "--regid=65534", "--clear-groups"]
        } else if let runuser = ProcessRunner.which("runuser") {
            drop = [runuser.path, "-u", "nobody", "--"]
        } else {
            throw XCTSkip("neither setpriv nor runuser is installed")
        }
        let wrapper = (namespace.exec.wrapper, namespace.exec.arguments + drop)
        // The build directory may not be reachable for nobody: run a world-readable copy.
        let directory = scratch.url
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: directory.path)
        let copy = directory.appendingPathComponent("vrrpdump")
        try FileManager.default.copyItem(at: try VRRPDumpRunner.executable(), to: copy)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: copy.path)

        for interface in ["lo", "any"] {
            let outcome = try VRRPDumpRunner.run(wrappedBy: wrapper.0, wrapper.1, executable: copy, ["-i", interface])
            if outcome.stderrText.contains("error while loading shared libraries") {
                // A toolchain under a private home directory: nobody cannot load the Swift runtime.
                throw XCTSkip("the unprivileged user cannot load the Swift runtime libraries: \(outcome.stderrText)")
            }
            let error = assertCleanError(outcome, naming: interface, reasonContains: ["CAP_NET_RAW"])
            XCTAssertTrue(error?.contains("CAP_NET_RAW") ?? false, "the capability is named in capitals: \(error ?? "-")")
        }
    }

    /// Whatever lands in captures/bad (another helper's files): a clean error for each, except the
    /// header-only capture, which is valid and empty (see captures/bad/README.md).
    func testEveryFileInCapturesBad() throws {
        let files = Repository.files(in: "captures/bad") { !$0.hasSuffix(".md") }
        guard !files.isEmpty else { throw XCTSkip("captures/bad has no files yet") }
        for file in files {
            let outcome = try VRRPDumpRunner.run(["-r", file.path], timeout: 20)
            if file.lastPathComponent == "header-only.pcap" {
                XCTAssertTrue(outcome.succeeded, outcome.summary)
                XCTAssertEqual(outcome.stdoutLines, [])
                continue
            }
            // The reason is checked per case above; here: one line naming the file, no crash.
            XCTAssertFalse(outcome.timedOut || outcome.signalled, "\(Repository.relative(file)): \(outcome.summary)")
            XCTAssertNotEqual(outcome.status, 0, "\(Repository.relative(file)): \(outcome.summary)")
            let errors = outcome.stderrLines.filter { $0.hasPrefix("vrrpdump: ") }
            XCTAssertEqual(errors.count, 1, "\(Repository.relative(file)): \(outcome.stderrLines)")
            XCTAssertTrue(errors.first?.contains(file.path) ?? false, "\(Repository.relative(file)): \(errors)")
        }
    }

    /// tcpdump's vrrp-vrrp_print-oobr-2.pcap: ten damaged VRRP packets in a good file. Each is
    /// printed as malformed or truncated with the reason and counted; the run does not stop and
    /// exits 0.
    func testMalformedPacketsInsideAGoodFileArePrintedAndCounted() throws {
        let capture = Repository.url("captures/peer/tcpdump/vrrp-vrrp_print-oobr-2.pcap")
        guard Repository.isRegularFile(capture) else { throw XCTSkip("vrrp-vrrp_print-oobr-2.pcap is missing") }
        for verbose in [[], ["-v"]] {
            let outcome = try VRRPDumpRunner.run(["-r", capture.path] + verbose)
            XCTAssertTrue(outcome.succeeded, outcome.summary)
            XCTAssertEqual(outcome.stdoutLines.count, 10, outcome.stdoutText)
            for line in outcome.stdoutLines {
                XCTAssertTrue(line.contains("malformed") || line.contains("truncated"),
                              "a damaged packet must say why: \(line)")
            }
            XCTAssertEqual(outcome.stderrLines.filter { $0.hasPrefix("vrrpdump: ") }, [], "no error for malformed packets")
            let statistics = outcome.stderrLines.last ?? ""
            XCTAssertTrue(statistics.contains("10 packets read"), statistics)
            XCTAssertTrue(statistics.contains("10 malformed"), "the statistics line counts them: \(statistics)")
        }
        let (json, records) = try VRRPDumpRunner.records(of: capture)
        XCTAssertTrue(json.succeeded, json.summary)
        XCTAssertEqual(records.count, 10)
        for record in records {
            XCTAssertTrue(record.error != nil || record.problems.contains("truncated") || record.problems.contains("malformed"),
                          "not marked: \(record)")
        }
    }

    /// The crafted snaplen-truncated and anomaly captures never stop the run either.
    func testDamagedPacketsInCraftedCapturesDoNotStopTheRun() throws {
        for name in ["truncated-snaplen.pcap", "anomalies.pcap"] {
            let capture = Repository.url("captures/crafted/\(name)")
            guard Repository.isRegularFile(capture) else { continue }
            let outcome = try VRRPDumpRunner.run(["-r", capture.path, "-v"])
            XCTAssertTrue(outcome.succeeded, outcome.summary)
            XCTAssertEqual(outcome.stderrLines.filter { $0.hasPrefix("vrrpdump: ") }, [], outcome.summary)
            XCTAssertGreaterThan(outcome.stdoutLines.count, 0)
        }
    }
}
