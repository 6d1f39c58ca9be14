import Codec

/// What the node needs to know about an interface.
public struct LinkInfo: Sendable, Hashable {
    public var index: Int32
    public var name: String
    public var mac: MACAddress
    /// Administratively up and with carrier (IFF_UP and IFF_LOWER_UP).
    public var isUp: Bool

    public init(index: Int32, name: String, mac: MACAddress, isUp: Bool) {
        self.index = index
        self.name = name
        self.mac = mac
        self.isUp = isUp
    }
}
