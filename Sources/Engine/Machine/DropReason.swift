/// Why a received advert was discarded (RFC 9568 §7.1, RFC 3768 §7.1, plus the unicast and loop checks).
public enum DropReason: String, Sendable, Hashable, CaseIterable {
    /// TTL / hop limit not 255: the advert crossed a router.
    case hopLimit = "hop-limit"
    case version
    /// Type not 1 (advertisement).
    case type
    /// No checksum form the Codec knows matched (or the message was cut short).
    case checksum
    /// Another VRID (the socket hears every VRID on the interface).
    case vrid
    /// VRRPv2 authentication type or simple password differs from ours.
    case auth
    /// VRRPv2 advert interval differs from ours (RFC 3768 §7.1: MUST discard).
    case interval
    /// Unicast mode: the source is none of the configured peers.
    case unknownSource = "unknown-source"
    /// Our own advert, looped back.
    case ownAdvert = "own-advert"
    /// Another address family than ours.
    case family
}
