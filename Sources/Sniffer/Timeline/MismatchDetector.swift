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
    mutating func check(_ router: RouterRecord, against others: some Sequence<RouterRecord>) -> [Mismatch] {
        var found: [Mismatch] = []
        for other in others where other.address != router.address {
            for (what, detail) in Self.differences(router, other) {
                let pair = [router.address, other.address]
                if reported.insert(Key(what: what, low: pair.min() ?? router.address, high: pair.max() ?? other.address)).inserted {
                    found.append(Mismatch(what: what, routers: pair, detail: detail))
                }
            }
        }
        return found
    }

    private static func differences(_ a: RouterRecord, _ b: RouterRecord) -> [(MismatchKind, String)] {
        let (x, y) = (a.settings, b.settings)
        let names = "\(a.address) vs \(b.address)"
        var found: [(MismatchKind, String)] = []
        if x.version != y.version {
            found.append((.version, "VRRPv\(x.version) vs VRRPv\(y.version) (\(names))"))
        }
        if x.intervalCentiseconds != y.intervalCentiseconds {
            found.append((.interval, "\(seconds(x.intervalCentiseconds)) s vs \(seconds(y.intervalCentiseconds)) s (\(names))"))
        }
        if x.authentication != y.authentication {
            let what = x.authentication.description == y.authentication.description
                ? "different passwords" : "\(x.authentication) vs \(y.authentication)"
            found.append((.auth, "\(what) (\(names))"))
        }
        if Set(x.addresses) != Set(y.addresses) {
            found.append((.addresses, "\(list(x.addresses)) vs \(list(y.addresses)) (\(names))"))
        }
        if let p = x.checksumForm, let q = y.checksumForm, p != q {
            found.append((.checksumForm, "\(p.rawValue) vs \(q.rawValue) (\(names))"))
        }
        if a.claimedOwnership && b.claimedOwnership {
            found.append((.owner, "both advertise priority 255 (\(names))"))
        }
        return found
    }

    private static func seconds(_ centiseconds: Int) -> String {
        centiseconds % 100 == 0 ? "\(centiseconds / 100)" : "\(Double(centiseconds) / 100)"
    }

    private static func list(_ addresses: [IPAddress]) -> String {
        addresses.sorted().map(\.description).joined(separator: ",")
    }
}
