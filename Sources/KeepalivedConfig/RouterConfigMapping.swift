import Codec
import Engine

/// A keepalived instance as the engine's `RouterConfig`: the protocol settings only. Tracking
/// (`track_script`, `track_interface`), notify scripts and sync groups are the runtime's business and
/// are not part of a `RouterConfig`.
public enum RouterConfigMappingError: Error, Sendable, Hashable, CustomStringConvertible {
    case noVRID(instance: String)
    case invalid(instance: String, ConfigError)

    public var description: String {
        switch self {
        case .noVRID(let name): "(\(name)) has no virtual_router_id"
        case .invalid(let name, let error): "(\(name)) \(error)"
        }
    }
}

extension VRRPInstance {
    /// The engine's configuration for this instance, sending from `primaryAddress` (the interface's
    /// IPv4 address or IPv6 link-local address, which the file does not say).
    public func routerConfig(primaryAddress: IPAddress, global: GlobalDefinitions) throws(RouterConfigMappingError) -> RouterConfig {
        guard let vrid, let vridByte = UInt8(exactly: vrid) else { throw .noVRID(instance: name) }
        let v6 = isIPv6
        let addresses = virtualAddresses.compactMap { entry in
            IPAddress(entry.address).map { VirtualAddress(address: $0, prefixLength: UInt8(entry.prefixLength ?? (v6 ? 128 : 32))) }
        }
        // Excluded addresses may be of either family, each with its own host prefix by default.
        let excluded = virtualAddressesExcluded.compactMap { entry in
            IPAddress(entry.address).map { VirtualAddress(address: $0, prefixLength: UInt8(entry.prefixLength ?? ($0.isIPv6 ? 128 : 32))) }
        }
        let second = Int64(1_000_000_000)
        var config = RouterConfig(
            vrid: vridByte, version: UInt8(version), family: v6 ? .ipv6 : .ipv4, priority: UInt8(clamping: priority),
            advertInterval: advertIntervalCentiseconds, virtualAddresses: addresses, primaryAddress: primaryAddress,
            preempt: preempt, preemptDelay: Int64((preemptDelaySeconds * 1e9).rounded()), acceptMode: accept,
            authentication: authentication.engine, unicastPeers: unicastPeers.compactMap { IPAddress($0) },
            unicastSource: unicastSource.flatMap { IPAddress($0) }, lowerPriorityAnswer: lowerPriorityAnswer,
            announcements: RouterConfig.Announcements(
                garpDelay: Int64(garpMasterDelay) * second, garpRepeat: garpMasterRepeat,
                garpRefresh: garpMasterRefresh > 0 ? Int64(garpMasterRefresh) * second : nil),
            useVirtualMAC: useVirtualMAC)
        config.excludedAddresses = excluded
        do { try config.validate() } catch { throw .invalid(instance: name, error) }
        return config
    }
}

extension Authentication {
    var engine: RouterConfig.Authentication {
        switch self {
        case .none: .none
        case .password(let p): .simple(p)
        }
    }
}
