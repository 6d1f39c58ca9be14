import Codec
import ElectionModel

/// What the edge must do for the machine, in order.
public enum RouterAction: Sendable, Hashable {
    /// Our advert with this priority (`AdvertEncoder` makes the bytes).
    case sendAdvert(priority: UInt8)
    /// Only a non-owner adds and removes: an owner's (priority 255) addresses are the interface's own.
    case addAddresses([VirtualAddress])
    case removeAddresses([VirtualAddress])
    /// One gratuitous ARP (IPv4) or unsolicited NA (IPv6) per address.
    case announce([IPAddress])
    /// Deliver `.timer(timer)` at `at` (the same clock as `now`); replaces an earlier arming.
    case arm(RouterTimer, at: Int64)
    case cancel(RouterTimer)
    /// Run the notify scripts for the new state.
    case notify(RouterState)
    /// Print it with the timeline's printers.
    case report(TimelineEvent)
}
