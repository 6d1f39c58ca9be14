import Codec

/// A virtual address announced with a MAC that is not the master's.
public struct AddressFinding: Sendable, Hashable {
    public var address: IPAddress
    public var mac: MACAddress
    /// The router that MAC belongs to, when a router of the group advertised from it.
    public var router: IPAddress?
    /// The master at the time, when there was one.
    public var master: IPAddress?

    public init(address: IPAddress, mac: MACAddress, router: IPAddress?, master: IPAddress?) {
        self.address = address
        self.mac = mac
        self.router = router
        self.master = master
    }
}
