import Foundation

/// Capture files built byte by byte (little-endian), for the bad-input tests.
enum CaptureFileBytes {
    /// A VRRPv2 advert on Ethernet: 00:00:5e:00:01:01 → 01:00:5e:00:00:12, 192.0.2.2 → 224.0.0.18,
    /// TTL 255, vrid 1, priority 100, 192.0.2.1, interval 1 s, no auth; checksums correct.
    static let vrrpFrame: [UInt8] = hex("""
        01005e000012 00005e000101 0800
        45c0 0028 0001 0000 ff70 1890 c0000202 e0000012
        2101 6401 0001 b8fa c0000201 0000000000000000
        """)

    static func hex(_ text: String) -> [UInt8] {
        let digits = Array(text.filter(\.isHexDigit))
        return stride(from: 0, to: digits.count, by: 2).map { UInt8(String(digits[$0...$0 + 1]), radix: 16)! }
    }

    static func le32(_ value: UInt32) -> [UInt8] { withUnsafeBytes(of: value.littleEndian) { Array($0) } }
    static func le16(_ value: UInt16) -> [UInt8] { withUnsafeBytes(of: value.littleEndian) { Array($0) } }

    /// A classic pcap header (µs, little-endian).
    static func pcapHeader(linkType: UInt32 = 1, snapLength: UInt32 = 262_144) -> [UInt8] {
        le32(0xa1b2_c3d4) + le16(2) + le16(4) + le32(0) + le32(0) + le32(snapLength) + le32(linkType)
    }

    /// A pcap record header announcing `capturedLength`/`originalLength`.
    static func recordHeader(seconds: UInt32, capturedLength: UInt32, originalLength: UInt32? = nil) -> [UInt8] {
        le32(seconds) + le32(0) + le32(capturedLength) + le32(originalLength ?? capturedLength)
    }

    /// A complete pcap of `frames`, one second apart from 2026-01-01 00:00:00 UTC.
    static func pcap(_ frames: [[UInt8]], linkType: UInt32 = 1) -> [UInt8] {
        var bytes = pcapHeader(linkType: linkType)
        for (index, frame) in frames.enumerated() {
            bytes += recordHeader(seconds: 1_767_225_600 + UInt32(index), capturedLength: UInt32(frame.count)) + frame
        }
        return bytes
    }

    /// A pcapng block: type, total length, body padded to 4, total length again.
    static func pcapngBlock(type: UInt32, body: [UInt8]) -> [UInt8] {
        var padded = body
        while padded.count % 4 != 0 { padded.append(0) }
        let length = UInt32(padded.count + 12)
        return le32(type) + le32(length) + padded + le32(length)
    }

    /// Section header, one Ethernet interface, and an Enhanced Packet Block per frame.
    static func pcapng(_ frames: [[UInt8]]) -> [UInt8] {
        var bytes = pcapngBlock(type: 0x0a0d_0d0a, body: le32(0x1a2b_3c4d) + le16(1) + le16(0) + [UInt8](repeating: 0xff, count: 8))
        bytes += pcapngBlock(type: 1, body: le16(1) + le16(0) + le32(262_144))
        for (index, frame) in frames.enumerated() {
            let micros = UInt64(1_767_225_600 + index) * 1_000_000
            bytes += pcapngBlock(type: 6, body: le32(0) + le32(UInt32(micros >> 32)) + le32(UInt32(micros & 0xffff_ffff))
                + le32(UInt32(frame.count)) + le32(UInt32(frame.count)) + frame)
        }
        return bytes
    }
}
