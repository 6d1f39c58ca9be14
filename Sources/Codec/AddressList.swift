/// The addresses a VRRP advertisement lists, kept inline as their wire bytes while they fit.
///
/// An array per advert cost an allocation, its growth and a release for every decoded frame, about a
/// sixth of a unique frame's decode and free; nearly every advert lists up to eight IPv4 or two IPv6
/// addresses, which fit in 32 bytes. A list is stored one way only (inline whenever it fits), so the
/// stored form compares and hashes as the elements do.
public struct AddressList: RandomAccessCollection, Hashable, Sendable, ExpressibleByArrayLiteral {
    private enum Storage: Hashable, Sendable {
        case inline(Inline)
        /// Longer lists, or families mixed (only a packet built by hand has them).
        case heap([IPAddress])
    }

    /// Up to `inlineBytes` of addresses of one family in network order, the rest zero.
    private struct Inline: Hashable, Sendable {
        var a, b, c, d: UInt64
        var count: UInt8
        var isIPv6: Bool
    }

    public static let inlineBytes = 32

    private let storage: Storage

    /// The addresses in `bytes`, as on the wire: 4 bytes each, or 16 for IPv6; a partial one is ignored.
    public init(wire bytes: UnsafeRawBufferPointer, isIPv6: Bool) {
        let count = bytes.count / (isIPv6 ? 16 : 4)
        let used = UnsafeRawBufferPointer(rebasing: bytes[0..<count * (isIPv6 ? 16 : 4)])
        guard used.count <= Self.inlineBytes else {
            storage = .heap((0..<count).map { Self.address(at: $0, in: used, isIPv6: isIPv6) })
            return
        }
        var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        if count > 0 { withUnsafeMutableBytes(of: &words) { $0.copyMemory(from: used) } }
        storage = .inline(Inline(a: words.0, b: words.1, c: words.2, d: words.3, count: UInt8(count), isIPv6: isIPv6 && count > 0))
    }

    public init(_ addresses: [IPAddress]) {
        let isIPv6 = addresses.first?.isIPv6 ?? false
        guard addresses.allSatisfy({ $0.isIPv6 == isIPv6 }) else {
            storage = .heap(addresses)
            return
        }
        var writer = ByteWriter(capacity: addresses.count * 16)
        for address in addresses { writer.write(address) }
        self = writer.bytes.withUnsafeBytes { AddressList(wire: $0, isIPv6: isIPv6) }
    }

    public init(arrayLiteral addresses: IPAddress...) {
        self.init(addresses)
    }

    public var startIndex: Int { 0 }

    public var endIndex: Int {
        switch storage {
        case .inline(let inline): Int(inline.count)
        case .heap(let addresses): addresses.count
        }
    }

    /// The bytes the addresses take in a packet.
    public var encodedLength: Int {
        switch storage {
        case .inline(let inline): Int(inline.count) * (inline.isIPv6 ? 16 : 4)
        case .heap(let addresses): addresses.reduce(0) { $0 + ($1.isIPv6 ? 16 : 4) }
        }
    }

    public subscript(position: Int) -> IPAddress {
        switch storage {
        case .inline(let inline):
            precondition(position >= 0 && position < Int(inline.count), "AddressList index out of range")
            return withUnsafeBytes(of: (inline.a, inline.b, inline.c, inline.d)) {
                Self.address(at: position, in: $0, isIPv6: inline.isIPv6)
            }
        case .heap(let addresses):
            return addresses[position]
        }
    }

    /// The addresses as an array, for tables that keep them (built directly: through the generic
    /// sequence copy it cost twice as much).
    public var array: [IPAddress] {
        if case .heap(let addresses) = storage { return addresses }
        var addresses: [IPAddress] = []
        addresses.reserveCapacity(count)
        for index in 0..<count { addresses.append(self[index]) }
        return addresses
    }

    /// A cheap hash of the list, not seeded: for a cache of bounded size, where lists that hash alike
    /// only take each other's place. A table that grows with its keys needs a seeded hash.
    public var quickHash: UInt64 {
        switch storage {
        case .inline(let inline):
            var hash = UInt64(inline.count) << 1 | (inline.isIPv6 ? 1 : 0)
            HashMix.add(inline.a, to: &hash)
            HashMix.add(inline.b, to: &hash)
            HashMix.add(inline.c, to: &hash)
            HashMix.add(inline.d, to: &hash)
            return hash
        case .heap(let addresses):
            return UInt64(addresses.count) &* 0x9E37_79B9_7F4A_7C15
        }
    }

    /// As `Sequence.contains(where:)`, reading an inline list in place: through the generic iterator, a
    /// reader in another module paid a call and a copy of the storage for every address it looked at.
    public func contains(where predicate: (IPAddress) -> Bool) -> Bool {
        switch storage {
        case .heap(let addresses):
            return addresses.contains(where: predicate)
        case .inline(let inline):
            return withUnsafeBytes(of: (inline.a, inline.b, inline.c, inline.d)) { words in
                (0..<Int(inline.count)).contains { predicate(Self.address(at: $0, in: words, isIPv6: inline.isIPv6)) }
            }
        }
    }

    public func contains(_ address: IPAddress) -> Bool {
        contains { $0 == address }
    }

    private static func address(at index: Int, in bytes: UnsafeRawBufferPointer, isIPv6: Bool) -> IPAddress {
        guard isIPv6 else {
            return .v4(IPv4Address(rawValue: UInt32(bigEndian: bytes.loadUnaligned(fromByteOffset: 4 * index, as: UInt32.self))))
        }
        return .v6(IPv6Address(high: UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: 16 * index, as: UInt64.self)),
                               low: UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: 16 * index + 8, as: UInt64.self))))
    }
}
