/// The RFC 1071 one's-complement sum that IPv4, VRRP, CARP and ICMPv6 checksums use.
public struct InternetChecksum: Sendable {
    private var sum: UInt64 = 0

    public init() {}

    /// Sums 8 bytes at a time: a 32-bit word `h·2¹⁶ + l` is congruent to `h + l` modulo 0xFFFF, the
    /// modulus of the one's-complement sum, so wider words fold to the same 16-bit result. Each step
    /// adds less than 2³³, so the 64-bit sum cannot overflow below 16 GiB (packets are at most 256 KiB).
    public mutating func add(_ bytes: UnsafeRawBufferPointer) {
        var i = 0
        let n = bytes.count
        while i + 8 <= n {
            let word = UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            sum &+= (word >> 32) + (word & 0xFFFF_FFFF)
            i += 8
        }
        while i + 1 < n {
            sum &+= UInt64(bytes[i]) << 8 | UInt64(bytes[i + 1])
            i += 2
        }
        if i < n { sum &+= UInt64(bytes[i]) << 8 }  // odd length: pad with a zero byte
    }

    public mutating func add(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { add($0) }
    }

    public mutating func add(_ value: UInt16) { sum &+= UInt64(value) }

    public mutating func add(_ value: UInt32) {
        sum &+= UInt64(value >> 16) + UInt64(value & 0xFFFF)
    }

    public mutating func add(_ address: IPAddress) {
        switch address {
        case .v4(let a): add(a.rawValue)
        case .v6(let a):
            add(UInt32(a.high >> 32)); add(UInt32(truncatingIfNeeded: a.high))
            add(UInt32(a.low >> 32)); add(UInt32(truncatingIfNeeded: a.low))
        }
    }

    /// The folded 16-bit one's-complement sum; 0xFFFF over data that includes a correct checksum.
    public var folded: UInt16 {
        var s = sum
        while s >> 16 != 0 { s = (s & 0xFFFF) + (s >> 16) }
        return UInt16(s)
    }

    /// The value to store in a checksum field that was zero while summing.
    public var checksum: UInt16 { ~folded }

    /// Adds the pseudo-header of RFC 2460 §8.1 / RFC 768 for an upper-layer message.
    public mutating func addPseudoHeader(source: IPAddress, destination: IPAddress, protocol proto: UInt8, length: Int) {
        add(source)
        add(destination)
        if source.isIPv6 {
            add(UInt32(truncatingIfNeeded: length))
            add(UInt32(proto))
        } else {
            add(UInt16(proto))
            add(UInt16(truncatingIfNeeded: length))
        }
    }
}
