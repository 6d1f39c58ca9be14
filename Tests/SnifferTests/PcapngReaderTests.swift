import Codec
import XCTest
import ElectionModel
@testable import Sniffer

final class PcapngReaderTests: XCTestCase {
    private var scratch: ScratchDirectory!

    override func setUpWithError() throws {
        scratch = try ScratchDirectory()
    }

    override func tearDown() {
        scratch = nil
    }

    private let ethernetFrame: [UInt8] = TestFrames.ethernet(TestFrames.wanted[0])
    private let rawPacket: [UInt8] = TestFrames.vrrpOverIPv4

    func testInterfacesWithDifferentLinkTypesBothByteOrders() throws {
        for bigEndian in [false, true] {
            var file = CaptureBytes(bigEndian: bigEndian)
            file.sectionHeader()
            file.interface(linkType: 1, snapLength: 262_144, name: "eth0")
            file.interface(linkType: 101, snapLength: 1500, name: "tun0", tsresol: 9)
            file.enhancedPacket(interface: 0, timestamp: 1_700_000_000_000_001, data: ethernetFrame)
            file.block(5) { $0.raw(Array(repeating: 0, count: 16)) }  // interface statistics: skipped
            file.enhancedPacket(interface: 1, timestamp: 1_700_000_000_000_000_002, data: rawPacket, originalLength: 1000)
            let source = try CaptureFile.open(try scratch.write(file.bytes, named: "multi.pcapng"))
            XCTAssertEqual(source.interfaces, [
                CaptureInterface(name: "eth0", linkType: .ethernet, snapLength: 262_144, timestampPrecision: .microseconds),
                CaptureInterface(name: "tun0", linkType: .raw, snapLength: 1500, timestampPrecision: .nanoseconds),
            ])
            let packets = try source.collect()
            XCTAssertEqual(packets.map(\.bytes), [ethernetFrame, rawPacket])
            XCTAssertEqual(packets.map(\.info.interface), [0, 1])
            XCTAssertEqual(packets.map(\.info.linkType), [.ethernet, .raw])
            XCTAssertEqual(packets.map(\.info.timestamp), [1_700_000_000_000_001_000, 1_700_000_000_000_000_002])
            XCTAssertEqual(packets[1].info.originalLength, 1000)
            XCTAssertEqual(source.interfaceName(of: UnsafeRawBufferPointer(start: nil, count: 0), info: packets[1].info), "tun0")
        }
    }

    func testBinaryResolutionAndOffset() throws {
        var file = CaptureBytes()
        file.sectionHeader()
        // 2^-10 s units, plus 100 s of if_tsoffset.
        file.interface(linkType: 1, tsresol: 0x80 | 10, tsoffset: 100)
        file.interface(linkType: 1, tsresol: 0x80 | 30)
        file.interface(linkType: 1, tsresol: 3)
        file.enhancedPacket(interface: 0, timestamp: 5 * 1024 + 512, data: ethernetFrame)
        file.enhancedPacket(interface: 1, timestamp: (7 << 30) | (1 << 28), data: ethernetFrame)
        file.enhancedPacket(interface: 2, timestamp: 1_234, data: ethernetFrame)
        let source = try CaptureFile.open(try scratch.write(file.bytes, named: "tsresol.pcapng"))
        XCTAssertEqual(source.interfaces.map(\.timestampPrecision), [.microseconds, .nanoseconds, .microseconds])
        XCTAssertEqual(try source.collect().map(\.info.timestamp), [105_500_000_000, 7_250_000_000, 1_234_000_000])
    }

    func testSeveralSectionsRestartInterfaceIDs() throws {
        var file = CaptureBytes()
        file.sectionHeader()
        file.interface(linkType: 1, name: "eth0")
        file.enhancedPacket(interface: 0, timestamp: 1, data: ethernetFrame)
        var second = CaptureBytes(bigEndian: true)  // a later section may switch byte order
        second.sectionHeader()
        second.interface(linkType: 276, name: "any")
        second.enhancedPacket(interface: 0, timestamp: 2, data: [1, 2, 3])
        file.raw(second.bytes)
        let source = try CaptureFile.open(try scratch.write(file.bytes, named: "sections.pcapng"))
        XCTAssertEqual(source.interfaces.map(\.name), ["eth0"])  // the second section is not read yet
        let packets = try source.collect()
        XCTAssertEqual(source.interfaces.map(\.name), ["eth0", "any"])
        XCTAssertEqual(packets.map(\.info.interface), [0, 1])
        XCTAssertEqual(packets.map(\.info.linkType), [.ethernet, .linuxSLL2])
        XCTAssertEqual(packets.map(\.info.timestamp), [1_000, 2_000])
    }

    func testSimpleAndObsoletePacketBlocks() throws {
        var file = CaptureBytes()
        file.sectionHeader()
        file.interface(linkType: 1, snapLength: 20)
        file.simplePacket(data: Array(ethernetFrame.prefix(20)))
        file.obsoletePacket(interface: 0, timestamp: 3_000_000, data: [9, 9, 9])
        let source = try CaptureFile.open(try scratch.write(file.bytes, named: "simple.pcapng"))
        let packets = try source.collect()
        XCTAssertEqual(packets.map(\.bytes), [Array(ethernetFrame.prefix(20)), [9, 9, 9]])
        XCTAssertEqual(packets.map(\.info.timestamp), [0, 3_000_000_000])
    }

    func testSectionWithoutPacketsIsEmpty() throws {
        var file = CaptureBytes()
        file.sectionHeader()
        file.interface(linkType: 1)
        let source = try CaptureFile.open(try scratch.write(file.bytes, named: "empty.pcapng"))
        XCTAssertEqual(try source.collect(), [])
    }

    func testFilterAppliesPerLinkType() throws {
        var file = CaptureBytes()
        file.sectionHeader()
        file.interface(linkType: 1)
        file.interface(linkType: 101)
        file.enhancedPacket(interface: 0, timestamp: 1, data: ethernetFrame)
        file.enhancedPacket(interface: 0, timestamp: 2, data: TestFrames.ethernet(TestFrames.unwanted[0]))
        file.enhancedPacket(interface: 1, timestamp: 3, data: TestFrames.udp)
        file.enhancedPacket(interface: 1, timestamp: 4, data: rawPacket)
        let source = try CaptureFile.open(try scratch.write(file.bytes, named: "filter.pcapng"))
        try source.setFilter(.vrrp())
        XCTAssertEqual(try source.collect().map(\.info.timestamp), [1_000, 4_000])
    }
}
