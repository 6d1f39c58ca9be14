/// A change on the host someone else may have made: an address gone, a link going down or up.
public enum HostEvent: Sendable, Hashable {
    case addressRemoved(InterfaceAddress)
    case link(index: Int32, up: Bool)
}

/// Where the runtime learns of host changes; an rtnetlink multicast socket in production.
public protocol HostEventSource: AnyObject {
    /// The descriptor to poll for readability.
    var descriptor: Int32 { get }
    /// Everything that arrived; never blocks.
    func drain() -> [HostEvent]
}
