import Codec
import Foundation
import XCTest
import ElectionModel
@testable import Sniffer

/// The memo (`vrrpdump --timeline`'s decode) must change nothing but the speed: on every capture in
/// the repository, and on captures whose IPv4 identifications vary as real senders' do, the timeline,
/// the summaries and the tally equal those of decoding every frame.
final class FrameMemoTests: XCTestCase {
    func testEveryCaptureAnalysesAsWithoutTheMemo() throws {
        let files = try Self.captureFiles()
        XCTAssertGreaterThan(files.count, 30, "captures/ should hold the scenario, crafted and peer captures")
        for file in files {
            let plain: TimelineRun
            do {
                plain = try TimelineReplay.run(file.path, filtered: true)
            } catch CaptureError.unsupportedLinkType {
                continue  // tcpdump's Frame Relay capture: nothing is decoded either way
            }
            // The default window keeps these short captures in the memo; a window of 8 frames lets
            // those with few repeats switch it off and back on.
            for window in [TimelineDecoder.window, 8] {
                let memoised = try TimelineReplay.run(file.path, memo: true, window: window, filtered: true)
                let name = "\(file.lastPathComponent), window \(window)"
                XCTAssertEqual(memoised.events, plain.events, "\(name): events differ")
                XCTAssertEqual(memoised.summaries, plain.summaries, "\(name): summaries differ")
                XCTAssertEqual(memoised.tally, plain.tally, "\(name): tally differs")
            }
        }
    }

    /// keepalived numbers every IPv4 datagram: the repeats differ in identification and header
    /// checksum, still hit the memo, and analyse the same.
    func testNumberedDatagramsHitTheMemoAndAnalyseTheSame() throws {
        let frames = (0..<200).map { index in
            Self.advert(identification: UInt16(index), priority: index < 100 ? 200 : 150)
        }
        var memo = FrameMemo()
        var decoded = Set<ObjectIdentifier>()
        var plain = ElectionAnalyzer(), memoised = ElectionAnalyzer()
        var plainEvents: [TimelineEvent] = [], memoisedEvents: [TimelineEvent] = []
        for (index, bytes) in frames.enumerated() {
            let time = Int64(index) * 1_000_000_000
            bytes.withUnsafeBytes { bytes in
                let entry = memo.decode(bytes, linkType: .ethernet)
                decoded.insert(ObjectIdentifier(entry))
                memoisedEvents += memoised.observe(entry, at: time, interface: nil)
                plainEvents += plain.observe(Frame.decode(bytes, linkType: .ethernet), at: time, interface: nil)
            }
        }
        plainEvents += plain.finish()
        memoisedEvents += memoised.finish()
        XCTAssertEqual(decoded.count, 2, "one decode per priority, whatever the identification")
        XCTAssertEqual(memoisedEvents, plainEvents)
        XCTAssertTrue(memoisedEvents.contains { $0.kind == .priority })
        XCTAssertEqual(memoised.summaries(), plain.summaries())
    }

    /// A repeat whose header checksum no longer matches is not given the first frame's verdict.
    func testABadHeaderChecksumIsNotTakenFromTheMemo() throws {
        let good = Self.advert(identification: 1, priority: 100)
        var bad = Self.advert(identification: 2, priority: 100)
        bad[14 + 10] ^= 0xFF
        var memo = FrameMemo()
        for bytes in [good, bad, good] {
            bytes.withUnsafeBytes { _ = memo.decode($0, linkType: .ethernet) }
        }
        let tally = memo.tally
        var expected = PacketTally()
        for bytes in [good, bad, good] {
            let frame = bytes.withUnsafeBytes { Frame.decode($0, linkType: .ethernet) }
            expected.count(frame, problems: frame.problems)
        }
        XCTAssertEqual(tally, expected)
        XCTAssertEqual(tally.withProblems, 1)
    }

    /// Frames that differ anywhere else are different frames, also where hashing skips bytes.
    func testFramesDifferingOutsideTheNumberAreDecodedApart() throws {
        var memo = FrameMemo()
        var other = Self.advert(identification: 7, priority: 100)
        other[other.count - 9] ^= 0x01  // last address byte (the password follows); the VRRP checksum now fails
        let first = Self.advert(identification: 7, priority: 100).withUnsafeBytes { memo.decode($0, linkType: .ethernet) }
        let second = other.withUnsafeBytes { memo.decode($0, linkType: .ethernet) }
        XCTAssertFalse(first === second)
        XCTAssertEqual(second.tally.withProblems, 1)
    }

    /// The fingerprint the decoder samples by while the memo is off: alike for renumbered repeats,
    /// different for a change in any other byte.
    func testFingerprintsIgnoreOnlyTheNumberAndItsChecksum() {
        func print(_ bytes: [UInt8]) -> UInt64 { bytes.withUnsafeBytes { FrameMemo.fingerprint($0, linkType: .ethernet) } }
        let first = Self.advert(identification: 7, priority: 100)
        XCTAssertEqual(print(first), print(Self.advert(identification: 9000, priority: 100)))
        for position in first.indices where !(18..<20).contains(position) && !(24..<26).contains(position) {
            var other = first
            other[position] ^= 0x01
            XCTAssertNotEqual(print(first), print(other), "byte \(position)")
        }
    }

    /// Every IPv4 frame of every capture, renumbered with good and bad header checksums: what the memo
    /// hands back equals the frame's own decode but for the identification and checksum, its tally is
    /// the frame's own, and the memo's count of thousands of frames (most evicted) is theirs.
    func testRenumberedCaptureFramesDecodeAsThemselves() throws {
        var memo = FrameMemo()
        var generator = SystemRandomNumberGenerator()
        var checked = 0
        var all = PacketTally()
        for file in try Self.captureFiles() {
            guard let source = try? CaptureFile.open(file.path) else { continue }
            try source.forEach { info, bytes in
                var frame = Array(bytes)
                guard let offset = FrameMemo.ipv4Offset(in: bytes, linkType: info.linkType),
                      offset + 20 <= frame.count else { return true }
                for round in 0..<4 {
                    let identification = UInt16.random(in: 0...UInt16.max, using: &generator)
                    frame[offset + 4] = UInt8(identification >> 8)
                    frame[offset + 5] = UInt8(identification & 0xFF)
                    let headerLength = max(20, min(Int(frame[offset] & 0x0F) * 4, frame.count - offset))
                    Self.setChecksum(&frame, at: offset + 10, over: offset..<offset + headerLength)
                    if round % 2 == 1 { frame[offset + 11] ^= UInt8.random(in: 1...255, using: &generator) }
                    frame.withUnsafeBytes { bytes in
                        let entry = memo.decode(bytes, linkType: info.linkType)
                        let own = Frame.decode(bytes, linkType: info.linkType)
                        var expected = PacketTally()
                        expected.count(own, problems: own.problems)
                        XCTAssertEqual(Self.unnumbered(entry.frame), Self.unnumbered(own), "\(file.lastPathComponent)")
                        XCTAssertEqual(entry.tally, expected, "\(file.lastPathComponent)")
                        all.add(expected)
                    }
                    checked += 1
                }
                return true
            }
        }
        XCTAssertGreaterThan(checked, 1000)
        XCTAssertEqual(memo.tally, all, "the memo's count, evicted entries included")
    }

    // MARK: - Helpers

    /// `frame` with its IPv4 identification and header checksum zeroed (validity kept).
    static func unnumbered(_ frame: Frame) -> Frame {
        guard case .ipv4(var header, let payload) = frame.network else { return frame }
        header.identification = 0
        header.checksum = 0
        var copy = frame
        copy.network = .ipv4(header, payload)
        return copy
    }

    /// An Ethernet VRRPv2 advert from 192.0.2.2 (TimelineFrames' host 2), checksums valid.
    static func advert(identification: UInt16, priority: UInt8) -> [UInt8] {
        var bytes = TimelineFrames.advert(host: 2, priority: priority).encode()
        let ip = 14, vrrp = 34
        bytes[ip + 4] = UInt8(identification >> 8)
        bytes[ip + 5] = UInt8(identification & 0xFF)
        setChecksum(&bytes, at: ip + 10, over: ip..<vrrp)
        setChecksum(&bytes, at: vrrp + 6, over: vrrp..<bytes.count)
        return bytes
    }

    private static func setChecksum(_ bytes: inout [UInt8], at position: Int, over range: Range<Int>) {
        bytes[position] = 0
        bytes[position + 1] = 0
        var sum = InternetChecksum()
        sum.add(Array(bytes[range]))
        bytes[position] = UInt8(sum.checksum >> 8)
        bytes[position + 1] = UInt8(sum.checksum & 0xFF)
    }

    static func captureFiles() throws -> [URL] {
        let root = TimelineReplay.captures
        let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        var files: [URL] = []
        while let url = walker?.nextObject() as? URL {
            guard ["pcap", "pcapng"].contains(url.pathExtension), !url.path.contains("/bad/") else { continue }
            files.append(url)
        }
        return files.sorted { $0.path < $1.path }
    }
}
