import Codec

/// Every virtual router's status, in the order of `ElectionAnalyzer.summaries()`, in two flat arrays
/// that a poller keeps and the analyser refills in place (`ElectionAnalyzer.statuses(into:)`): their
/// capacity stays, so a poll allocates nothing per virtual router.
public struct VirtualRouterStatuses: Sendable {
    public private(set) var virtualRouters: [VirtualRouterStatus] = []
    /// Each virtual router's routers, by address, at its `VirtualRouterStatus.routers`.
    public private(set) var routers: [RouterStatus] = []

    public init() {}

    /// The statuses the summaries tell (a replay's, at any point): the same values the analyser's
    /// `statuses(into:)` gives at that point.
    public init(_ summaries: [VirtualRouterSummary]) {
        for summary in summaries {
            let first = routers.count
            routers.append(contentsOf: summary.routers.lazy.map(RouterStatus.init))
            virtualRouters.append(VirtualRouterStatus(vr: summary.vr, master: summary.master,
                                                      advertising: summary.advertising.count,
                                                      splitBrainOngoing: summary.splitBrainOngoing,
                                                      routers: first..<routers.count))
        }
    }

    mutating func removeAll() {
        virtualRouters.removeAll(keepingCapacity: true)
        routers.removeAll(keepingCapacity: true)
    }

    /// Appends a virtual router whose routers were the last appended (`status.routers`), putting them in
    /// address order.
    mutating func append(_ status: VirtualRouterStatus) {
        // Insertion sort in place: a handful of routers, nearly always in order already.
        for next in status.routers.dropFirst() {
            var place = next
            while place > status.routers.lowerBound, routers[place].address < routers[place - 1].address {
                routers.swapAt(place, place - 1)
                place -= 1
            }
        }
        virtualRouters.append(status)
    }

    mutating func append(_ router: RouterStatus) {
        routers.append(router)
    }
}
