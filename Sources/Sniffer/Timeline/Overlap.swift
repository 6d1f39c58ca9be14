import Codec
import ElectionModel

/// A span during which two or more routers advertise as master for one virtual router; a split brain
/// once it outlasts `TimelineRules.splitBrainThreshold`.
struct Overlap: Sendable {
    let start: Int64
    /// Everyone who advertised during the span, in order of appearance.
    private(set) var routers: [IPAddress]
    var isSplitBrain = false

    init(start: Int64, routers: [IPAddress]) {
        self.start = start
        self.routers = routers
    }

    mutating func add(_ router: IPAddress) {
        if !routers.contains(router) { routers.append(router) }
    }
}
