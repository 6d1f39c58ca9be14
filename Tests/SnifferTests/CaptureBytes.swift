import Foundation

/// Builds capture files byte by byte, in either byte order, for the readers to parse.
struct CaptureBytes {
    var bytes: [UInt8] = []
    let bigEndian: Bool

    init(bigEndian: Bool = false) {
        self.bigEndian = bigEndian
    }


    mutating func u16(_ value: UInt16) {
        let ordered = bigEndian ? value.bigEndian : value.littleEndian
        withUnsafeBytes(of: ordered) { bytes.append(contentsOf: $0) }
    }

    mutating func u32(_ value: UInt32) {
        let ordered = bigEndian ? value.bigEndian : value.littleEndian
        withUnsafeBytes(of: ordered) { bytes.append(contentsOf: $0) }
    }

    mutating func u64(_ value: UInt64) {
        let ordered = bigEndian ? value.bigEndian : value.littleEndian
        withUnsafeBytes(of: ordered) { bytes.append(contentsOf: $0) }
    }

    mutating func raw(_ data: [UInt8]) { bytes.append(contentsOf: data) }

    mutating func pad4() {
        while bytes.count % 4 != 0 { bytes.append(0) }
    }

    // MARK: Classic pcap

    static func pcap(
        nanoseconds: Bool = false, bigEndian: Bool = false, linkType: UInt32 = 1, snapLength: UInt32 = 65535,
        packets: [(seconds: UInt32, fraction: UInt32, data: [UInt8])]
    ) -> [UInt8] {
        var file = CaptureBytes(bigEndian: bigEndian)
        file.u32(nanoseconds ? 0xa1b2_3c4d : 0xa1b2_c3d4)
        file.u16(2)
        file.u16(4)
        file.u32(0)
        file.u32(0)
        file.u32(snapLength)
        file.u32(linkType)
        for packet in packets {
            file.u32(packet.seconds)
            file.u32(packet.fraction)
            file.u32(UInt32(packet.data.count))
            file.u32(UInt32(packet.data.count))
            file.raw(packet.data)
        }
        return file.bytes
    }

    // MARK: pcapng

    /// Appends a block with the given body, framing it with type and both lengths.
    mutating func block(_ type: UInt32, _ body: (inout CaptureBytes) -> Void) {
        var inner = CaptureBytes(bigEndian: bigEndian)
        body(&inner)
        inner.pad4()
        let length = UInt32(inner.bytes.count + 12)
        u32(type)
        u32(length)
        raw(inner.bytes)
        u32(length)
    }

    mutating func sectionHeader() {
        block(0x0a0d_0d0a) { body in
            body.u32(0x1a2b_3c4d)
            body.u16(1)
            body.u16(0)
            body.u64(UInt64.max)
        }
    }

    mutating func interface(linkType: UInt16, snapLength: UInt32 = 0, name: String? = nil, tsresol: UInt8? = nil, tsoffset: Int64? = nil) {
        block(1) { body in
            body.u16(linkType)
            body.u16(0)
            body.u32(snapLength)
            if let name {
                let utf8 = Array(name.utf8)
                body.u16(2)
                body.u16(UInt16(utf8.count))
                body.raw(utf8)
                body.pad4()
            }
            if let tsresol {
                body.u16(9)
                body.u16(1)
                body.raw([tsresol, 0, 0, 0])
            }
            if let tsoffset {
                body.u16(14)
                body.u16(8)
                body.u64(UInt64(bitPattern: tsoffset))
            }
            body.u32(0)
        }
    }

    mutating func enhancedPacket(interface: UInt32, timestamp: UInt64, data: [UInt8], originalLength: Int? = nil) {
        block(6) { body in
            body.u32(interface)
            body.u32(UInt32(timestamp >> 32))
            body.u32(UInt32(timestamp & 0xffff_ffff))
            body.u32(UInt32(data.count))
            body.u32(UInt32(originalLength ?? data.count))
            body.raw(data)
        }
    }

    mutating func simplePacket(data: [UInt8]) {
        block(3) { body in
            body.u32(UInt32(data.count))
            body.raw(data)
        }
    }

    mutating func obsoletePacket(interface: UInt16, timestamp: UInt64, data: [UInt8]) {
        block(2) { body in
            body.u16(interface)
            body.u16(0)
            body.u32(UInt32(timestamp >> 32))
            body.u32(UInt32(timestamp & 0xffff_ffff))
            body.u32(UInt32(data.count))
            body.u32(UInt32(data.count))
            body.raw(data)
        }
    }
}

/// A scratch directory removed when the test case ends.
final class ScratchDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("vrrpdump-sniffer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func write(_ bytes: [UInt8], named name: String) throws -> String {
        let path = url.appendingPathComponent(name).path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
}
