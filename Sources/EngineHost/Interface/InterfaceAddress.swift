import Codec

/// An address as the kernel lists it on one interface.
public struct InterfaceAddress: Sendable, Hashable, CustomStringConvertible {
    public var address: IPAddress
    public var prefixLength: UInt8
    public var interfaceIndex: Int32
    /// IFA_LABEL (IPv4 only).
    public var label: String?
    /// IFA_PROTO: who added it, when the kernel records it (Linux 5.18 and later).
    public var protocolTag: UInt8?

    public init(address: IPAddress, prefixLength: UInt8, interfaceIndex: Int32, label: String? = nil,
                protocolTag: UInt8? = nil) {
        self.address = address
        self.prefixLength = prefixLength
        self.interfaceIndex = interfaceIndex
        self.label = label
        self.protocolTag = protocolTag
    }

    public var description: String { "\(address)/\(prefixLength)" }
}
