import Codec
import CPcap
import XCTest
import ElectionModel
@testable import Sniffer

final class PacketFilterTests: XCTestCase {
    private func matches(_ program: BPFProgram?, _ frame: [UInt8]) -> Bool {
        guard let program else { return true }
        return frame.withUnsafeBytes { program.matches($0, originalLength: frame.count) }
    }

    private let singleTags: [[(UInt16, UInt16)]] = [[(0x8100, 10)], [(0x88a8, 10)]]
    private let doubleTags: [[(UInt16, UInt16)]] = [[(0x88a8, 100), (0x8100, 10)], [(0x8100, 100), (0x8100, 10)]]

    func testDefaultCompilesForEveryLinkType() throws {
        for linkType in LinkType.allCases {
            XCTAssertNotNil(try PacketFilter.vrrp().offlineProgram(for: linkType), linkType.name)
        }
    }

    func testEthernetMatchesWantedUntaggedAndBehindOneOrTwoTags() throws {
        let program = try PacketFilter.vrrp().offlineProgram(for: .ethernet)
        for tags in [[]] + singleTags + doubleTags {
            for payload in TestFrames.wanted {
                XCTAssertTrue(matches(program, TestFrames.ethernet(payload, tags: tags)), "\(payload.name) tags \(tags)")
            }
            for payload in TestFrames.unwanted {
                XCTAssertFalse(matches(program, TestFrames.ethernet(payload, tags: tags)), "\(payload.name) tags \(tags)")
            }
        }
    }

    func testThreeTagsAreBeyondTheDefault() throws {
        let program = try PacketFilter.vrrp().offlineProgram(for: .ethernet)
        let frame = TestFrames.ethernet(TestFrames.wanted[0], tags: [(0x88a8, 1), (0x8100, 2), (0x8100, 3)])
        XCTAssertFalse(matches(program, frame))
    }

    /// Documents the libpcap quirk the default works around: `vlan` shifts everything after it.
    func testFlatVLANAlternativesMissDoubleTaggedFrames() throws {
        let base = PacketFilter.untaggedExpression
        let flat = PacketFilter(expression: "\(base) or (vlan and (\(base))) or (vlan and vlan and (\(base)))")
        let program = try PacketFilter(includesDefault: false, expression: flat.expression).offlineProgram(for: .ethernet)
        XCTAssertTrue(matches(program, TestFrames.ethernet(TestFrames.wanted[0], tags: singleTags[0])))
        XCTAssertFalse(matches(program, TestFrames.ethernet(TestFrames.wanted[0], tags: doubleTags[0])))
    }

    func testCookedAndRawLinkTypes() throws {
        let sll = try PacketFilter.vrrp().offlineProgram(for: .linuxSLL)
        let sll2 = try PacketFilter.vrrp().offlineProgram(for: .linuxSLL2)
        for payload in TestFrames.wanted {
            XCTAssertTrue(matches(sll, TestFrames.linuxSLL(payload)), payload.name)
            XCTAssertTrue(matches(sll2, TestFrames.linuxSLL2(payload)), payload.name)
        }
        for payload in TestFrames.unwanted {
            XCTAssertFalse(matches(sll, TestFrames.linuxSLL(payload)), payload.name)
            XCTAssertFalse(matches(sll2, TestFrames.linuxSLL2(payload)), payload.name)
        }
        let raw = try PacketFilter.vrrp().offlineProgram(for: .raw)
        let ipv4 = try PacketFilter.vrrp().offlineProgram(for: .ipv4)
        let ipv6 = try PacketFilter.vrrp().offlineProgram(for: .ipv6)
        for packet in [TestFrames.vrrpOverIPv4, TestFrames.vrrpBehindAH] {
            XCTAssertTrue(matches(raw, packet))
            XCTAssertTrue(matches(ipv4, packet))
        }
        for packet in [TestFrames.vrrpOverIPv6, TestFrames.vrrpBehindHopByHop, TestFrames.neighborAdvertisement] {
            XCTAssertTrue(matches(raw, packet))
            XCTAssertTrue(matches(ipv6, packet))
        }
        XCTAssertFalse(matches(raw, TestFrames.udp))
        XCTAssertFalse(matches(ipv4, TestFrames.udp))
        XCTAssertFalse(matches(ipv6, TestFrames.neighborSolicitation))
    }

    func testNarrowingKeepsTheExpressionsOwnOffsets() throws {
        let v3 = TestFrames.ethernet(TestFrames.wanted[1])
        let v2 = TestFrames.ethernet(TestFrames.wanted[0])
        let narrowed = try PacketFilter.vrrp(narrowedBy: "ip6").offlineProgram(for: .ethernet)
        XCTAssertTrue(matches(narrowed, v3))
        XCTAssertFalse(matches(narrowed, v2))
        XCTAssertFalse(matches(narrowed, TestFrames.ethernet(TestFrames.wanted[1], tags: singleTags[0])), "like tcpdump: ip6 means untagged")
        // The same as one expression: `ip6` is compiled 8 bytes deep, after the default's `vlan`s.
        let joinedText = "(\(PacketFilter.defaultExpression(for: .ethernet))) and (ip6)"
        let joined = try PacketFilter(includesDefault: false, expression: joinedText).offlineProgram(for: .ethernet)
        XCTAssertFalse(matches(joined, v3))
    }

    func testNarrowingWithVLAN() throws {
        let program = try PacketFilter.vrrp(narrowedBy: "vlan 10").offlineProgram(for: .ethernet)
        XCTAssertTrue(matches(program, TestFrames.ethernet(TestFrames.wanted[0], tags: [(0x8100, 10)])))
        XCTAssertFalse(matches(program, TestFrames.ethernet(TestFrames.wanted[0], tags: [(0x8100, 11)])))
        XCTAssertFalse(matches(program, TestFrames.ethernet(TestFrames.wanted[0])))
        XCTAssertFalse(matches(program, TestFrames.ethernet(TestFrames.unwanted[0], tags: [(0x8100, 10)])))
    }

    func testExpressionAloneAndNoFilter() throws {
        let udpOnly = try PacketFilter(includesDefault: false, expression: "udp").offlineProgram(for: .ethernet)
        XCTAssertTrue(matches(udpOnly, TestFrames.ethernet(TestFrames.unwanted[0])))
        XCTAssertNil(try PacketFilter(includesDefault: false, expression: "").offlineProgram(for: .ethernet))
    }

    /// The shortcut says yes only where the default program does: on every Ethernet frame of the
    /// bundled captures, on the test frames with and without tags, and on every prefix of each (a frame
    /// cut by the snap length), held against the program run alone. It takes most VRRP traffic.
    func testShortcutAcceptsOnlyWhatTheDefaultProgramAccepts() throws {
        let program = try XCTUnwrap(PacketFilter.vrrp().offlineProgram(for: .ethernet))
        XCTAssertNotNil(program.shortcut)
        var plain = program
        plain.shortcut = nil
        XCTAssertNil(try PacketFilter.vrrp(narrowedBy: "ip").offlineProgram(for: .ethernet)?.shortcut, "narrowed: the program decides")
        XCTAssertNil(try PacketFilter.vrrp().offlineProgram(for: .linuxSLL)?.shortcut)

        var frames: [[UInt8]] = []
        for tags in [[]] + singleTags + doubleTags {
            for payload in TestFrames.wanted + TestFrames.unwanted { frames.append(TestFrames.ethernet(payload, tags: tags)) }
        }
        for file in try FrameMemoTests.captureFiles() {
            guard let source = try? CaptureFile.open(file.path), source.interfaces.allSatisfy({ $0.linkType == .ethernet }) else { continue }
            try source.forEach { _, bytes in
                frames.append(Array(bytes))
                return true
            }
        }
        XCTAssertGreaterThan(frames.count, 1_000)
        var shortcuts = 0
        for frame in frames {
            for length in 0...frame.count {
                frame.withUnsafeBytes { whole in
                    let bytes = UnsafeRawBufferPointer(rebasing: whole[0..<length])
                    guard program.shortcut?.accepts(bytes) == true else { return }
                    shortcuts += 1
                    XCTAssertTrue(plain.matches(bytes, originalLength: frame.count), "\(frame.prefix(length))")
                }
            }
        }
        XCTAssertGreaterThan(shortcuts, frames.count)
    }

    func testBadExpressionNamesItAndLibpcapsReason() {
        XCTAssertThrowsError(try PacketFilter.vrrp(narrowedBy: "host nosuchthing.invalid and (").offlineProgram(for: .ethernet)) { error in
            let message = "\(error)"
            XCTAssertTrue(message.hasPrefix("bad filter expression 'host nosuchthing.invalid and (' for link type EN10MB: "), message)
            XCTAssertFalse(message.contains("\n"))
        }
        XCTAssertThrowsError(try PacketFilter.vrrp(narrowedBy: "vlan").offlineProgram(for: .linuxSLL2)) { error in
            XCTAssertEqual("\(error)", "bad filter expression 'vlan' for link type LINUX_SLL2: no VLAN support for Linux cooked v2")
        }
    }
}
