import Codec
import ElectionModel

/// A router of the capture as the what-if replay models it: its configuration as observed, and its
/// own life (starts, resigns, silences, priority changes) read from its adverts.
struct RecordedRouter {
    struct LifeEvent {
        var ts: Int64
        var life: RecordedLife
        /// For `priorityChanged`.
        var priority: UInt8 = 0
    }

    let address: IPAddress
    let config: RouterConfig
    let events: [LifeEvent]

    /// - Parameters:
    ///   - adverts: this router's adverts (time, advert), in capture order.
    ///   - others: every advert of the VRID, to tell a router that yielded from one that went silent.
    ///   - start/end: the capture's first and last timestamps.
    init?(adverts: [(ts: Int64, advert: ReceivedAdvert)], others: [(ts: Int64, advert: ReceivedAdvert)],
          start: Int64, end: Int64, family: AddressFamily) {
        guard let first = adverts.first(where: { $0.advert.packet.priority > 0 }) ?? adverts.first else { return nil }
        let packet = first.advert.packet
        let auth: RouterConfig.Authentication = packet.authText.map { .simple($0) } ?? .none
        address = first.advert.source
        config = RouterConfig(
            vrid: packet.vrid, version: packet.version, family: family, priority: max(1, packet.priority),
            advertInterval: max(1, packet.intervalCentiseconds),
            virtualAddresses: packet.addresses.map { VirtualAddress(address: $0, prefixLength: $0.isIPv6 ? 128 : 32) },
            primaryAddress: address, authentication: auth)
        let interval = config.interval
        var events: [LifeEvent] = []
        var priority = config.priority
        var alive = true
        var previous: (ts: Int64, priority: UInt8)?
        for (ts, advert) in adverts {
            let heard = advert.packet.priority
            let mdi = VRRPTimers.masterDownInterval(priority: max(1, heard), interval: interval, version: config.version)
            if let last = previous, alive, last.priority > 0, ts - last.ts > mdi,
               !Self.yielded(address, priority: last.priority, at: last.ts, interval: interval, others: others) {
                events.append(LifeEvent(ts: last.ts + 1, life: .wentSilent))
                alive = false
            }
            if !alive {
                events.append(LifeEvent(ts: max(previous.map { $0.ts + 2 } ?? start, ts - mdi), life: .restarted))
                alive = true
            }
            if heard == 0 {
                events.append(LifeEvent(ts: ts, life: .resigned))
                alive = false
            } else if heard != priority {
                events.append(LifeEvent(ts: ts, life: .priorityChanged, priority: heard))
                priority = heard
            }
            previous = (ts, heard)
        }
        if let last = previous, alive, last.priority > 0,
           end - last.ts > VRRPTimers.masterDownInterval(priority: last.priority, interval: interval, version: config.version),
           !Self.yielded(address, priority: last.priority, at: last.ts, interval: interval, others: others) {
            events.append(LifeEvent(ts: last.ts + 1, life: .wentSilent))
        }
        self.events = events
    }

    /// Another router outranking `address` advertised around its last advert: it went backup, not away.
    private static func yielded(_ address: IPAddress, priority: UInt8, at ts: Int64, interval: Int64,
                                others: [(ts: Int64, advert: ReceivedAdvert)]) -> Bool {
        others.contains { other in
            let theirs = other.advert.packet.priority
            return other.advert.source != address && other.ts > ts - 2 * interval && other.ts <= ts + interval
                && (theirs > priority || (theirs == priority && other.advert.source > address))
        }
    }
}
