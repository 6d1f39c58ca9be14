/// How a VRRP checksum was computed, when one of the known ways matched.
public enum ChecksumForm: String, Sendable, Hashable {
    /// Over the VRRP message alone: VRRPv2, and VRRPv3/IPv4 per RFC 9568, Cisco, keepalived `v3_checksum_as_v2`.
    case plain
    /// With the IP pseudo-header: VRRPv3/IPv6, and VRRPv3/IPv4 as RFC 5798 reads (keepalived ≤ 2.2.7, FRR).
    case pseudoHeader = "pseudo-header"
    /// Pseudo-header with 224.0.0.18 in place of a unicast destination (older keepalived unicast peers).
    case pseudoHeaderMulticast = "pseudo-header-224.0.0.18"
}

/// The verdict on a checksum: which form matched, or what a sender would have put there.
public enum ChecksumCheck: Sendable, Hashable {
    case valid(ChecksumForm)
    /// `expected` is the value in the form the version calls for (v2 plain, v3 pseudo-header).
    case invalid(expected: UInt16)
    /// The message was not captured whole, so it cannot be checked.
    case unverified

    public var isValid: Bool { if case .valid = self { true } else { false } }
}
