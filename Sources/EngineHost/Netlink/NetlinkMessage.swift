import CLinux
#if canImport(Glibc)
import Glibc
#endif

/// One rtnetlink request being built: the 16-byte header, a fixed family header (ifaddrmsg or
/// ifinfomsg), then attributes, each aligned to 4 bytes as NLMSG_ALIGN/RTA_ALIGN do.
struct NetlinkRequest {
    private(set) var bytes: [UInt8] = []
    private var nests: [Int] = []

    init(type: UInt16, flags: Int32, sequence: UInt32) {
        append(UInt32(0))  // length, patched by `finished`
        append(type)
        append(UInt16(truncatingIfNeeded: flags))
        append(sequence)
        append(UInt32(0))  // port id: the kernel fills it in
    }

    /// struct ifaddrmsg.
    mutating func addressHeader(family: Int32, prefixLength: UInt8, flags: UInt8 = 0, scope: UInt8, index: UInt32) {
        bytes += [UInt8(family), prefixLength, flags, scope]
        append(index)
    }

    /// struct ifinfomsg.
    mutating func linkHeader(index: Int32 = 0, flags: UInt32 = 0, change: UInt32 = 0) {
        bytes += [UInt8(AF_UNSPEC), 0]
        append(UInt16(0))
        append(UInt32(bitPattern: index))
        append(flags)
        append(change)
    }

    mutating func attribute(_ type: Int32, _ payload: [UInt8]) {
        append(UInt16(4 + payload.count))
        append(UInt16(type))
        bytes += payload
        pad()
    }

    mutating func attribute(_ type: Int32, string: String) { attribute(type, Array(string.utf8) + [0]) }
    mutating func attribute(_ type: Int32, u32 value: UInt32) { attribute(type, withUnsafeBytes(of: value) { Array($0) }) }

    /// Opens a nested attribute; `endNest` patches its length.
    mutating func beginNest(_ type: Int32) {
        nests.append(bytes.count)
        append(UInt16(0))
        append(UInt16(type))
    }

    mutating func endNest() {
        guard let start = nests.popLast() else { return }
        let length = UInt16(bytes.count - start)
        bytes[start] = UInt8(length & 0xFF)
        bytes[start + 1] = UInt8(length >> 8)
    }

    var finished: [UInt8] {
        var copy = bytes
        let length = UInt32(copy.count)
        withUnsafeBytes(of: length) { for i in 0..<4 { copy[i] = $0[i] } }
        return copy
    }

    private mutating func append<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value) { bytes += $0 }  // host byte order, as netlink wants
    }

    private mutating func pad() {
        while bytes.count % 4 != 0 { bytes.append(0) }
    }
}

/// A received netlink message: its type and the bytes after the 16-byte header.
struct NetlinkMessage {
    let type: UInt16
    let flags: UInt16
    let sequence: UInt32
    let body: ArraySlice<UInt8>

    /// Splits a datagram into messages; a truncated tail is ignored.
    static func split(_ datagram: ArraySlice<UInt8>) -> [NetlinkMessage] {
        var messages: [NetlinkMessage] = []
        var offset = datagram.startIndex
        while datagram.endIndex - offset >= 16 {
            let length = Int(datagram.u32(at: offset))
            guard length >= 16, offset + length <= datagram.endIndex else { break }
            messages.append(NetlinkMessage(type: datagram.u16(at: offset + 4), flags: datagram.u16(at: offset + 6),
                                           sequence: datagram.u32(at: offset + 8),
                                           body: datagram[(offset + 16)..<(offset + length)]))
            offset += (length + 3) & ~3
        }
        return messages
    }

    /// The errno of an NLMSG_ERROR message (0 for an acknowledgement).
    var errorCode: Int32 { body.count >= 4 ? -Int32(bitPattern: body.u32(at: body.startIndex)) : EPROTO }

    /// The attributes after a fixed header of `headerLength` bytes, by type (the last one wins).
    func attributes(after headerLength: Int) -> [UInt16: ArraySlice<UInt8>] {
        guard body.count >= headerLength else { return [:] }
        return Self.attributes(in: body[(body.startIndex + headerLength)...])
    }

    static func attributes(in region: ArraySlice<UInt8>) -> [UInt16: ArraySlice<UInt8>] {
        var result: [UInt16: ArraySlice<UInt8>] = [:]
        var offset = region.startIndex
        while region.endIndex - offset >= 4 {
            let length = Int(region.u16(at: offset))
            guard length >= 4, offset + length <= region.endIndex else { break }
            result[region.u16(at: offset + 2) & 0x3FFF] = region[(offset + 4)..<(offset + length)]
            offset += (length + 3) & ~3
        }
        return result
    }
}

extension ArraySlice<UInt8> {
    func u16(at index: Int) -> UInt16 { UInt16(self[index]) | UInt16(self[index + 1]) << 8 }
    func u32(at index: Int) -> UInt32 {
        UInt32(self[index]) | UInt32(self[index + 1]) << 8 | UInt32(self[index + 2]) << 16 | UInt32(self[index + 3]) << 24
    }
    /// A NUL-terminated string attribute.
    var cString: String { String(decoding: prefix(while: { $0 != 0 }), as: UTF8.self) }
}
