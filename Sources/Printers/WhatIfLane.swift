import Codec
import ElectionModel
import Engine

/// What `--what-if --report` adds to the timeline of the replayed virtual router: a lane for the virtual
/// router ("you") with its modelled master terms and announcements, the recorded routers' modelled terms
/// after the divergence, and the divergence itself. Everything here is computed, nothing was on the wire.
package struct WhatIfLane {
    /// A modelled term as master: from a master event to the router's next backup, fault, initialize or
    /// resign (or, for a modelled recorded router, its recorded resignation or silence), else the capture's end.
    package struct Term: Sendable, Hashable {
        package var router: IPAddress
        package var start: Int64
        package var end: Int64
        package var cause: MasterCause
        package var priority: UInt8
        package var untilCaptureEnd: Bool
    }

    package let vrid: UInt8
    package let family: AddressFamily
    package let config: RouterConfig
    /// The virtual router's terms, and those of the recorded routers' models (from the divergence on).
    package let terms: [Term]
    package let modelledTerms: [Term]
    /// The virtual router's announcement bursts.
    package let announcements: [(ts: Int64, count: Int)]
    /// The virtual router's first advert: from here on the recorded routers are modelled.
    package let divergence: Int64?
    /// When the virtual router joined.
    package let joined: Int64
    package let sent: Int

    package init(config: RouterConfig, result: WhatIfReplay.Result, joined: Int64) {
        vrid = config.vrid
        family = config.family
        self.config = config
        self.joined = joined
        divergence = result.divergence
        sent = result.counters.sent
        var open: [IPAddress: Term] = [:]
        var closed: [Term] = []
        func close(_ router: IPAddress, at ts: Int64) {
            guard var term = open.removeValue(forKey: router) else { return }
            term.end = max(term.start, ts)
            term.untilCaptureEnd = false
            closed.append(term)
        }
        var bursts: [(ts: Int64, count: Int)] = []
        for line in result.lines where line.origin == .modelled {
            switch line.what {
            case .event(let event):
                switch event.detail {
                case .master(let change):
                    close(change.router, at: event.ts)
                    open[change.router] = Term(router: change.router, start: event.ts, end: max(event.ts, result.end),
                                               cause: change.cause, priority: change.priority, untilCaptureEnd: true)
                case .backup(let transition), .fault(let transition), .initialize(let transition):
                    close(transition.router, at: event.ts)
                case .resign(let router, _):
                    close(router, at: event.ts)
                default:
                    break
                }
            case .recordedLife(.resigned), .recordedLife(.wentSilent):
                close(line.router, at: line.ts)
            case .announce(_, let count) where line.isVirtual:
                bursts.append((line.ts, count))
            default:
                break
            }
        }
        let all = (closed + open.values).sorted { ($0.start, $0.router) < ($1.start, $1.router) }
        terms = all.filter { $0.router == config.primaryAddress }
        modelledTerms = all.filter { $0.router != config.primaryAddress }
        announcements = bursts
    }

    /// Whether this lane belongs to the virtual router `vr` of the capture.
    package func belongs(to vr: VirtualRouterID) -> Bool {
        vr.vrid == vrid && vr.family == family
    }

    package var router: IPAddress { config.primaryAddress }
}
