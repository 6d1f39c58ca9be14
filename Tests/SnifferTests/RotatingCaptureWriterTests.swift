import Foundation
import Synchronization
import XCTest
@testable import Sniffer

/// tcpdump's `-C`/`-G`/`-W` rotation, file names and limits, with a clock the test moves.
final class RotatingCaptureWriterTests: XCTestCase {
    private final class ManualClock: RotationClock {
        let now = Atomic<Int>(1_767_225_600)
        func seconds() -> Int { now.load(ordering: .relaxed) }
        func advance(_ seconds: Int) { now.add(seconds, ordering: .relaxed) }
    }

    private var scratch: ScratchDirectory!

    override func setUpWithError() throws { scratch = try ScratchDirectory() }
    override func tearDown() { scratch = nil }

    /// A capture of `count` 100-byte frames (116 bytes per pcap record).
    private func source(count: Int) throws -> (any PacketSource, [Collected]) {
        let frame = [UInt8](repeating: 0xAB, count: 100)
        let input = try scratch.write(
            CaptureBytes.pcap(nanoseconds: false, bigEndian: false,
                              packets: (0..<count).map { (UInt32(1_700_000_000 + $0), 0, frame) }),
            named: "in-\(count).pcap")
        return (try CaptureFile.open(input), try CaptureFile.open(input).collect())
    }

    private func files() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: scratch.url.path).filter { !$0.hasPrefix("in-") }.sorted()
    }

    func testFileNamesFollowTcpdump() {
        let size = CaptureRotation(fileSize: 1, fileCount: 10)
        XCTAssertEqual(size.counterDigits, 1)
        XCTAssertEqual(CaptureRotation(fileSize: 1, fileCount: 100).counterDigits, 2)
        XCTAssertEqual(CaptureRotation(fileSize: 1, fileCount: 101).counterDigits, 3)
        XCTAssertEqual(CaptureRotation(fileSize: 1).counterDigits, 0)
        XCTAssertEqual(size.fileName(template: "x.pcap", counter: 3, digits: 2, periodStart: 0), "x.pcap03")
        XCTAssertEqual(size.fileName(template: "x.pcap", counter: 0, digits: 0, periodStart: 0), "x.pcap")
        // strftime applies only under -G.
        XCTAssertEqual(size.fileName(template: "x-%s", counter: 1, digits: 0, periodStart: 5), "x-%s1")
        XCTAssertEqual(CaptureRotation(seconds: 60).fileName(template: "x-%s", counter: 0, digits: 0, periodStart: 1_767_225_600),
                       "x-1767225600")
    }

    /// `-C` without `-W`: name, name1, name2...; a file exceeds the size by at most one packet and
    /// every file reads back whole, the packets in order.
    func testSizeRotationNumbersFilesAndKeepsPacketsWhole() throws {
        let (input, packets) = try source(count: 30)
        let writer = try RotatingCaptureWriter(path: scratch.path("out"), rotation: CaptureRotation(fileSize: 1000),
                                               for: input, clock: ManualClock())
        for packet in packets {
            XCTAssertTrue(try packet.bytes.withUnsafeBytes { try writer.write($0, info: packet.info) })
        }
        try writer.flush()
        let names = try files()
        // 24-byte header + 8 records of 116 bytes = 952 ≤ 1000: the 9th is written (1068), the 10th opens a new file.
        XCTAssertEqual(names, ["out", "out1", "out2", "out3"])
        var back: [Collected] = []
        for name in ["out", "out1", "out2", "out3"] {
            let read = try CaptureFile.open(scratch.path(name)).collect()
            XCTAssertLessThanOrEqual(read.count, 9, name)
            back += read
        }
        XCTAssertEqual(back, packets)
    }

    /// `-C` with `-W 3`: a ring name0..name2, overwritten in turn.
    func testSizeRotationWithCountIsARing() throws {
        let (input, packets) = try source(count: 40)
        let writer = try RotatingCaptureWriter(path: scratch.path("ring"), rotation: CaptureRotation(fileSize: 1000, fileCount: 3),
                                               for: input, clock: ManualClock())
        for packet in packets { _ = try packet.bytes.withUnsafeBytes { try writer.write($0, info: packet.info) } }
        try writer.flush()
        XCTAssertEqual(try files(), ["ring0", "ring1", "ring2"])
        // 40 packets, 9 per file: files 0,1,2,0(again),1(again: the last 4).
        XCTAssertEqual(writer.currentPath, scratch.path("ring1"))
        XCTAssertEqual(try CaptureFile.open(scratch.path("ring1")).collect(), Array(packets[36...]))
        XCTAssertEqual(try CaptureFile.open(scratch.path("ring0")).collect(), Array(packets[27..<36]))
    }

    /// `-G` renames by strftime at each period's start; with `-W 2` (no `-C`) the run ends instead of
    /// opening a third file, the packet unwritten.
    func testTimeRotationStopsAfterCount() throws {
        let (input, packets) = try source(count: 6)
        let clock = ManualClock()
        let writer = try RotatingCaptureWriter(path: scratch.path("t-%s.pcap"), rotation: CaptureRotation(seconds: 10, fileCount: 2),
                                               for: input, clock: clock)
        func write(_ index: Int) throws -> Bool {
            try packets[index].bytes.withUnsafeBytes { try writer.write($0, info: packets[index].info) }
        }
        XCTAssertTrue(try write(0))
        clock.advance(9)
        XCTAssertTrue(try write(1))
        clock.advance(1)
        XCTAssertTrue(try write(2))
        clock.advance(30)
        XCTAssertFalse(try write(3))
        XCTAssertEqual(try files(), ["t-1767225600.pcap", "t-1767225610.pcap"])
        XCTAssertEqual(try CaptureFile.open(scratch.path("t-1767225600.pcap")).collect(), Array(packets[0...1]))
        XCTAssertEqual(try CaptureFile.open(scratch.path("t-1767225610.pcap")).collect(), [packets[2]])
    }

    /// `-G` with `-C` and `-W`: the size counter restarts at 0 in each period and no limit ends the run.
    func testTimeAndSizeRotationRestartCounter() throws {
        let (input, packets) = try source(count: 12)
        let clock = ManualClock()
        let writer = try RotatingCaptureWriter(path: scratch.path("b-%s-"), rotation: CaptureRotation(fileSize: 1000, seconds: 10, fileCount: 2),
                                               for: input, clock: clock)
        for (index, packet) in packets.enumerated() {
            if index == 10 { clock.advance(10) }
            XCTAssertTrue(try packet.bytes.withUnsafeBytes { try writer.write($0, info: packet.info) })
        }
        try writer.flush()
        XCTAssertEqual(try files(), ["b-1767225600-0", "b-1767225600-1", "b-1767225610-0"])
    }
}
