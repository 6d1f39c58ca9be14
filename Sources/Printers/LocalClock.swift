#if canImport(Glibc)
import Glibc
#endif

/// A nanosecond timestamp split into local date and time (TZ), as the report labels its axes.
package struct LocalClock {
    /// "2026-11-25"
    package let date: String
    /// "14:10:30"
    package let time: String
    package let microseconds: Int
    /// Seconds east of UTC.
    package let utcOffset: Int
    /// Days since the epoch in local time, to tell when a label crosses midnight.
    package let day: Int64

    package init(_ nanoseconds: Int64) {
        let second = nanoseconds.floorDiv(1_000_000_000)
        microseconds = Int(nanoseconds - second * 1_000_000_000) / 1000
        var seconds = time_t(second)
        var parts = tm()
        localtime_r(&seconds, &parts)
        let pad = ReportFormat.padded
        date = pad(Int(parts.tm_year) + 1900, 4) + "-" + pad(Int(parts.tm_mon) + 1, 2) + "-" + pad(Int(parts.tm_mday), 2)
        time = pad(Int(parts.tm_hour), 2) + ":" + pad(Int(parts.tm_min), 2) + ":" + pad(Int(parts.tm_sec), 2)
        utcOffset = Int(parts.tm_gmtoff)
        day = (second + Int64(utcOffset)).floorDiv(86_400)
    }
}
