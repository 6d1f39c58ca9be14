/// The analyser's bounds on what it follows, so that time and memory stay flat whatever a segment
/// sends (a VRRP flooding tool forging a new source per advert). Real deployments are far below them:
/// a group has a handful of routers, a VRID collision two or three groups, a switch some hundred VLANs
/// of VRRP. Adverts past a bound are counted and reported as one `flood` per VRID (`FloodGuard`).
public enum FloodLimits {
    /// Routers followed in one group.
    public static let routersPerGroup = 16
    /// Groups (disjoint address lists) followed in one VRID of one segment and family.
    public static let groupsPerVRID = 4
    /// Virtual routers followed in the whole capture.
    public static let virtualRouters = 1024
    /// Distinct routers counted per flood; beyond, the finding says "more than".
    public static let countedSources = 256
    /// Examples named per flood.
    public static let examples = 4
    /// VRIDs with a flood of their own; floods beyond share one capture-wide finding.
    public static let floodedVRIDs = 1024
    /// A flood is reported once no advert past a bound arrived for this long (or at the end).
    public static let quiet: Int64 = 5 * TimelineRules.second
}
