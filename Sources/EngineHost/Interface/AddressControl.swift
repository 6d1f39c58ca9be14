import Codec

/// The interface addresses and links the node reads and changes; rtnetlink in production
/// (`RouteNetlink`), a table in memory in tests.
public protocol AddressControl: AnyObject {
    /// Adds `address` marked as ours (label where it fits, protocol tag); IPv6 without DAD.
    func add(_ address: InterfaceAddress) throws(HostError)
    func remove(_ address: InterfaceAddress) throws(HostError)
    func addresses(interfaceIndex: Int32) throws(HostError) -> [InterfaceAddress]
    /// Every address of the host, on all interfaces.
    func hostAddresses() throws(HostError) -> [InterfaceAddress]
    func link(named name: String) throws(HostError) -> LinkInfo
}
