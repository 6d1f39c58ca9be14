/// Where in a capture file a record starts, for error messages a user can find with a hex dump.
public struct RecordPosition: Hashable, Sendable, CustomStringConvertible {
    /// "record" for classic pcap, "block" for pcapng.
    public let kind: String
    /// Counted from 1 in file order.
    public let number: Int
    /// Byte offset of the record's first byte from the start of the file.
    public let byteOffset: Int64

    public init(kind: String, number: Int, byteOffset: Int64) {
        self.kind = kind
        self.number = number
        self.byteOffset = byteOffset
    }

    public var description: String { "\(kind) \(number) at byte \(byteOffset)" }
}
