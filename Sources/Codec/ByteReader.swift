/// Reads big-endian fields from a borrowed byte view without copying it.
///
/// The view must outlive the reader; decoders copy out only the values they keep.
///
/// The fixed-size reads are forced inline: each is a bounds check and a few loads, and as calls they
/// cost more than the work (every frame makes some 30 of them).
public struct ByteReader {
    public let bytes: UnsafeRawBufferPointer
    public private(set) var offset: Int
    private let layer: Layer

    public init(_ bytes: UnsafeRawBufferPointer, layer: Layer, offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
        self.layer = layer
    }

    public var remaining: Int { bytes.count - offset }

    /// Fails with a truncation naming how much the layer needed in all.
    @inline(__always)
    public func require(_ count: Int) throws(DecodeError) {
        guard count <= remaining else { throw .truncated(layer, needed: offset + count, available: bytes.count) }
    }

    @inline(__always)
    public mutating func readUInt8() throws(DecodeError) -> UInt8 {
        try require(1)
        defer { offset += 1 }
        return bytes[offset]
    }

    @inline(__always)
    public mutating func readUInt16() throws(DecodeError) -> UInt16 {
        try require(2)
        defer { offset += 2 }
        return UInt16(bigEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt16.self))
    }

    @inline(__always)
    public mutating func readUInt32() throws(DecodeError) -> UInt32 {
        try require(4)
        defer { offset += 4 }
        return UInt32(bigEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }

    @inline(__always)
    public mutating func readUInt64() throws(DecodeError) -> UInt64 {
        try require(8)
        defer { offset += 8 }
        return UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    @inline(__always)
    public mutating func readMAC() throws(DecodeError) -> MACAddress {
        try require(6)
        defer { offset += 6 }
        let high = UInt32(bigEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
        let low = UInt16(bigEndian: bytes.loadUnaligned(fromByteOffset: offset + 4, as: UInt16.self))
        return MACAddress(rawValue: UInt64(high) << 16 | UInt64(low))
    }

    @inline(__always)
    public mutating func readIPv4() throws(DecodeError) -> IPv4Address {
        IPv4Address(rawValue: try readUInt32())
    }

    @inline(__always)
    public mutating func readIPv6() throws(DecodeError) -> IPv6Address {
        let high = try readUInt64()
        return IPv6Address(high: high, low: try readUInt64())
    }

    /// Copies out `count` bytes; used only for fields the model keeps as bytes.
    public mutating func readBytes(_ count: Int) throws(DecodeError) -> [UInt8] {
        // Nothing to copy: no copy machinery for it.
        if count == 0 { return [] }
        try require(count)
        defer { offset += count }
        return Array(UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + count]))
    }

    public mutating func readRest() -> [UInt8] {
        defer { offset = bytes.count }
        return Array(UnsafeRawBufferPointer(rebasing: bytes[offset...]))
    }

    /// A view of exactly the next `count` bytes, advancing past them: a header whose length is known
    /// up front is checked once and its fields read from the view.
    @inline(__always)
    public mutating func readView(exactly count: Int) throws(DecodeError) -> UnsafeRawBufferPointer {
        try require(count)
        defer { offset += count }
        return UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + count])
    }

    /// A view of the next `count` bytes (clamped to what is there), advancing past them.
    public mutating func readView(upTo count: Int) -> UnsafeRawBufferPointer {
        let end = offset + max(0, min(count, remaining))
        defer { offset = end }
        return UnsafeRawBufferPointer(rebasing: bytes[offset..<end])
    }
}
