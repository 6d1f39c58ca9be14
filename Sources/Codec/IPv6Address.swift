/// An IPv6 address as two 64-bit halves in host order, so it costs no allocation.
public struct IPv6Address: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let high: UInt64
    public let low: UInt64

    public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// Parses RFC 4291 text form (with "::"; no embedded IPv4 or zone).
    public init?(_ text: some StringProtocol) {
        let chars = Array(text.utf8)
        var halves: [Substring] = []
        let string = String(text)
        if let range = Self.doubleColon(in: chars) {
            let head = String(decoding: chars[..<range], as: UTF8.self)
            let tail = String(decoding: chars[(range + 2)...], as: UTF8.self)
            guard Self.doubleColon(in: Array(tail.utf8)) == nil else { return nil }
            halves = [Substring(head), Substring(tail)]
        } else {
            halves = [Substring(string)]
        }
        func groups(_ s: Substring) -> [UInt16]? {
            if s.isEmpty { return [] }
            var out: [UInt16] = []
            for part in s.split(separator: ":", omittingEmptySubsequences: false) {
                guard (1...4).contains(part.count), let g = UInt16(part, radix: 16) else { return nil }
                out.append(g)
            }
            return out
        }
        guard let head = groups(halves[0]) else { return nil }
        var all = head
        if halves.count == 2 {
            guard let tail = groups(halves[1]), head.count + tail.count <= 7 else { return nil }
            all += Array(repeating: 0, count: 8 - head.count - tail.count) + tail
        }
        guard all.count == 8 else { return nil }
        var hi: UInt64 = 0
        var lo: UInt64 = 0
        for i in 0..<4 { hi = hi << 16 | UInt64(all[i]) }
        for i in 4..<8 { lo = lo << 16 | UInt64(all[i]) }
        self.init(high: hi, low: lo)
    }

    private static func doubleColon(in chars: [UInt8]) -> Int? {
        guard chars.count >= 2 else { return nil }
        for i in 0..<(chars.count - 1) where chars[i] == UInt8(ascii: ":") && chars[i + 1] == UInt8(ascii: ":") {
            return i
        }
        return nil
    }

    public static let vrrpMulticast = IPv6Address(high: 0xFF02_0000_0000_0000, low: 0x12)
    public static let allNodes = IPv6Address(high: 0xFF02_0000_0000_0000, low: 1)

    public var isLinkLocal: Bool { high >> 54 == 0x3FA }  // fe80::/10

    public func group(_ index: Int) -> UInt16 {
        let word = index < 4 ? high : low
        return UInt16(truncatingIfNeeded: word >> (16 * (3 - index % 4)))
    }

    /// RFC 5952 canonical text: lowercase, longest run (≥ 2) of zero groups compressed.
    public var description: String {
        var bestStart = -1, bestLength = 0, runStart = -1
        for i in 0...8 {
            if i < 8 && group(i) == 0 {
                if runStart < 0 { runStart = i }
            } else if runStart >= 0 {
                if i - runStart > bestLength { bestStart = runStart; bestLength = i - runStart }
                runStart = -1
            }
        }
        if bestLength < 2 { bestStart = -1 }
        var out = ""
        var i = 0
        while i < 8 {
            if i == bestStart {
                out += "::"
                i += bestLength
                continue
            }
            if !out.isEmpty && !out.hasSuffix(":") { out += ":" }
            out += String(group(i), radix: 16)
            i += 1
        }
        return out
    }

    public static func < (lhs: IPv6Address, rhs: IPv6Address) -> Bool {
        (lhs.high, lhs.low) < (rhs.high, rhs.low)
    }
}
