/// A 48-bit IEEE 802 MAC address, held in the low 48 bits of an integer so it costs no allocation.
public struct MACAddress: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let rawValue: UInt64

    public init(rawValue: UInt64) { self.rawValue = rawValue & 0xFFFF_FFFF_FFFF }

    public init(_ b0: UInt8, _ b1: UInt8, _ b2: UInt8, _ b3: UInt8, _ b4: UInt8, _ b5: UInt8) {
        var value: UInt64 = 0
        for byte in [b0, b1, b2, b3, b4, b5] { value = value << 8 | UInt64(byte) }
        self.rawValue = value
    }

    /// Parses "00:00:5e:00:01:33" (also with '-').
    public init?(_ text: some StringProtocol) {
        let parts = text.split(whereSeparator: { $0 == ":" || $0 == "-" })
        guard parts.count == 6 else { return nil }
        var value: UInt64 = 0
        for part in parts {
            guard part.count <= 2, let byte = UInt8(part, radix: 16) else { return nil }
            value = value << 8 | UInt64(byte)
        }
        self.rawValue = value
    }

    public static let broadcast = MACAddress(rawValue: 0xFFFF_FFFF_FFFF)
    public static let zero = MACAddress(rawValue: 0)

    public func byte(_ index: Int) -> UInt8 { UInt8(truncatingIfNeeded: rawValue >> (8 * (5 - index))) }

    /// The VRRP virtual router MAC for a VRID: 00-00-5E-00-01-{VRID} (IPv4), 00-00-5E-00-02-{VRID} (IPv6).
    public static func virtualRouter(vrid: UInt8, ipv6: Bool) -> MACAddress {
        MACAddress(rawValue: (ipv6 ? 0x0000_5E00_0200 : 0x0000_5E00_0100) | UInt64(vrid))
    }

    /// The Ethernet destination of an IPv6 multicast group: 33-33 and the group's last 32 bits (RFC 2464 §7).
    public static func multicast(_ group: IPv6Address) -> MACAddress {
        MACAddress(rawValue: 0x3333_0000_0000 | (group.low & 0xFFFF_FFFF))
    }

    public var description: String {
        let hex: [Character] = Array("0123456789abcdef")
        var out = ""
        out.reserveCapacity(17)
        for i in 0..<6 {
            if i > 0 { out.append(":") }
            let b = byte(i)
            out.append(hex[Int(b >> 4)])
            out.append(hex[Int(b & 0xF)])
        }
        return out
    }

    public static func < (lhs: MACAddress, rhs: MACAddress) -> Bool { lhs.rawValue < rhs.rawValue }
}
