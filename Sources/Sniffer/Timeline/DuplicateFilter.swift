import Codec
import ElectionModel

/// Recognises the extra copies of one frame that `-i any` captures once per interface it crosses
/// (bridge and port, VLAN device and parent, bond and slave), so they count as one packet.
///
/// A copy has the same network layer, byte for byte (IP header and payload, or ARP), and arrives within
/// `TimelineRules.duplicateWindow` on another view — another interface or VLAN tagging. Identical
/// frames on the same view are real repeats (keepalived's gratuitous ARP burst) and are kept: each
/// original absorbs at most one copy per other view.
struct DuplicateFilter: Sendable {
    private struct Recent: Sendable {
        var timestamp: Int64
        var hash: Int
        var network: NetworkLayer
        /// The view of the original first, then those of its copies (`SegmentAliases` numbers).
        var views: [Int]
    }

    /// Frames of the last window, oldest first.
    private var recent: [Recent] = []

    /// The view the original was seen on when `network` is a copy; nil (and remembered) otherwise.
    mutating func original(of network: NetworkLayer, on view: Int, at timestamp: Int64) -> Int? {
        let expired = recent.prefix { timestamp - $0.timestamp > TimelineRules.duplicateWindow }.count
        if expired > 0 { recent.removeFirst(expired) }
        let hash = network.hashValue
        for index in recent.indices where recent[index].hash == hash && !recent[index].views.contains(view)
            && (timestamp - recent[index].timestamp).magnitude <= TimelineRules.duplicateWindow
            && recent[index].network == network {
            recent[index].views.append(view)
            return recent[index].views[0]
        }
        recent.append(Recent(timestamp: timestamp, hash: hash, network: network, views: [view]))
        return nil
    }
}
