import Codec
import ElectionModel

/// `--what-if`: runs a virtual extra router (`VRRPRouter`) against a capture, on the capture's clock.
///
/// Until the virtual router's first advert, the recorded adverts are the truth: they are its input,
/// and also the input of a model of every recorded router (a `VRRPRouter` with the priority, interval,
/// addresses and auth it advertised), whose own output is ignored. From that advert on the recorded
/// routers would have heard it, so the recording stops being delivered: the models' adverts reach
/// each other and the virtual router, and each model gets only its router's own life from the
/// recording (resigns, silences, restarts, priority changes). Routers that never advertised in the
/// capture cannot be modelled.
public struct WhatIfReplay {
    public let config: RouterConfig
    /// When the virtual router starts (nil: the capture's first frame).
    public let joinAt: Int64?

    public init(config: RouterConfig, joinAt: Int64? = nil) {
        self.config = config
        self.joinAt = joinAt
    }

    public struct Result: Sendable {
        /// Modelled lines, and the recorded lives given to the models, in time order.
        public var lines: [WhatIfLine]
        /// The virtual router's first advert: from here on the recorded routers are modelled.
        public var divergence: Int64?
        public var outcomes: [WhatIfOutcome]
        public var counters: RouterCounters
        /// Recorded routers modelled, and how many adverts of the VRID the capture had.
        public var modelled: [IPAddress]
        public var recordedAdverts: Int
        public var end: Int64
    }

    /// - Parameter frames: decoded frames with their timestamps (ns), in capture order.
    public func run(_ frames: [(ts: Int64, frame: Frame)]) -> Result {
        var run = Run(config: config, frames: frames, joinAt: joinAt)
        run.simulate()
        return run.result()
    }
}

/// One replay's moving parts.
private struct Run {
    enum Item {
        case recorded(ReceivedAdvert)
        case life(model: Int, RecordedRouter.LifeEvent)
        case startup(model: Int)
        case join
    }

    let config: RouterConfig
    let start: Int64
    let end: Int64
    let recordedAdverts: [(ts: Int64, advert: ReceivedAdvert)]
    let recorded: [RecordedRouter]
    var items: [(ts: Int64, item: Item)] = []
    var virtual: VRRPRouter
    var models: [VRRPRouter]
    var alive: [Bool]
    var divergence: Int64?
    var lines: [WhatIfLine] = []
    var outcomes: [WhatIfOutcome] = []
    /// The virtual router is master and has not yet had its first advert of the term printed.
    var newTerm = false
    var packets: [IPAddress: [UInt8: VRRPPacket]] = [:]
    let modelledAddresses: Set<IPAddress>

    init(config: RouterConfig, frames: [(ts: Int64, frame: Frame)], joinAt: Int64?) {
        self.config = config
        start = frames.first?.ts ?? 0
        end = frames.last?.ts ?? 0
        let adverts = frames.compactMap { entry -> (ts: Int64, advert: ReceivedAdvert)? in
            guard let advert = ReceivedAdvert(frame: entry.frame), advert.packet.vrid == config.vrid,
                  advert.source.isIPv6 == (config.family == .ipv6) else { return nil }
            return (entry.ts, advert)
        }
        recordedAdverts = adverts
        var order: [IPAddress] = []
        var byRouter: [IPAddress: [(ts: Int64, advert: ReceivedAdvert)]] = [:]
        for entry in adverts where entry.advert.packet.version == config.version && entry.advert.source != config.sourceAddress {
            if byRouter[entry.advert.source] == nil { order.append(entry.advert.source) }
            byRouter[entry.advert.source, default: []].append(entry)
        }
        // Copies: the closure below must not capture `self` before every property is set.
        let (start, end) = (start, end)
        recorded = order.compactMap { RecordedRouter(adverts: byRouter[$0] ?? [], others: adverts, start: start, end: end, family: config.family) }
        modelledAddresses = Set(recorded.map(\.address))
        virtual = VRRPRouter(config: config)
        models = recorded.map { VRRPRouter(config: $0.config) }
        alive = Array(repeating: false, count: recorded.count)
        for entry in adverts { items.append((entry.ts, .recorded(entry.advert))) }
        for (index, router) in recorded.enumerated() {
            // Running since before the capture: its Master_Down_Timer runs out at the first frame.
            items.append((start - models[index].masterDownInterval, .startup(model: index)))
            for event in router.events { items.append((event.ts, .life(model: index, event))) }
        }
        items.append((joinAt ?? start, .join))
        // Stable: at one instant, the recording first, then the lives, then the join.
        items = items.enumerated().sorted { ($0.element.ts, $0.offset) < ($1.element.ts, $1.offset) }.map(\.element)
    }

    mutating func simulate() {
        var next = 0
        while true {
            let timer = nextTimer()
            let itemTime = next < items.count ? items[next].ts : nil
            if let itemTime, timer.map({ itemTime <= $0.at }) ?? true {
                guard itemTime <= end else { break }
                process(items[next].item, at: itemTime)
                next += 1
            } else if let timer, timer.at <= end {
                deliver(.timer(timer.timer), to: timer.router, at: timer.at)
            } else {
                break
            }
        }
    }

    /// -1 is the virtual router, 0… the models.
    private func nextTimer() -> (router: Int, timer: RouterTimer, at: Int64)? {
        var best: (router: Int, timer: RouterTimer, at: Int64)?
        if virtual.state != .initialize, let due = virtual.nextTimer { best = (-1, due.timer, due.at) }
        for index in models.indices where alive[index] {
            if let due = models[index].nextTimer, best.map({ due.at < $0.at }) ?? true { best = (index, due.timer, due.at) }
        }
        return best
    }

    private mutating func process(_ item: Item, at ts: Int64) {
        switch item {
        case .recorded(let advert):
            // Once the virtual router has spoken, the recorded routers are modelled instead; one that
            // cannot hear it (another version) stays as recorded.
            guard divergence == nil || !modelledAddresses.contains(advert.source) else { return }
            deliver(.advert(advert), to: -1, at: ts)
            guard divergence == nil else { return }
            for index in models.indices where alive[index] { deliver(.advert(advert), to: index, at: ts) }
        case .startup(let index):
            alive[index] = true
            deliver(.startup, to: index, at: ts)
        case .join:
            deliver(.startup, to: -1, at: ts)
        case .life(let index, let event):
            if divergence != nil {
                lines.append(WhatIfLine(ts: ts, origin: .recorded, router: recorded[index].address, isVirtual: false,
                                        what: .recordedLife(event.life)))
            }
            switch event.life {
            case .resigned:
                deliver(.shutdown, to: index, at: ts)
            case .wentSilent:
                // Gone without a word: its timers stop, nobody hears from it.
                alive[index] = false
                models[index] = VRRPRouter(config: recorded[index].config)
            case .restarted:
                alive[index] = true
                deliver(.startup, to: index, at: ts)
            case .priorityChanged:
                deliver(.effectivePriority(event.priority), to: index, at: ts)
            }
        }
    }

    /// Hands `input` to a router and carries out what it asks, adverts reaching the others at once.
    private mutating func deliver(_ input: RouterInput, to first: Int, at ts: Int64) {
        var queue: [(Int, RouterInput)] = [(first, input)]
        while !queue.isEmpty {
            let (index, input) = queue.removeFirst()
            let actions = index < 0 ? virtual.handle(input, now: ts) : models[index].handle(input, now: ts)
            let source = index < 0 ? config.sourceAddress : recorded[index].address
            if index < 0, actions.contains(where: { if case .report(let event) = $0, case .master = event.detail { true } else { false } }) {
                newTerm = true
            }
            var announced = 0
            var events: [WhatIfLine] = []
            var adverts: [WhatIfLine] = []
            for action in actions {
                switch action {
                case .sendAdvert(let priority):
                    if index < 0 {
                        if divergence == nil { divergence = ts }
                        if newTerm || priority == 0 {
                            adverts.append(WhatIfLine(ts: ts, origin: .modelled, router: source, isVirtual: true, what: .advert(priority: priority)))
                            newTerm = false
                        }
                    }
                    // Before the divergence the recording speaks for the recorded routers.
                    guard divergence != nil else { continue }
                    let advert = ReceivedAdvert(packet: packet(from: index, priority: priority), source: source,
                                                destination: config.family == .ipv6 ? .v6(.vrrpMulticast) : .v4(.vrrpMulticast))
                    if index >= 0 { queue.append((-1, .advert(advert))) }
                    for other in models.indices where other != index && alive[other] { queue.append((other, .advert(advert))) }
                case .announce:
                    announced += 1
                case .report(let event):
                    guard index < 0 || divergence != nil else { continue }
                    if index < 0, case .master(let change) = event.detail { outcomes.append(outcome(of: change, at: ts)) }
                    events.append(WhatIfLine(ts: ts, origin: .modelled, router: source, isVirtual: index < 0, what: .event(event)))
                default:
                    break
                }
            }
            // The transition first, then the advert and the burst that go with it.
            lines += events + adverts
            if announced > 0, index < 0 {
                lines.append(WhatIfLine(ts: ts, origin: .modelled, router: source, isVirtual: true,
                                        what: .announce(addresses: config.virtualAddresses.map(\.address), count: announced)))
            }
        }
    }

    /// The bytes a router would send, decoded as a receiver's Codec would (checksum verdict included).
    private mutating func packet(from index: Int, priority: UInt8) -> VRRPPacket {
        let source = index < 0 ? config.sourceAddress : recorded[index].address
        if let known = packets[source]?[priority] { return known }
        let encoder = AdvertEncoder(config: index < 0 ? config : recorded[index].config)
        let destination = encoder.destinations[0]
        let bytes = encoder.bytes(priority: priority, destination: destination)
        let context = IPContext(source: source, destination: destination, isTruncated: false)
        let decoded = (try? bytes.withUnsafeBytes { try VRRPPacket.decode($0, context: context) })
            ?? encoder.packet(priority: priority, destination: destination)
        packets[source, default: [:]][priority] = decoded
        return decoded
    }

    /// How the virtual router's term compares with what the capture shows after the same trigger.
    private func outcome(of change: MasterChange, at ts: Int64) -> WhatIfOutcome {
        let previous = change.previous
        let trigger = change.gap.map { ts - $0 }
        var successor: (router: IPAddress, ts: Int64)?
        if let trigger, let previous, change.cause == .resigned || change.cause == .masterDown {
            successor = recordedAdverts.first {
                $0.ts > trigger && $0.advert.source != previous && $0.advert.packet.priority > 0
            }.map { ($0.advert.source, $0.ts) }
        }
        let previousPriority = previous.flatMap { address in
            recordedAdverts.last { $0.ts <= ts && $0.advert.source == address && $0.advert.packet.priority > 0 }?.advert.packet.priority
        }
        return WhatIfOutcome(at: ts, priority: change.priority, cause: change.cause, previous: previous,
                             previousPriority: previousPriority, trigger: trigger,
                             recordedSuccessor: successor?.router, recordedSuccessorAt: successor?.ts,
                             joined: joinAtTime, masterDownInterval: VRRPTimers.masterDownInterval(
                                 priority: change.priority, interval: config.interval, version: config.version))
    }

    private var joinAtTime: Int64 { items.first { if case .join = $0.item { true } else { false } }?.ts ?? start }

    func result() -> WhatIfReplay.Result {
        WhatIfReplay.Result(lines: lines, divergence: divergence, outcomes: outcomes, counters: virtual.counters,
                            modelled: recorded.map(\.address), recordedAdverts: recordedAdverts.count, end: end)
    }
}

extension WhatIfReplay {
    /// A router configured like the group on `vrid` in the capture: version, family, interval,
    /// addresses and VRRPv2 password of the VRID's first advert; `priority` and `address` are ours.
    /// nil when the capture has no advert for the VRID.
    public static func template(vrid: UInt8, priority: UInt8, address: IPAddress?,
                                frames: [(ts: Int64, frame: Frame)]) -> RouterConfig? {
        for (_, frame) in frames {
            guard let advert = ReceivedAdvert(frame: frame), advert.packet.vrid == vrid else { continue }
            let packet = advert.packet
            let v6 = advert.source.isIPv6
            return RouterConfig(
                vrid: vrid, version: packet.version, family: v6 ? .ipv6 : .ipv4, priority: priority,
                advertInterval: max(1, packet.intervalCentiseconds),
                virtualAddresses: packet.addresses.map { VirtualAddress(address: $0, prefixLength: v6 ? 128 : 32) },
                primaryAddress: address ?? (v6 ? .v6(defaultAddressV6) : .v4(defaultAddressV4)),
                authentication: packet.authText.map { .simple($0) } ?? .none)
        }
        return nil
    }

    /// The virtual router's address unless one is given: documentation addresses (RFC 5737, and a
    /// link-local one as VRRPv3/IPv6 sources are).
    public static let defaultAddressV4 = IPv4Address(192, 0, 2, 254)
    public static let defaultAddressV6 = IPv6Address(high: 0xFE80_0000_0000_0000, low: 0x5E_00FE)
}
