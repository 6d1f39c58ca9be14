import Codec

/// More routers or groups in one VRID than the analyser follows (a flooding tool, a broken lab): their
/// adverts are counted, not analysed, so that time and memory stay bounded whatever the sources. One
/// finding per VRID and episode, in place of an event per forged source; `ts` is the first advert not
/// followed.
public struct Flood: Sendable, Hashable {
    /// Which bound the adverts would have crossed.
    public enum Limit: String, Sendable, Hashable {
        /// Routers in one group (virtual router).
        case routers
        /// Groups (disjoint address lists, i.e. VRID collisions) in one VRID.
        case groups
        /// Virtual routers in the whole capture.
        case virtualRouters = "virtual-routers"
    }

    public var limit: Limit
    /// The bound's value: routers per group, groups per VRID or virtual routers in all.
    public var bound: Int
    /// Adverts not analysed.
    public var adverts: Int
    /// Distinct routers among them, counted exactly up to `FloodLimits.countedSources`.
    public var sources: Int
    /// More distinct routers than `sources` sent them (the count stopped).
    public var moreSources: Bool
    /// The first few routers not followed.
    public var examples: [IPAddress]
    /// From the first advert not followed to the last.
    public var duration: Int64

    public init(limit: Limit, bound: Int, adverts: Int, sources: Int, moreSources: Bool, examples: [IPAddress],
                duration: Int64) {
        self.limit = limit
        self.bound = bound
        self.adverts = adverts
        self.sources = sources
        self.moreSources = moreSources
        self.examples = examples
        self.duration = duration
    }
}
