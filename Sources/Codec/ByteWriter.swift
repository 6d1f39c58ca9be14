/// Appends big-endian fields to a growing byte array: the encoders' counterpart of `ByteReader`.
public struct ByteWriter {
    public private(set) var bytes: [UInt8]

    public init(capacity: Int = 128) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    public var count: Int { bytes.count }

    public mutating func write(_ value: UInt8) { bytes.append(value) }

    public mutating func write(_ value: UInt16) {
        bytes.append(UInt8(value >> 8))
        bytes.append(UInt8(truncatingIfNeeded: value))
    }

    public mutating func write(_ value: UInt32) {
        write(UInt16(value >> 16))
        write(UInt16(truncatingIfNeeded: value))
    }

    public mutating func write(_ value: UInt64) {
        write(UInt32(value >> 32))
        write(UInt32(truncatingIfNeeded: value))
    }

    public mutating func write(_ mac: MACAddress) {
        for i in 0..<6 { bytes.append(mac.byte(i)) }
    }

    public mutating func write(_ address: IPv4Address) { write(address.rawValue) }

    public mutating func write(_ address: IPv6Address) {
        write(address.high)
        write(address.low)
    }

    public mutating func write(_ address: IPAddress) {
        switch address {
        case .v4(let a): write(a)
        case .v6(let a): write(a)
        }
    }

    public mutating func write(contentsOf data: some Sequence<UInt8>) { bytes.append(contentsOf: data) }
}
