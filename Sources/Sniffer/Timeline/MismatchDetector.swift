import Codec
import ElectionModel

/// Compares the settings of the routers of one virtual router and reports each disagreement once per
/// pair of routers and kind, when the second router of the pair reveals it.
struct MismatchDetector: Sendable {
    private struct Key: Hashable, Sendable {
        var what: MismatchKind
        var low: IPAddress
        var high: IPAddress
    }

    private var reported: Set<Key> = []

    /// Checks `router`, whose settings are new or changed, against every other router known.
    ///
    /// A router alternating between settings (VRRPv2 and v3 adverts on one VRID) is checked at every
    /// advert: the kinds are compared first and a finding's text is built only the first time.
    mutating func check(_ router: RouterRecord, against others: some Sequence<RouterRecord>) -> [Mismatch] {
        var found: [Mismatch] = []
        for other in others where other.address != router.address {
            for what in Self.differences(router, other) {
                let low = min(router.address, other.address)
                let high = max(router.address, other.address)
                if reported.insert(Key(what: what, low: low, high: high)).inserted {
                    found.append(Mismatch(what: what, routers: [router.address, other.address],
                                          detail: Self.detail(what, router, other)))
                }
            }
        }
        return found
    }

    private static func differences(_ a: RouterRecord, _ b: RouterRecord) -> [MismatchKind] {
        let (x, y) = (a.settings, b.settings)
        var found: [MismatchKind] = []
        if x.version != y.version { found.append(.version) }
        if x.intervalCentiseconds != y.intervalCentiseconds { found.append(.interval) }
        if x.authentication != y.authentication { found.append(.auth) }
        if x.addresses != y.addresses, Set(x.addresses) != Set(y.addresses) { found.append(.addresses) }
        if let p = x.checksumForm, let q = y.checksumForm, p != q { found.append(.checksumForm) }
        if a.claimedOwnership && b.claimedOwnership { found.append(.owner) }
        return found
    }

    private static func detail(_ what: MismatchKind, _ a: RouterRecord, _ b: RouterRecord) -> String {
        let (x, y) = (a.settings, b.settings)
        let names = "\(a.address) vs \(b.address)"
        switch what {
        case .version:
            return "VRRPv\(x.version) vs VRRPv\(y.version) (\(names))"
        case .interval:
            return "\(seconds(x.intervalCentiseconds)) s vs \(seconds(y.intervalCentiseconds)) s (\(names))"
        case .auth:
            let differ = x.authentication.description == y.authentication.description
                ? "different passwords" : "\(x.authentication) vs \(y.authentication)"
            return "\(differ) (\(names))"
        case .addresses:
            return "\(list(x.addresses)) vs \(list(y.addresses)) (\(names))"
        case .checksumForm:
            return "\(x.checksumForm?.rawValue ?? "-") vs \(y.checksumForm?.rawValue ?? "-") (\(names))"
        case .owner:
            return "both advertise priority 255 (\(names))"
        }
    }

    private static func seconds(_ centiseconds: Int) -> String {
        centiseconds % 100 == 0 ? "\(centiseconds / 100)" : "\(Double(centiseconds) / 100)"
    }

    private static func list(_ addresses: [IPAddress]) -> String {
        addresses.sorted().map(\.description).joined(separator: ",")
    }
}
