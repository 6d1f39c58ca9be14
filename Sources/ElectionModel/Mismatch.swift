import Codec

/// What routers of one virtual router disagree on.
public enum MismatchKind: String, Sendable, Hashable {
    /// Advert interval: RFC 3768 §7.1 routers drop adverts with another interval, which splits the brain.
    case interval
    /// Authentication type or simple-text password (VRRPv2), or AH on one side only.
    case auth
    /// VRRP version 2 and 3 on one VRID.
    case version
    /// Virtual address lists that differ but overlap (disjoint lists are a `collision`).
    case addresses
    /// VRRPv3/IPv4 checksums computed with and without the pseudo-header: each side drops the other's.
    case checksumForm = "checksum-form"
    /// More than one router advertising priority 255 (address owner).
    case owner
}

/// A misconfiguration between two routers of one virtual router, reported once per pair and kind.
public struct Mismatch: Sendable, Hashable {
    public var what: MismatchKind
    public var routers: [IPAddress]
    /// Human-readable values (never a password).
    public var detail: String

    public init(what: MismatchKind, routers: [IPAddress], detail: String) {
        self.what = what
        self.routers = routers
        self.detail = detail
    }
}
