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
    /// Routers sending both VRRPv2 and VRRPv3 (`RouterRecord.otherVersion`) are compared version by
    /// version: their adverts of a version against the other router's of the same version, and their
    /// versions differ only when they have none in common. A finding's text is built only the first time.
    mutating func check(_ router: RouterRecord, against others: some Sequence<RouterRecord>) -> [Mismatch] {
        var found: [Mismatch] = []
        for other in others where other.address != router.address {
            let low = min(router.address, other.address)
            let high = max(router.address, other.address)
            for (what, x, y) in Self.differences(router, other)
            where reported.insert(Key(what: what, low: low, high: high)).inserted {
                found.append(Mismatch(what: what, routers: [router.address, other.address],
                                      detail: Self.detail(what, x, y, names: "\(router.address) vs \(other.address)")))
            }
        }
        return found
    }

    /// Each disagreement with the pair of settings it was found in.
    private static func differences(_ a: RouterRecord, _ b: RouterRecord)
        -> [(MismatchKind, AdvertSettings, AdvertSettings)] {
        var pairs: [(AdvertSettings, AdvertSettings)] = []
        for x in a.settingsOfEachVersion {
            for y in b.settingsOfEachVersion where x.version == y.version { pairs.append((x, y)) }
        }
        var found: [(MismatchKind, AdvertSettings, AdvertSettings)] = []
        if pairs.isEmpty {
            pairs = [(a.settings, b.settings)]
            found.append((.version, a.settings, b.settings))
        }
        for (x, y) in pairs {
            if x.intervalCentiseconds != y.intervalCentiseconds { found.append((.interval, x, y)) }
            if x.authentication != y.authentication { found.append((.auth, x, y)) }
            if x.addresses != y.addresses, Set(x.addresses) != Set(y.addresses) { found.append((.addresses, x, y)) }
            if let p = x.checksumForm, let q = y.checksumForm, p != q { found.append((.checksumForm, x, y)) }
        }
        if a.claimedOwnership && b.claimedOwnership { found.append((.owner, a.settings, b.settings)) }
        return found
    }

    private static func detail(_ what: MismatchKind, _ x: AdvertSettings, _ y: AdvertSettings, names: String) -> String {
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
