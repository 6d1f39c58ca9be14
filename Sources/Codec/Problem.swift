/// A finding about a frame that a careful reader should see: malformed, or legal but suspicious.
/// The raw value is the short kebab-case name used in JSON output.
public enum Problem: String, Sendable, Hashable, CaseIterable {
    case malformed
    case truncated
    case emptyPayload = "empty-payload"
    case ttlNot255 = "ttl-not-255"
    case countMismatch = "count-mismatch"
    case unknownVersion = "unknown-version"
    case unknownType = "unknown-type"
    case intervalZero = "interval-zero"
    /// VRID 0 is not a valid virtual router (RFC 3768/5798: 1–255).
    case vridZero = "vrid-zero"
    /// VRRPv3's reserved bits before the interval are not zero.
    case reservedBitsSet = "reserved-bits-set"
    case version2OverIPv6 = "v2-over-ipv6"
    case unicastDestination = "unicast-destination"
    case sourceMACNotVirtual = "source-mac-not-virtual"
    case firstAddressNotLinkLocal = "first-address-not-link-local"
    case badChecksum = "bad-checksum"
    case ipBadChecksum = "ip-bad-checksum"
    case fragment

    /// Informational findings: normal for some deployments (keepalived does not use the virtual MAC by
    /// default; unicast peers are configured on purpose), shown but not counted as anomalies.
    public var isInformational: Bool {
        self == .sourceMACNotVirtual || self == .unicastDestination
    }
}

/// What a VRRP priority means beyond its number (RFC 5798 §5.2.4).
public enum PriorityRole: String, Sendable {
    /// 255: the router owns the virtual addresses.
    case owner
    /// 0: the master is leaving and asks a backup to take over now.
    case resign
}

extension VRRPPacket {
    public var priorityRole: PriorityRole? {
        switch priority {
        case 255: .owner
        case 0: .resign
        default: nil
        }
    }
}
