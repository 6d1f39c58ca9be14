import Codec
import ElectionModel

/// Bounds the series a segment can create: at most `virtualRoutersPerInterface` virtual routers per
/// interface and `routersPerVirtualRouter` routers per virtual router get series, first come first
/// served (a hostile segment forging VRIDs or source addresses cannot grow the scrape); the rest are
/// counted. A colliding group (a second cluster on one VRID, reported as `collision`) shares its
/// labels with the first, so only group 0 is exported.
public struct LabelLimits: Sendable, Equatable {
    public var virtualRoutersPerInterface: Int
    public var routersPerVirtualRouter: Int

    public init(virtualRoutersPerInterface: Int = 2048, routersPerVirtualRouter: Int = 8) {
        self.virtualRoutersPerInterface = virtualRoutersPerInterface
        self.routersPerVirtualRouter = routersPerVirtualRouter
    }
}

/// Which virtual routers and routers have series, decided once and kept.
struct Admission: Sendable {
    let limits: LabelLimits
    let captureInterface: String
    private var virtualRouters: Set<VirtualRouterLabels> = []
    private var perInterface: [String: Int] = [:]
    private var routers: [VirtualRouterLabels: Set<IPAddress>] = [:]
    /// Refused since the start, for `vrrpdump_metrics_label_overflow_total`.
    private(set) var refusedVirtualRouters: Set<VirtualRouterLabels> = []
    private(set) var refusedRouters = 0
    private var refusedRouterKeys: Set<RouterKey> = []

    private struct RouterKey: Hashable, Sendable {
        let vr: VirtualRouterLabels
        let router: IPAddress
    }

    init(limits: LabelLimits, captureInterface: String) {
        self.limits = limits
        self.captureInterface = captureInterface
    }

    /// The labels of an exported virtual router, nil when it is over the limit.
    mutating func admit(_ vr: VirtualRouterID) -> VirtualRouterLabels? {
        let labels = VirtualRouterLabels(vr, capture: captureInterface)
        guard vr.group == 0 else { return nil }
        if virtualRouters.contains(labels) { return labels }
        guard perInterface[labels.interface, default: 0] < limits.virtualRoutersPerInterface else {
            refusedVirtualRouters.insert(labels)
            return nil
        }
        perInterface[labels.interface, default: 0] += 1
        virtualRouters.insert(labels)
        return labels
    }

    mutating func admit(_ router: IPAddress, of vr: VirtualRouterLabels) -> Bool {
        if routers[vr]?.contains(router) == true { return true }
        guard routers[vr, default: []].count < limits.routersPerVirtualRouter else {
            if refusedRouterKeys.insert(RouterKey(vr: vr, router: router)).inserted { refusedRouters += 1 }
            return false
        }
        routers[vr, default: []].insert(router)
        return true
    }
}
