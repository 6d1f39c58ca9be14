import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// Command-line behaviour on real captures: JSON Lines only on stdout, -c, -w, --redact, stdin
/// and SIGINT.
final class CLIBehaviourTests: XCTestCase {
    static let password = "abcdefgh"

    func tcpdumpCapture(_ name: String) throws -> URL {
        let url = Repository.url("captures/peer/tcpdump/\(name)")
        guard Repository.isRegularFile(url) else { throw XCTSkip("captures/peer/tcpdump/\(name) is missing") }
        return url
    }

    /// Every stdout line of a --json run is one JSON object with the fixed keys of the schema;
    /// nothing else is on stdout; the statistics are on stderr.
    func testJSONRunsPrintOnlyJSONLines() throws {
        var files = Repository.differentialCaptures()
        files += Repository.files(in: "captures/bad") { !$0.hasSuffix(".md") }
        XCTAssertGreaterThan(files.count, 0)
        let kinds: Set<String> = ["vrrp", "arp", "na", "carp", "other"]
        var lines = 0
        for file in files {
            let outcome = try VRRPDumpRunner.run(["-r", file.path, "--json"])
            let name = Repository.relative(file)
            XCTAssertTrue(outcome.exitedNormally, "\(name): \(outcome.summary)")
            if !outcome.stdout.isEmpty {
                XCTAssertEqual(outcome.stdout.last, UInt8(ascii: "\n"), "\(name): stdout must end with a newline")
            }
            for (index, line) in outcome.stdoutLines.enumerated() {
                lines += 1
                let where_ = "\(name) line \(index + 1)"
                guard let object = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any] else {
                    XCTFail("\(where_): not a JSON object: \(line.prefix(200))")
                    continue
                }
                for key in ["ts", "kind", "vlan", "src_mac", "dst_mac", "problems"] {
                    XCTAssertNotNil(object[key], "\(where_): fixed key \(key) missing: \(line)")
                }
                XCTAssertNotNil(object["ts"] as? Double, "\(where_): ts is not a number")
                XCTAssertTrue(kinds.contains(object["kind"] as? String ?? ""), "\(where_): kind \(object["kind"] ?? "nil")")
                XCTAssertNotNil(object["vlan"] as? [Any], "\(where_): vlan is not a list")
                XCTAssertNotNil(object["problems"] as? [String], "\(where_): problems is not a list of strings")
                if let ip = object["ip"] {
                    let ip = ip as? [String: Any] ?? [:]
                    for key in ["version", "src", "dst", "ttl"] { XCTAssertNotNil(ip[key], "\(where_): ip.\(key) missing") }
                }
                if let vrrp = object["vrrp"] {
                    let vrrp = vrrp as? [String: Any] ?? [:]
                    for key in ["version", "type", "vrid", "priority", "count", "interval_cs", "addrs", "checksum", "checksum_form"] {
                        XCTAssertNotNil(vrrp[key], "\(where_): vrrp.\(key) missing")
                    }
                    if (vrrp["version"] as? Int) == 2 {
                        XCTAssertNotNil(vrrp["auth_type"], "\(where_): vrrp.auth_type missing for v2")
                        XCTAssertNotNil(vrrp["auth"], "\(where_): vrrp.auth missing for v2")
                    }
                    XCTAssertTrue(["valid", "invalid", "unverified"].contains(vrrp["checksum"] as? String ?? ""), "\(where_)")
                    let form = vrrp["checksum_form"]
                    XCTAssertTrue(form is NSNull || ["plain", "pseudo-header", "pseudo-header-224.0.0.18"].contains(form as? String ?? ""),
                                  "\(where_): checksum_form \(String(describing: form))")
                }
                if let arp = object["arp"] {
                    let arp = arp as? [String: Any] ?? [:]
                    for key in ["op", "sender_mac", "sender_ip", "target_mac", "target_ip", "gratuitous"] {
                        XCTAssertNotNil(arp[key], "\(where_): arp.\(key) missing")
                    }
                }
                if let na = object["na"] {
                    let na = na as? [String: Any] ?? [:]
                    for key in ["target", "router", "solicited", "override", "tlla", "unsolicited"] {
                        XCTAssertNotNil(na[key], "\(where_): na.\(key) missing")
                    }
                }
            }
            if outcome.status == 0 {
                let last = outcome.stderrLines.last ?? ""
                XCTAssertTrue(last.range(of: #"^\d+ packets? read"#, options: .regularExpression) != nil,
                              "\(name): statistics belong on stderr, got \(outcome.stderrLines)")
                XCTAssertFalse(outcome.stdoutText.contains("packets read"), "\(name): statistics on stdout")
            }
        }
        print("JSON Lines: \(lines) lines from \(files.count) files parsed with JSONSerialization")
    }

    func testCountStopsAfterThreePackets() throws {
        let capture = try tcpdumpCapture("vrrp.pcap")
        for extra in [[], ["--json"], ["-v"]] {
            let outcome = try VRRPDumpRunner.run(["-r", capture.path, "-c", "3"] + extra)
            XCTAssertTrue(outcome.succeeded, outcome.summary)
            XCTAssertEqual(outcome.stdoutLines.count, 3, "\(extra): \(outcome.stdoutText)")
            XCTAssertTrue(outcome.stderrText.contains("3 packets read"), outcome.stderrText)
        }
        let bad = try VRRPDumpRunner.run(["-r", capture.path, "-c", "0"])
        XCTAssertTrue(bad.exitedNormally && bad.status != 0, "-c 0 is refused: \(bad.summary)")
    }

    /// -w writes a pcap tcpdump reads with the same packet count; vrrpdump reads back the same records.
    func testWriteProducesACaptureTcpdumpReads() throws {
        let capture = try tcpdumpCapture("vrrp.pcap")
        let scratch = try ScratchDirectory("write")
        let out = scratch.file("out.pcap")
        let outcome = try VRRPDumpRunner.run(["-r", capture.path, "-w", out.path])
        XCTAssertTrue(outcome.succeeded, outcome.summary)
        XCTAssertEqual(outcome.stdoutLines.count, 165)

        let (_, original) = try VRRPDumpRunner.records(of: capture)
        let (again, reread) = try VRRPDumpRunner.records(of: out)
        XCTAssertTrue(again.succeeded, again.summary)
        XCTAssertEqual(reread.count, original.count)
        for (a, b) in zip(original, reread) {
            XCTAssertEqual(a.microseconds, b.microseconds)
            XCTAssertEqual(a.len, b.len)
            XCTAssertEqual(a.vrrp?.vrid, b.vrrp?.vrid)
            XCTAssertEqual(a.vrrp?.checksumValue, b.vrrp?.checksumValue)
        }

        let counted = try VRRPDumpRunner.run(["-r", capture.path, "-c", "3", "-w", scratch.file("three.pcap").path])
        XCTAssertTrue(counted.succeeded, counted.summary)

        let tcpdump = try PeerTool.require("tcpdump", purpose: "reading vrrpdump's -w file with tcpdump")
        for (file, expected) in [(out, 165), (scratch.file("three.pcap"), 3)] {
            let read = try tcpdump.run(["-nn", "-r", file.path])
            XCTAssertTrue(read.succeeded, read.summary)
            XCTAssertEqual(read.stdoutLines.count, expected, "tcpdump -r \(file.lastPathComponent): \(read.stdoutText.prefix(500))")
            XCTAssertEqual(read.stdoutLines.filter { $0.contains("VRRPv") }.count, expected)
        }
    }

    /// Mixed link types (Ethernet and Linux SLL interfaces) go to -w as pcapng, which tshark
    /// reads with the same frames. (libpcap, hence tcpdump, refuses pcapng whose interfaces have
    /// different link types, so tcpdump is not asked here.)
    func testWriteWithMixedLinkTypesProducesPcapngTsharkReads() throws {
        let capture = Repository.url("captures/crafted/multi-if.pcapng")
        guard Repository.isRegularFile(capture) else { throw XCTSkip("captures/crafted/multi-if.pcapng is missing") }
        let scratch = try ScratchDirectory("write-pcapng")
        let out = scratch.file("out.pcapng")
        let (outcome, original) = try VRRPDumpRunner.records(of: capture, extra: ["-w", out.path])
        XCTAssertTrue(outcome.succeeded, outcome.summary)
        let magic = try Data(contentsOf: out).prefix(4)
        XCTAssertEqual(Array(magic), [0x0a, 0x0d, 0x0d, 0x0a], "mixed link types need pcapng")
        let (_, reread) = try VRRPDumpRunner.records(of: out)
        XCTAssertEqual(reread.map(\.microseconds), original.map(\.microseconds))
        XCTAssertEqual(reread.map(\.interface), original.map(\.interface))

        let tshark = try PeerTool.require("tshark", purpose: "reading vrrpdump's pcapng with tshark")
        let read = try tshark.run(["-n", "-r", out.path, "-T", "fields", "-e", "frame.number"])
        XCTAssertTrue(read.succeeded, read.summary)
        XCTAssertEqual(read.stdoutLines.count, original.count)
    }

    /// --redact hides the simple-auth password of vrrp.pcap ("abcdefgh") in text, JSON and -w.
    func testRedactHidesThePasswordEverywhere() throws {
        let capture = try tcpdumpCapture("vrrp.pcap")
        let scratch = try ScratchDirectory("redact")
        let password = Data(Self.password.utf8)

        // Without --redact the password is there (so its absence below means something).
        let plain = try VRRPDumpRunner.run(["-r", capture.path, "-w", scratch.file("plain.pcap").path])
        XCTAssertTrue(plain.stdoutText.contains(Self.password))
        XCTAssertNotNil(try Data(contentsOf: scratch.file("plain.pcap")).range(of: password))

        for extra in [[], ["-v"], ["--json"]] {
            let written = scratch.file("redacted\(extra.joined()).pcap")
            let outcome = try VRRPDumpRunner.run(["-r", capture.path, "--redact", "-w", written.path] + extra)
            XCTAssertTrue(outcome.succeeded, outcome.summary)
            XCTAssertEqual(outcome.stdoutLines.count, 165)
            XCTAssertFalse(outcome.stdoutText.contains(Self.password), "\(extra): password on stdout")
            XCTAssertFalse(outcome.stderrText.contains(Self.password), "\(extra): password on stderr")
            let bytes = try Data(contentsOf: written)
            XCTAssertNil(bytes.range(of: password), "\(extra): password in the -w file")
            // The redacted file is still a valid capture with the same packets.
            let (reread, records) = try VRRPDumpRunner.records(of: written)
            XCTAssertTrue(reread.succeeded, reread.summary)
            XCTAssertEqual(records.count, 165)
            XCTAssertEqual(records.filter { $0.vrrp?.authType == 1 }.count, 34)
            XCTAssertFalse(records.contains { $0.vrrp?.auth == Self.password })
        }
        let json = try VRRPDumpRunner.run(["-r", capture.path, "--json", "--redact"])
        let records = try DumpRecord.decodeLines(json.stdout, source: json.command)
        let authenticated = records.filter { $0.vrrp?.authType == 1 }
        XCTAssertEqual(authenticated.count, 34)
        XCTAssertTrue(authenticated.allSatisfy { $0.vrrp?.auth != nil }, "redacted auth is still marked present")
    }

    /// `-r -` reads a capture from standard input.
    func testReadsStandardInput() throws {
        let capture = try tcpdumpCapture("vrrp.pcap")
        let outcome = try VRRPDumpRunner.run(["-r", "-"], stdin: .bytes(try Data(contentsOf: capture)))
        XCTAssertTrue(outcome.succeeded, outcome.summary)
        XCTAssertEqual(outcome.stdoutLines.count, 165)
        XCTAssertTrue(outcome.stderrText.contains("165 packets read"), outcome.stderrText)
    }

    /// SIGINT (and SIGTERM) while `vrrpdump -r -` waits on a pipe that stays open: flush,
    /// statistics, exit 0.
    func testSignalWhileReadingAnOpenPipeExitsZeroWithStatistics() throws {
        let capture = try tcpdumpCapture("vrrp.pcap")
        for (signo, name) in [(SIGINT, "SIGINT"), (SIGTERM, "SIGTERM")] {
            let child = try VRRPDumpRunner.start(["-r", "-", "-l"], stdin: .pipe)
            defer { if child.isRunning { child.send(signal: SIGKILL) } }
            let writer = child.stdinPipe!.fileHandleForWriting
            try writer.write(contentsOf: try Data(contentsOf: capture))
            // Wait until all 165 packets are out, so vrrpdump is blocked reading the open pipe.
            let printed = child.wait(until: {
                ProcessOutcome.lines(String(decoding: child.stdoutSoFar(), as: UTF8.self)).count >= 165
            }, timeout: 30)
            XCTAssertTrue(printed, "\(name): the packets written so far were not printed")
            child.send(signal: signo)
            let outcome = child.finish(timeout: 5)  // the pipe stays open until finish gives up
            XCTAssertFalse(outcome.timedOut,
                           "\(name): vrrpdump ignored the signal while blocked reading an open pipe (killed after 5 s): \(outcome.summary)")
            XCTAssertFalse(outcome.signalled && !outcome.timedOut, "\(name): vrrpdump died of the signal: \(outcome.summary)")
            XCTAssertEqual(outcome.status, 0, "\(name): \(outcome.summary)")
            XCTAssertEqual(outcome.stdoutLines.count, 165, name)
            XCTAssertTrue(outcome.stderrText.contains("165 packets read"), "\(name): statistics after the signal: \(outcome.stderrText)")
        }
    }

    /// SIGINT and SIGTERM stop a live capture (on the loopback of a namespace of the test's own, as
    /// root): exit 0, statistics with the kernel counters, and a -w file tcpdump can read.
    func testSignalStopsALiveCapture() throws {
        let namespace = try TestNamespace()
        let scratch = try ScratchDirectory("live")
        for (signo, name) in [(SIGINT, "SIGINT"), (SIGTERM, "SIGTERM")] {
            let written = scratch.file("live-\(name).pcap")
            let child = try VRRPDumpRunner.start(in: namespace, ["-i", "lo", "-w", written.path])
            defer { if child.isRunning { child.send(signal: SIGKILL) } }
            usleep(1_000_000)
            XCTAssertTrue(child.isRunning, "\(name): vrrpdump -i lo ended by itself: \(child.finish(timeout: 1).summary)")
            child.send(signal: signo)
            let outcome = child.finish(timeout: 5)
            XCTAssertTrue(outcome.exitedNormally, "\(name): \(outcome.summary)")
            XCTAssertEqual(outcome.status, 0, "\(name): \(outcome.summary)")
            XCTAssertTrue(outcome.stderrText.contains("packets captured"), "\(name): \(outcome.stderrText)")
            XCTAssertTrue(outcome.stderrText.contains("received by filter"), "\(name): \(outcome.stderrText)")
            if let tcpdump = PeerTool("tcpdump") {
                let read = try tcpdump.run(["-nn", "-r", written.path])
                XCTAssertTrue(read.succeeded, "\(name): \(read.summary)")
            }
        }
    }
}
