import ElectionModel
import Sniffer
#if canImport(Glibc)
import Glibc
#endif

/// The closing lines on standard error, tcpdump-style, with VRRP-specific counts.
package struct StatisticsReport {
    package let tally: PacketTally
    package let live: CaptureStatistics?
    package let sourceName: String

    package func print() {
        var err = OutputBuffer(fd: STDERR_FILENO, lineBuffered: false)
        let t = tally
        err.append("\(t.total) packet\(t.total == 1 ? "" : "s") \(live == nil ? "read" : "captured"): ")
        err.append("\(t.vrrp) VRRP (v2 \(t.vrrpV2), v3 \(t.vrrpV3)")
        if t.vrrpOther > 0 { err.append(", unknown version or undecodable \(t.vrrpOther)") }
        err.append("), \(t.carp) CARP, \(t.arp) ARP (\(t.gratuitousARP) gratuitous), ")
        err.append("\(t.neighborAdvertisements) NA (\(t.unsolicitedAdvertisements) unsolicited), \(t.other) other; ")
        err.append("\(t.malformed) malformed, \(t.withProblems) with problems")
        try? err.endLine()
        if let live {
            err.append("\(live.received) packets received by filter, \(live.droppedByKernel) dropped by kernel, ")
            err.append("\(live.droppedByInterface) dropped by interface")
            try? err.endLine()
        }
        try? err.flush()
    }

    package init(tally: PacketTally, live: CaptureStatistics?, sourceName: String) {
        self.tally = tally
        self.live = live
        self.sourceName = sourceName
    }
}
