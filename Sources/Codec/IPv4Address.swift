/// An IPv4 address as its 32-bit value in host order.
public struct IPv4Address: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let rawValue: UInt32

    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public init(_ a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8) {
        rawValue = UInt32(a) << 24 | UInt32(b) << 16 | UInt32(c) << 8 | UInt32(d)
    }

    /// Parses dotted-quad text; rejects anything else.
    public init?(_ text: some StringProtocol) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var value: UInt32 = 0
        for part in parts {
            guard !part.isEmpty, part.count <= 3, part.allSatisfy(\.isASCII), let octet = UInt8(part) else { return nil }
            value = value << 8 | UInt32(octet)
        }
        rawValue = value
    }

    public static let vrrpMulticast = IPv4Address(224, 0, 0, 18)
    public static let any = IPv4Address(rawValue: 0)

    /// Dotted quad, written digit by digit: interpolating four integers cost some twenty times as
    /// much, and a flood's summaries name thousands of addresses.
    public var description: String {
        String(unsafeUninitializedCapacity: 15) { buffer in
            var at = 0
            for shift: UInt32 in [24, 16, 8, 0] {
                let octet = UInt8(truncatingIfNeeded: rawValue >> shift)
                if octet >= 100 { buffer[at] = UInt8(ascii: "0") + octet / 100; at += 1 }
                if octet >= 10 { buffer[at] = UInt8(ascii: "0") + octet / 10 % 10; at += 1 }
                buffer[at] = UInt8(ascii: "0") + octet % 10
                at += 1
                if shift > 0 { buffer[at] = UInt8(ascii: "."); at += 1 }
            }
            return at
        }
    }

    public static func < (lhs: IPv4Address, rhs: IPv4Address) -> Bool { lhs.rawValue < rhs.rawValue }
}
