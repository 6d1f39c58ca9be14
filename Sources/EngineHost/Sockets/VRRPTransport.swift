import Codec

/// Sends and receives VRRP messages (IP protocol 112) on one interface; a raw socket in production.
public protocol VRRPTransport: AnyObject {
    var descriptor: Int32 { get }
    /// The address our adverts come from (the interface's IPv4 address or IPv6 link-local).
    var sourceAddress: IPAddress { get }
    func send(_ message: [UInt8], to destination: IPAddress) throws(HostError)
    /// The next waiting message, nil when none is; never blocks.
    func receive() -> ReceivedDatagram?
}
