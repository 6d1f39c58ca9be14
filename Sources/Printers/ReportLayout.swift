/// Geometry of the report's timelines: one time scale shared by every virtual router, lanes of fixed
/// height, and where the badges of the event strip go.
package struct ReportLayout {
    package static let width = 1300.0
    package static let gutter = 200.0
    package static let rightPad = 24.0
    package static let axisHeight = 26.0
    package static let badgeRowHeight = 19.0
    package static let maxBadgeRows = 3
    package static let laneHeight = 64.0

    /// Inside a lane, relative to its top.
    package static let garpTop = 4.0
    package static let garpHeight = 8.0
    package static let barTop = 14.0
    package static let barHeight = 22.0
    package static let priorityTop = 43.0
    package static let priorityBottom = 55.0
    package static let priorityZero = 60.0

    package static var plotWidth: Double { width - gutter - rightPad }
}

/// Maps analyser times (nanoseconds) to x and chooses the axis ticks.
package struct TimeScale {
    package let start: Int64
    package let end: Int64
    /// The first and last packet, inside [start, end].
    package let captureStart: Int64
    package let captureEnd: Int64
    package let left: Double
    package let width: Double

    package init(start: Int64, end: Int64, captureStart: Int64? = nil, captureEnd: Int64? = nil,
         left: Double = ReportLayout.gutter, width: Double = ReportLayout.plotWidth) {
        self.start = start
        self.end = end > start ? end : start + 1_000_000_000
        self.captureStart = captureStart ?? start
        self.captureEnd = captureEnd ?? end
        self.left = left
        self.width = width
    }

    package var span: Int64 { end - start }

    package func x(_ time: Int64) -> Double {
        left + Double(time - start) / Double(span) * width
    }

    /// x of `time`, kept inside the plot.
    package func clampedX(_ time: Int64) -> Double { min(left + width, max(left, x(time))) }

    /// Width of [from, to], at least `minimum` pixels so that short gaps stay visible.
    package func width(from: Int64, to: Int64, minimum: Double = 0) -> Double {
        max(minimum, clampedX(to) - clampedX(from))
    }

    /// Round local times about every 110 pixels, labelled with as many decimals as the step needs.
    package func ticks() -> [(time: Int64, label: String)] {
        let ms: Int64 = 1_000_000
        let s: Int64 = 1_000_000_000
        let steps: [Int64] = [1 * ms, 2 * ms, 5 * ms, 10 * ms, 20 * ms, 50 * ms, 100 * ms, 200 * ms, 500 * ms,
                              1 * s, 2 * s, 5 * s, 10 * s, 15 * s, 30 * s, 60 * s, 120 * s, 300 * s, 600 * s,
                              900 * s, 1800 * s, 3600 * s, 7200 * s, 10800 * s, 21600 * s, 43200 * s, 86400 * s]
        let most = max(2, Int64(width / 110))
        let step = steps.first { span / $0 <= most } ?? (span / most / 86400 / s + 1) * 86400 * s
        let decimals = step >= s ? 0 : step >= 100 * ms ? 1 : step >= 10 * ms ? 2 : 3
        let offset = Int64(LocalClock(start).utcOffset) * s
        var time = ((start + offset).floorDiv(step) + 1) * step - offset
        if time - step >= start { time -= step }
        var ticks: [(Int64, String)] = []
        var lastDay = LocalClock(captureStart).day
        while time <= end {
            let clock = LocalClock(time)
            var label = ReportFormat.timeOfDay(time, decimals: decimals)
            if clock.day != lastDay { label = String(clock.date.dropFirst(5)) + " " + label }
            lastDay = clock.day
            ticks.append((time, label))
            time += step
        }
        return ticks
    }
}

/// Places badges (labelled markers) of the event strip in rows, first fit; a badge that fits in no row
/// becomes a small dot in the least crowded one.
package struct BadgeRows {
    private var ends: [Double] = []
    package let maxRows: Int

    package init(maxRows: Int) { self.maxRows = maxRows }

    package var count: Int { max(1, ends.count) }

    /// The row and whether the badge keeps its label.
    package mutating func place(from left: Double, to right: Double) -> (row: Int, labelled: Bool) {
        if let row = ends.firstIndex(where: { $0 + 4 <= left }) {
            ends[row] = right
            return (row, true)
        }
        if ends.count < maxRows {
            ends.append(right)
            return (ends.count - 1, true)
        }
        let row = ends.indices.min { ends[$0] < ends[$1] } ?? 0
        ends[row] = max(ends[row], left + 8)
        return (row, false)
    }

    /// Rough width of `text` at `size` px in the report's font (generous, so labels do not spill).
    package static func textWidth(_ text: String, size: Double = 11, bold: Bool = false) -> Double {
        Double(text.count) * size * (bold ? 0.64 : 0.6)
    }
}
