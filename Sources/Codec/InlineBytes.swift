/// Bytes that only `encode` and an occasional reader need, kept inline when short: a frame's trailer
/// after its network layer (Ethernet padding, an FCS, a vendor trailer) and a neighbour
/// advertisement's options. Nearly every small frame on Ethernet is padded to 60 bytes, and an array
/// per frame cost an allocation and a free. (Inline storage for IPv4 options and VRRP's extra bytes
/// as well was tried: the larger headers cost more in copies than it saved.)
public struct InlineBytes: Hashable, Sendable {
    private enum Storage: Hashable, Sendable {
        /// Up to `inlineCapacity` bytes, the rest zero (so that equal bytes compare and hash alike).
        case inline(UInt64, UInt64, UInt64, count: UInt8)
        case heap([UInt8])
    }

    /// Covers Ethernet padding to the 60-byte minimum behind the shortest frames (an ARP: 18 bytes)
    /// and a 4-byte FCS, and the one 8-byte option (the target's link-layer address) an advertisement
    /// usually has.
    public static let inlineCapacity = 24

    private let storage: Storage

    public init(_ bytes: UnsafeRawBufferPointer) {
        guard bytes.count <= Self.inlineCapacity else {
            storage = .heap(Array(bytes))
            return
        }
        var words: (UInt64, UInt64, UInt64) = (0, 0, 0)
        if !bytes.isEmpty { withUnsafeMutableBytes(of: &words) { $0.copyMemory(from: bytes) } }
        storage = .inline(words.0, words.1, words.2, count: UInt8(bytes.count))
    }

    public init(_ bytes: [UInt8] = []) {
        self = bytes.withUnsafeBytes { InlineBytes($0) }
    }

    public var count: Int {
        switch storage {
        case .inline(_, _, _, let count): Int(count)
        case .heap(let bytes): bytes.count
        }
    }

    public func withUnsafeBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        switch storage {
        case .inline(let a, let b, let c, let count):
            try Swift.withUnsafeBytes(of: (a, b, c)) { try body(UnsafeRawBufferPointer(rebasing: $0.prefix(Int(count)))) }
        case .heap(let bytes):
            try bytes.withUnsafeBytes(body)
        }
    }

    public var bytes: [UInt8] { withUnsafeBytes { Array($0) } }
}
