import Codec
import XCTest
import ElectionModel
@testable import Sniffer

final class PcapReaderTests: XCTestCase {
    private var scratch: ScratchDirectory!

    override func setUpWithError() throws {
        scratch = try ScratchDirectory()
    }

    override func tearDown() {
        scratch = nil
    }

    private let first: [UInt8] = Array(0..<60)
    private let second: [UInt8] = Array(repeating: 0xee, count: 7)

    func testMicrosecondsBothByteOrders() throws {
        for bigEndian in [false, true] {
            let bytes = CaptureBytes.pcap(
                bigEndian: bigEndian, linkType: 1,
                packets: [(1_700_000_000, 123_456, first), (1_700_000_001, 999_999, second)])
            let source = try CaptureFile.open(try scratch.write(bytes, named: "us-\(bigEndian).pcap"))
            XCTAssertEqual(source.interfaces, [CaptureInterface(name: nil, linkType: .ethernet, snapLength: 65535, timestampPrecision: .microseconds)])
            let packets = try source.collect()
            XCTAssertEqual(packets.map(\.bytes), [first, second])
            XCTAssertEqual(packets.map(\.info.timestamp), [1_700_000_000_123_456_000, 1_700_000_001_999_999_000])
            XCTAssertEqual(packets[0].info.capturedLength, 60)
            XCTAssertEqual(packets[0].info.originalLength, 60)
            XCTAssertEqual(packets[0].info.linkType, .ethernet)
            XCTAssertNil(source.statistics)
        }
    }

    func testNanosecondsBothByteOrders() throws {
        for bigEndian in [false, true] {
            let bytes = CaptureBytes.pcap(nanoseconds: true, bigEndian: bigEndian, linkType: 276, packets: [(10, 123_456_789, first)])
            let source = try CaptureFile.open(try scratch.write(bytes, named: "ns-\(bigEndian).pcap"))
            XCTAssertEqual(source.interfaces.first?.timestampPrecision, .nanoseconds)
            XCTAssertEqual(source.interfaces.first?.linkType, .linuxSLL2)
            XCTAssertEqual(try source.collect().map(\.info.timestamp), [10_123_456_789])
        }
    }

    func testFCSBitsInLinkTypeFieldAreIgnored() throws {
        // F bit and an FCS length of 4 in the top bits, as some Ethernet captures record.
        let bytes = CaptureBytes.pcap(linkType: 0x9400_0000 | 1, packets: [(1, 0, first)])
        let source = try CaptureFile.open(try scratch.write(bytes, named: "fcs.pcap"))
        XCTAssertEqual(source.interfaces.first?.linkType, .ethernet)
    }

    func testHeaderWithoutPacketsIsEmpty() throws {
        let source = try CaptureFile.open(try scratch.write(CaptureBytes.pcap(packets: []), named: "empty.pcap"))
        XCTAssertEqual(try source.collect(), [])
    }

    func testBodyReturningFalseStops() throws {
        let bytes = CaptureBytes.pcap(packets: [(1, 0, first), (2, 0, second), (3, 0, first)])
        let source = try CaptureFile.open(try scratch.write(bytes, named: "stop.pcap"))
        var seen = 0
        try source.forEach { _, _ in
            seen += 1
            return false
        }
        XCTAssertEqual(seen, 1)
    }

    func testStopEndsTheLoopAfterThePacketInHand() throws {
        let bytes = CaptureBytes.pcap(packets: [(1, 0, first), (2, 0, second), (3, 0, first)])
        let source = try CaptureFile.open(try scratch.write(bytes, named: "stop.pcap"))
        let stopper = source.stopper
        var seen = 0
        try source.forEach { _, _ in
            seen += 1
            stopper.stop()
            return true
        }
        XCTAssertEqual(seen, 1)
    }

    /// Records larger than the 1 MiB read buffer grow it; many records cross refill boundaries.
    func testRecordsLargerThanTheBufferAndAcrossRefills() throws {
        let big = (0..<(3 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        var packets: [(seconds: UInt32, fraction: UInt32, data: [UInt8])] = []
        for index in 0..<20_000 { packets.append((UInt32(index), 0, Array(repeating: UInt8(index & 0xff), count: 61 + index % 50))) }
        packets.insert((99, 0, big), at: 10_000)
        let bytes = CaptureBytes.pcap(snapLength: 4 << 20, packets: packets)
        let source = try CaptureFile.open(try scratch.write(bytes, named: "big.pcap"))
        var count = 0
        try source.forEach { info, data in
            let expected = packets[count]
            XCTAssertEqual(info.timestamp, Int64(expected.seconds) * 1_000_000_000)
            if data.count != expected.data.count || !data.elementsEqual(expected.data) {
                XCTFail("packet \(count) differs")
                return false
            }
            count += 1
            return true
        }
        XCTAssertEqual(count, packets.count)
    }

    func testStandardInput() throws {
        let bytes = CaptureBytes.pcap(packets: [(1, 0, first), (2, 0, second)])
        let pipe = Pipe()
        let saved = dup(STDIN_FILENO)
        XCTAssertEqual(dup2(pipe.fileHandleForReading.fileDescriptor, STDIN_FILENO), STDIN_FILENO)
        defer {
            dup2(saved, STDIN_FILENO)
            close(saved)
        }
        // A pipe is a stream: the reader must not seek, and gets the bytes in small pieces.
        let writer = Thread {
            for chunk in stride(from: 0, to: bytes.count, by: 5) {
                pipe.fileHandleForWriting.write(Data(bytes[chunk..<min(chunk + 5, bytes.count)]))
            }
            try? pipe.fileHandleForWriting.close()
        }
        writer.start()
        let source = try CaptureFile.open("-")
        XCTAssertEqual(try source.collect().map(\.bytes), [first, second])
    }
}
