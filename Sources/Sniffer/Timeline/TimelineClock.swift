import ElectionModel

/// The analyser's time: packet timestamps made monotonic.
///
/// Timestamps that run backwards by at most `TimelineRules.reorderTolerance` are reordering and count
/// as "no time passed". A larger step back is a clock step: the clock stays where it was and later
/// timestamps are shifted forward by the step, so no duration is ever negative.
struct TimelineClock: Sendable {
    /// The latest time observed; nil before the first observation.
    private(set) var now: Int64?
    private var offset: Int64 = 0

    /// Returns the analyser time for `timestamp` and, on a clock step, how far the timestamps went back.
    mutating func observe(_ timestamp: Int64) -> (time: Int64, stepBack: Int64?) {
        let (shifted, overflow) = timestamp.addingReportingOverflow(offset)
        let time = overflow ? Int64.max : shifted
        guard let now else {
            self.now = time
            return (time, nil)
        }
        if time >= now {
            self.now = time
            return (time, nil)
        }
        let back = now - time
        if back <= TimelineRules.reorderTolerance { return (now, nil) }
        offset = offset.addingReportingOverflow(back).overflow ? Int64.max : offset + back
        return (now, back)
    }
}
