import Codec
import ElectionModel

/// One virtual router now, as a live view polls it (each scrape of the sensor): who is master, how many
/// advertise, whether a split brain lasts. The values of its `VirtualRouterSummary`, without what only
/// the end of a capture needs (sorted gaps and addresses, histories, formatted strings), so that every
/// virtual router's status is taken in a fraction of the time under the analyser's lock.
public struct VirtualRouterStatus: Sendable, Equatable {
    public var vr: VirtualRouterID
    /// The reigning master, nil when nobody advertises.
    public var master: IPAddress?
    /// How many routers advertise as master at the end (several during a split brain).
    public var advertising: Int
    /// A split brain still going on at the end.
    public var splitBrainOngoing: Bool
    /// Its routers' statuses in `VirtualRouterStatuses.routers`, by address.
    public var routers: Range<Int>
}
