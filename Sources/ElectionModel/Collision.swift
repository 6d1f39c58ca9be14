import Codec

/// Two unrelated groups use one VRID on one segment: their virtual address lists are disjoint. The
/// newcomer gets its own `VirtualRouterID.group`, so each group's elections are followed separately and
/// the two masters are not taken for a split brain, nor their differences for mismatches.
public struct Collision: Sendable, Hashable {
    /// The router that revealed the collision first, then the routers of the groups already known.
    public var routers: [IPAddress]
    public var addresses: [IPAddress]
    public var otherAddresses: [IPAddress]
    /// The groups also differ in authentication (VRRPv2), as unrelated clusters usually do.
    public var authDiffers: Bool

    public init(routers: [IPAddress], addresses: [IPAddress], otherAddresses: [IPAddress], authDiffers: Bool) {
        self.routers = routers
        self.addresses = addresses
        self.otherAddresses = otherAddresses
        self.authDiffers = authDiffers
    }
}
