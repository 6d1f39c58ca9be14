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

/// Which virtual routers have series, decided once per identity and kept (routers are admitted by
/// each virtual router's scrape state, `VirtualRouterSeries`), and the block each one's series are in.
struct Admission: Sendable {
    let limits: LabelLimits
    let captureInterface: String
    /// Every identity seen: its labels and block, nil when refused or a colliding group. Spares each
    /// event and each scrape the labels' formatting and hashing.
    private var decided: [VirtualRouterID: Admitted?] = [:]
    private var admitted: [VirtualRouterLabels: SeriesBlock] = [:]
    private var perInterface: [String: Int] = [:]
    /// Refused since the start, for `vrrpdump_metrics_label_overflow_total`.
    private var refused: Set<VirtualRouterLabels> = []
    /// In order of admission, `SeriesBlock.capacity` virtual routers each.
    private(set) var blocks: [SeriesBlock] = []

    /// An exported virtual router: its labels, and the block holding its series.
    struct Admitted: Sendable {
        let labels: VirtualRouterLabels
        let block: SeriesBlock
    }

    init(limits: LabelLimits, captureInterface: String) {
        self.limits = limits
        self.captureInterface = captureInterface
    }

    /// The labels and block of an exported virtual router (nil when it is over the limit), and whether
    /// this call refused labels not refused before.
    mutating func admit(_ vr: VirtualRouterID) -> (admitted: Admitted?, newlyRefused: Bool) {
        if let known = decided[vr] { return (known, false) }
        guard vr.group == 0 else {
            decided[vr] = .some(nil)
            return (nil, false)
        }
        let labels = VirtualRouterLabels(vr, capture: captureInterface)
        if let block = admitted[labels] {
            let known = Admitted(labels: labels, block: block)
            decided[vr] = known
            return (known, false)
        }
        guard perInterface[labels.interface, default: 0] < limits.virtualRoutersPerInterface else {
            decided[vr] = .some(nil)
            return (nil, refused.insert(labels).inserted)
        }
        perInterface[labels.interface, default: 0] += 1
        if admitted.count % SeriesBlock.capacity == 0 { blocks.append(SeriesBlock()) }
        let new = Admitted(labels: labels, block: blocks[blocks.count - 1])
        admitted[labels] = new.block
        decided[vr] = new
        return (new, false)
    }
}
