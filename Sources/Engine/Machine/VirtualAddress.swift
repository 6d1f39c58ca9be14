import Codec

/// A virtual address with the prefix length it gets on the interface.
public struct VirtualAddress: Sendable, Hashable, CustomStringConvertible {
    public var address: IPAddress
    public var prefixLength: UInt8

    public init(address: IPAddress, prefixLength: UInt8) {
        self.address = address
        self.prefixLength = prefixLength
    }

    /// Parses "ADDR/LEN" or a bare address (/32, /128).
    public init?(_ text: some StringProtocol) {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard let address = IPAddress(parts[0]) else { return nil }
        let limit: UInt8 = address.isIPv6 ? 128 : 32
        if parts.count == 2 {
            guard let length = UInt8(parts[1]), length <= limit else { return nil }
            self.init(address: address, prefixLength: length)
        } else {
            self.init(address: address, prefixLength: limit)
        }
    }

    public var description: String { "\(address)/\(prefixLength)" }
}
