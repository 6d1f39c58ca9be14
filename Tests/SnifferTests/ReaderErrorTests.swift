import XCTest
import ElectionModel
@testable import Sniffer

/// Every reader failure is one line naming the file and what is wrong.
final class ReaderErrorTests: XCTestCase {
    private var scratch: ScratchDirectory!

    override func setUpWithError() throws {
        scratch = try ScratchDirectory()
    }

    override func tearDown() {
        scratch = nil
    }

    private static func openError(_ path: String) -> String? {
        do {
            _ = try CaptureFile.open(path)
            return nil
        } catch {
            return error.description
        }
    }

    private func assertOneLine(_ message: String?, _ expected: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(message, expected, file: file, line: line)
        XCTAssertFalse(message?.contains("\n") ?? false, file: file, line: line)
    }

    func testNoSuchFile() {
        let path = scratch.path("missing.pcap")
        assertOneLine(Self.openError(path), "\(path): no such file")
    }

    func testPermissionDenied() throws {
        let path = try scratch.write(CaptureBytes.pcap(packets: []), named: "secret.pcap")
        chmod(path, 0)
        guard getuid() == 0 else {
            assertOneLine(Self.openError(path), "\(path): permission denied")
            return
        }
        // Root reads anything; a thread whose filesystem uid is nobody's does not (setfsuid is
        // per thread on Linux, and not visible through Swift's Glibc module).
        guard dlsym(UnsafeMutableRawPointer(bitPattern: 0), "setfsuid") != nil else {
            throw XCTSkip("setfsuid not found: cannot provoke EACCES as root")
        }
        let opened = expectation(description: "opened as nobody")
        let outcome = Outcome()
        Thread {
            typealias SetFSUID = @convention(c) (UInt32) -> Int32
            if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "setfsuid") {
                _ = unsafeBitCast(symbol, to: SetFSUID.self)(65534)
            }
            outcome.message = Self.openError(path)
            opened.fulfill()
        }.start()
        wait(for: [opened], timeout: 5)
        assertOneLine(outcome.message, "\(path): permission denied")
    }

    func testNotACaptureFile() throws {
        let path = try scratch.write(Array("<!DOCTYPE html>".utf8), named: "page.html")
        assertOneLine(Self.openError(path), "\(path): not a pcap or pcapng file (starts with 0x3c 0x21 0x44 0x4f)")
        let empty = try scratch.write([], named: "empty")
        assertOneLine(Self.openError(empty), "\(empty): empty, not a pcap or pcapng file")
        let short = try scratch.write([0xa1, 0xb2], named: "short")
        assertOneLine(Self.openError(short), "\(short): not a pcap or pcapng file (starts with 0xa1 0xb2)")
    }

    func testTruncatedFileHeader() throws {
        let path = try scratch.write(Array(CaptureBytes.pcap(packets: []).prefix(10)), named: "header.pcap")
        assertOneLine(Self.openError(path), "\(path): truncated file header: needs 24 bytes, 10 present")
    }

    func testUnsupportedLinkTypeAtOpen() throws {
        let pcap = try scratch.write(CaptureBytes.pcap(linkType: 147, packets: [(1, 0, [1])]), named: "user0.pcap")
        let supported = "supported: EN10MB, RAW, LINUX_SLL, IPV4, IPV6, LINUX_SLL2"
        assertOneLine(Self.openError(pcap), "\(pcap): unsupported link type 147 (USER0); \(supported)")
        var file = CaptureBytes()
        file.sectionHeader()
        file.interface(linkType: 1)
        file.interface(linkType: 105)
        let pcapng = try scratch.write(file.bytes, named: "wifi.pcapng")
        assertOneLine(Self.openError(pcapng), "\(pcapng): unsupported link type 105 (IEEE802_11); \(supported)")
    }

    func testTruncatedRecordAfterGoodOnes() throws {
        var bytes = CaptureBytes.pcap(packets: [
            (1, 0, Array(repeating: 1, count: 100)), (2, 0, Array(repeating: 2, count: 100)),
            (3, 0, Array(repeating: 3, count: 100)), (4, 0, Array(repeating: 4, count: 100)),
        ])
        bytes.removeLast(90)
        let path = try scratch.write(bytes, named: "cut.pcap")
        let (packets, error) = collectUntilFailure(try CaptureFile.open(path))
        XCTAssertEqual(packets.count, 3, "packets before the damage are delivered first")
        // 24 + 3 × 116 = 372
        assertOneLine(error, "\(path): truncated record 4 at byte 372: header says 100 bytes, 10 present")
    }

    func testTruncatedRecordHeader() throws {
        let bytes = CaptureBytes.pcap(packets: [(1, 0, [1, 2, 3])]) + [0, 0, 0, 0, 0]
        let path = try scratch.write(bytes, named: "cut-header.pcap")
        let (packets, error) = collectUntilFailure(try CaptureFile.open(path))
        XCTAssertEqual(packets.count, 1)
        assertOneLine(error, "\(path): truncated record 2 at byte 43: header says 16 bytes, 5 present")
    }

    func testBogusCapturedLength() throws {
        var file = CaptureBytes()
        file.raw(CaptureBytes.pcap(packets: [(1, 0, [1, 2, 3])]))
        file.u32(2)
        file.u32(0)
        file.u32(0x7fff_0000)
        file.u32(60)
        let path = try scratch.write(file.bytes, named: "bogus.pcap")
        let (packets, error) = collectUntilFailure(try CaptureFile.open(path))
        XCTAssertEqual(packets.count, 1)
        assertOneLine(error, "\(path): record 2 at byte 43: captured length 2147418112 exceeds the limit of 262144 bytes (damaged file?)")
    }

    func testBadBlockLength() throws {
        var file = CaptureBytes()
        file.sectionHeader()
        file.interface(linkType: 1)
        file.enhancedPacket(interface: 0, timestamp: 1, data: [1, 2, 3, 4])
        let offset = file.bytes.count
        file.u32(6)
        file.u32(13)
        file.raw(Array(repeating: 0, count: 8))
        let path = try scratch.write(file.bytes, named: "length.pcapng")
        let (packets, error) = collectUntilFailure(try CaptureFile.open(path))
        XCTAssertEqual(packets.count, 1)
        assertOneLine(error, "\(path): bad pcapng block 4 at byte \(offset): length 13 is not a multiple of 4 of at least 12")
    }

    func testMismatchedTrailingLength() throws {
        var file = CaptureBytes()
        file.sectionHeader()
        file.interface(linkType: 1)
        file.enhancedPacket(interface: 0, timestamp: 1, data: [1, 2, 3, 4])
        file.bytes[file.bytes.count - 4] ^= 0x40
        let path = try scratch.write(file.bytes, named: "trailer.pcapng")
        let (_, error) = collectUntilFailure(try CaptureFile.open(path))
        assertOneLine(error, "\(path): bad pcapng block 3 at byte 52: trailing length 100 differs from leading length 36")
    }

    func testTruncatedBlock() throws {
        var file = CaptureBytes()
        file.sectionHeader()
        file.interface(linkType: 1)
        file.enhancedPacket(interface: 0, timestamp: 1, data: Array(repeating: 7, count: 64))
        file.bytes.removeLast(30)
        let path = try scratch.write(file.bytes, named: "cut.pcapng")
        let (_, error) = collectUntilFailure(try CaptureFile.open(path))
        assertOneLine(error, "\(path): truncated block 3 at byte 52: header says 96 bytes, 66 present")
    }

    func testPacketForUndefinedInterface() throws {
        var file = CaptureBytes()
        file.sectionHeader()
        file.interface(linkType: 1)
        file.enhancedPacket(interface: 2, timestamp: 1, data: [1])
        let path = try scratch.write(file.bytes, named: "iface.pcapng")
        let (_, error) = collectUntilFailure(try CaptureFile.open(path))
        assertOneLine(error, "\(path): bad pcapng block 3 at byte 52: packet names interface 2, but its section defines 1")
    }

    func testCapturedLengthOverrunningBlock() throws {
        var file = CaptureBytes()
        file.sectionHeader()
        file.interface(linkType: 1)
        file.enhancedPacket(interface: 0, timestamp: 1, data: [1, 2, 3, 4])
        file.bytes[52 + 20] = 200  // captured length field of the EPB
        let path = try scratch.write(file.bytes, named: "overrun.pcapng")
        let (_, error) = collectUntilFailure(try CaptureFile.open(path))
        assertOneLine(error, "\(path): bad pcapng block 3 at byte 52: captured length 200 overruns the 36-byte block")
    }
}

/// Carries a message back from a helper thread, ordered by the expectation the test waits on.
private final class Outcome: @unchecked Sendable {
    var message: String?
}
