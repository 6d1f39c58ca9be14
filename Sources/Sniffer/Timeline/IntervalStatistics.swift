import ElectionModel

/// Running mean, standard deviation (jitter) and maximum of a master's advert spacing (Welford's
/// algorithm: constant memory however long the capture).
struct IntervalStatistics: Sendable, Hashable {
    private(set) var count = 0
    private var mean = 0.0
    private var squares = 0.0
    private(set) var maximum: Int64 = 0

    mutating func add(_ spacing: Int64) {
        count += 1
        let value = Double(spacing)
        let delta = value - mean
        mean += delta / Double(count)
        squares += delta * (value - mean)
        maximum = max(maximum, spacing)
    }

    var average: Int64? { count > 0 ? Int64(mean.rounded()) : nil }

    /// Population standard deviation; nil before two samples.
    var jitter: Int64? { count > 1 ? Int64((squares / Double(count)).squareRoot().rounded()) : nil }
}
