import Codec
import ElectionModel
import Engine
#if canImport(Glibc)
import Glibc
#endif

/// The live node: one loop over the VRRP socket, the rtnetlink monitor and the signals, with the
/// machine's timers on the monotonic clock, feeding `VRRPRouter.handle` and carrying out its actions.
///
/// Timers are one deadline per `RouterTimer`; after the process was stopped (SIGSTOP) each overdue timer
/// fires once when it runs again, with the real `now`, so the machine re-arms from the present instead
/// of sending a burst of the adverts it missed.
public final class NodeRuntime {
    public private(set) var router: VRRPRouter
    private let encoder: AdvertEncoder
    let host: HostEffects
    let options: NodeOptions
    private let output: any NodeOutput

    private enum Phase { case listening(ListenPhase), running, stopped(Int32) }
    private var phase: Phase = .running
    private var timers: [RouterTimer: Int64] = [:]
    private var record: OwnershipRecord
    /// Addresses we added and still own (never one that was there before us).
    private var added: [IPAddress: InterfaceAddress] = [:]
    /// Why it is in Fault on its own account (its interface, a tracked one, a check).
    private var faults: Set<String> = []
    /// Why it is in Fault because other members of its sync group are (`syncFault`).
    private var syncFaults: Set<String> = []
    private var inFault: Bool { !faults.isEmpty || !syncFaults.isEmpty }
    private var lastHeard: [IPAddress: UInt8] = [:]
    private var trackedIndexes: [Int32: TrackedInterface] = [:]
    /// Whether each weighted tracked interface (by index) is up, for `applyWeight`.
    private var weightedUp: [Int32: Bool] = [:]
    /// Open while listening before joining; closed (nil) once the node joined or refused.
    private var listener: (any FrameSource)?
    /// Each tracked check's verdict as this router last took it (the host polls the checks).
    private var verdicts: [Bool?]
    /// The timers that would make it master, run out while its sync group held them.
    private var held: Set<RouterTimer> = []

    public init(config: RouterConfig, host: HostEffects, options: NodeOptions, output: any NodeOutput) {
        router = VRRPRouter(config: config, segment: Segment(interface: options.link.name, vlan: nil))
        encoder = AdvertEncoder(config: config)
        self.host = host
        self.options = options
        self.output = output
        record = OwnershipRecord(pid: getpid())
        listener = host.listener
        verdicts = options.checks.map { _ in nil }
    }

    public var isStopped: Bool { exitStatus != nil }

    // MARK: Start and stop

    /// Removes a killed run's leftovers, records ownership and starts listening (or joins at once).
    public func start() throws(HostError) {
        try cleanUpKilledRun()
        try host.ownership.save(record.text)
        for tracked in options.trackedInterfaces {
            let link = try host.addresses.link(named: tracked.name)
            trackedIndexes[link.index] = tracked
            if tracked.weight != 0 {
                weightedUp[link.index] = link.isUp
            } else if !link.isUp {
                faults.insert("tracked interface \(tracked.name) down")
            }
        }
        if !options.link.isUp { faults.insert("\(options.link.name) down") }
        let now = host.clock.now()
        if options.listens {
            let own = Set(try host.addresses.hostAddresses().map(\.address))
            let listen = ListenPhase(config: router.config, started: now, ownAddresses: own)
            phase = .listening(listen)
            note("listening on \(options.link.name) for \(seconds(listen.duration)) before joining VRID \(router.config.vrid)")
            probe()
        } else {
            listener = nil  // nothing to listen for
            join(now)
        }
    }

    private func join(_ now: Int64) {
        phase = .running
        execute(router.handle(.startup, now: now))
        if inFault {
            note("fault: \(faults.union(syncFaults).sorted().joined(separator: ", "))")
            execute(router.handle(.fault(true), now: now))
        }
        applyWeight(now)
    }

    /// SIGTERM/SIGINT: a master sends priority 0 and our addresses go.
    public func stop(status: Int32 = 0) {
        let now = host.clock.now()
        if case .running = phase { execute(router.handle(.shutdown, now: now)) }
        releaseEverything()
        host.ownership.delete()
        phase = .stopped(status)
        output.summary(state: router.state, priority: router.priority, counters: router.counters, at: wallClockNanoseconds())
    }

    /// Our addresses that are still there.
    private func releaseEverything() {
        for address in added.values { removeOurs(address) }
        added = [:]
        record.addresses = []
    }

    private func cleanUpKilledRun() throws(HostError) {
        guard let text = try host.ownership.load(),
              let previous = OwnershipRecord(text: text, interfaceIndex: options.addressLink.index) else { return }
        if previous.pid != getpid(), kill(previous.pid, 0) == 0 {
            throw HostError.stateFile(path: "pid \(previous.pid)",
                                      reason: "another vrrpdump already runs VRID \(router.config.vrid) on \(options.link.name)")
        }
        var present: [Int32: [InterfaceAddress]] = [:]
        for address in previous.addresses where present[address.interfaceIndex] == nil {
            present[address.interfaceIndex] = try host.addresses.addresses(interfaceIndex: address.interfaceIndex)
        }
        for address in previous.addresses {
            // Only an address that still carries our mark: an administrator's copy of it stays. The label
            // is known only on an interface this run still uses.
            let label = options.links.first { $0.index == address.interfaceIndex }
                .flatMap { options.addressLabels[address.address] ?? NodeOptions.addressLabel(on: $0) }
            guard let current = present[address.interfaceIndex]?.first(where: { $0.address == address.address }),
                  current.protocolTag == RouteNetlink.protocolTag || (current.label != nil && current.label == label)
            else { continue }
            do {
                try host.addresses.remove(current)
                note("removed \(current) left by a killed run (pid \(previous.pid))")
            } catch {
                note("could not remove \(current) left by pid \(previous.pid): \(error)")
            }
        }
        host.ownership.delete()
    }

    // MARK: The loop

    /// Everything of this router that is ready at `now`: adverts, checks, due timers. Signals and host
    /// events come from the `NodeHost`, which shares them between its routers.
    public func process(now: Int64) {
        hearFrames()
        while let datagram = host.transport.receive() { receive(datagram, now) }
        takeVerdicts(now)
        if case .listening(let listen) = phase { decide(listen, now) }
        fireDueTimers(now)
    }

    /// The descriptors the host polls for this router (the listen socket only while listening).
    public var descriptors: [Int32] { [host.transport.descriptor] + (listener.map { [$0.descriptor] } ?? []) }

    /// The exit status once stopped.
    public var exitStatus: Int32? { if case .stopped(let status) = phase { status } else { nil } }

    /// State and counters now (SIGUSR1).
    public func summarize() {
        output.summary(state: router.state, priority: router.priority, counters: router.counters, at: wallClockNanoseconds())
    }

    public func nextDeadline() -> Int64? {
        // A held timer waits for the others, not for the clock; once its group lets it go (or it has
        // none any more, after a reload), it is due at once.
        let waiting = syncGroup.map { !$0.allowsMaster(self) } ?? false
        var deadlines = timers.filter { !(waiting && held.contains($0.key)) }.map(\.value)
        if case .listening(let listen) = phase { deadlines.append(listen.started + listen.duration) }
        return deadlines.min()
    }

    private func fireDueTimers(_ now: Int64) {
        guard case .running = phase else { return }
        // Each due timer fires once, in deadline order; one re-armed by an earlier firing waits.
        let due = timers.filter { $0.value <= now }.sorted { $0.value < $1.value }
        for (timer, deadline) in due where timers[timer] == deadline {
            // A sync group member waits, its timer run out, until every member could go master
            // (keepalived 2.2.7's vrrp_sync_can_goto_master: backup rather than thrashing).
            if Self.masterTimers.contains(timer), router.state == .backup, let syncGroup {
                let awaited = syncGroup.awaited(by: self)
                if !awaited.isEmpty {
                    if held.insert(timer).inserted {
                        note("sync group \(syncGroup.name): waiting for \(awaited.joined(separator: ", ")) before going master")
                    }
                    continue
                }
            }
            timers[timer] = nil
            execute(router.handle(.timer(timer), now: now))
        }
    }

    private func receive(_ datagram: ReceivedDatagram, _ now: Int64) {
        guard let packet = try? datagram.decode() else { return }
        let advert = ReceivedAdvert(packet: packet, source: datagram.source, destination: datagram.destination,
                                    hopLimit: datagram.ttl ?? 0)
        if packet.vrid == router.config.vrid, lastHeard[advert.source] != packet.priority {
            lastHeard[advert.source] = packet.priority
            output.heard(advert, at: wallClockNanoseconds())
        }
        switch phase {
        case .listening(var listen):
            listen.heard(advert, sourceMAC: nil)
            phase = .listening(listen)
        case .running:
            execute(router.handle(.advert(advert), now: now))
        case .stopped:
            break
        }
    }

    /// While listening: ARP / NA answers for our addresses and the MACs adverts come from.
    private func hearFrames() {
        guard let listener, case .listening(var listen) = phase else { return }
        listener.drain { listen.heard(frame: Frame.decode($0, linkType: .ethernet)) }
        phase = .listening(listen)
    }

    private func decide(_ listen: ListenPhase, _ now: Int64) {
        switch listen.decision(now: now, force: options.force) {
        case .listen: return
        case .refuse(let reasons):
            listener = nil
            note("not joining VRID \(router.config.vrid): \(reasons.map(\.description).joined(separator: "; ")) (--force joins anyway)")
            stop(status: 1)
        case .join:
            listener = nil
            for reason in listen.reasons { note("joining although \(reason) (--force)") }
            join(now)
        }
    }

    public func hostEvent(_ event: HostEvent, _ now: Int64) {
        switch event {
        case .addressRemoved(let address):
            guard added[address.address]?.interfaceIndex == address.interfaceIndex else { return }
            added[address.address] = nil
            record.addresses.removeAll { $0.address == address.address }
            if case .running = phase { execute(router.handle(.addressRemoved(address.address), now: now)) }
        case .link(let index, let up):
            if let tracked = trackedIndexes[index], tracked.weight != 0 {
                guard weightedUp.updateValue(up, forKey: index) != up else { return }
                note("tracked interface \(tracked.name) \(up ? "up" : "down") (weight \(tracked.weight))")
                applyWeight(now)
                return
            }
            let name: String
            if index == options.link.index { name = options.link.name } else if let tracked = trackedIndexes[index] {
                name = "tracked interface \(tracked.name)"
            } else { return }
            let reason = "\(name) down"
            let changed = up ? faults.remove(reason) != nil : faults.insert(reason).inserted
            guard changed, case .running = phase else { return }
            note(up ? "\(name) up" : "fault: \(reason)")
            if !inFault || !up { execute(router.handle(.fault(inFault), now: now)) }
            if up, index == options.link.index { execute(router.handle(.linkFlapped, now: now)) }
        }
    }

    // MARK: Checks

    /// Takes the verdicts of its checks that changed since it last looked (the host polled them).
    private func takeVerdicts(_ now: Int64) {
        var changed = false
        for (index, tracked) in options.checks.enumerated() {
            guard let success = tracked.check.succeeded, success != verdicts[index] else { continue }
            verdicts[index] = success
            changed = true
            note("check '\(tracked.check.command)' \(success ? "succeeds" : "fails")")
            if tracked.weight == 0 {
                let reason = "check '\(tracked.check.command)' failing"
                if success { faults.remove(reason) } else { faults.insert(reason) }
                if case .running = phase { execute(router.handle(.fault(inFault), now: now)) }
            }
        }
        if changed { applyWeight(now) }
    }

    /// keepalived's rule: a failing check with a negative weight subtracts it, a succeeding one with a
    /// positive weight adds it; a tracked interface likewise while down or up (`TrackedInterface.weight(up:)`).
    private func applyWeight(_ now: Int64) {
        var weight = 0
        for (tracked, verdict) in zip(options.checks, verdicts) {
            if tracked.weight < 0, verdict == false { weight += tracked.weight }
            if tracked.weight > 0, verdict == true { weight += tracked.weight }
        }
        for (index, up) in weightedUp { weight += trackedIndexes[index]?.weight(up: up) ?? 0 }
        guard case .running = phase else { return }
        let wanted = RouterConfig.effectivePriority(base: router.config.priority, weight: weight)
        if wanted != router.priority { execute(router.handle(.effectivePriority(wanted), now: now)) }
    }

    // MARK: Sync group

    /// Its keepalived `vrrp_sync_group`, which may hold its way to master (`SyncGroupRuntime.allowsMaster`).
    public weak var syncGroup: SyncGroupRuntime?

    /// The timers that make a backup master.
    private static let masterTimers: Set<RouterTimer> = [.masterDown, .preemptDelay]

    /// keepalived's `wantstate` MASTER: it is master, or a backup whose way to master its sync group holds.
    public var wantsMaster: Bool {
        router.state == .master || (router.state == .backup && !held.isEmpty)
    }

    /// Another member of its sync group entered master or backup: follow it (`SyncGroupRuntime` decides).
    public func follow(_ state: RouterState, now: Int64) {
        guard case .running = phase else { return }
        execute(router.handle(.syncGroup(state), now: now))
    }

    /// Whether it is in Fault for a reason of its own (its interface, a tracked one, a check), not
    /// only because another member of its sync group is.
    public var hasOwnFault: Bool { !faults.isEmpty }

    /// Fault while `reason` (another member of its sync group in fault) holds.
    public func syncFault(_ reason: String, _ on: Bool, now: Int64) {
        let changed = on ? syncFaults.insert(reason).inserted : syncFaults.remove(reason) != nil
        guard changed, case .running = phase else { return }
        note(on ? "fault: \(reason)" : "\(reason): cleared")
        if !inFault || on { execute(router.handle(.fault(inFault), now: now)) }
    }

    /// Its sync group's members are in different states and cannot follow each other.
    public func reportSyncGroupSplit(group: String, members: [String], now: Int64) {
        output.report(shifted(TimelineEvent(ts: now, vr: router.vr, detail: .syncGroupSplit(router: router.config.sourceAddress,
                                                                                              group: group, members: members))))
    }

    // MARK: Actions

    private func execute(_ actions: [RouterAction]) {
        for action in actions {
            switch action {
            case .sendAdvert(let priority):
                for destination in encoder.destinations {
                    do { try host.transport.send(encoder.bytes(priority: priority, destination: destination), to: destination) } catch {
                        note("\(error)")
                    }
                }
            case .addAddresses(let addresses): addresses.forEach(add)
            case .removeAddresses(let addresses):
                for address in addresses {
                    if let ours = added.removeValue(forKey: address.address) { removeOurs(ours) }
                }
            case .announce(let addresses):
                // An NA's source, looked up once per interface of the burst; a GARP needs none.
                var linkLocals: [Int32: IPv6Address?] = [:]
                for address in addresses {
                    let link = options.link(for: address)
                    var source: IPv6Address?
                    if address.isIPv6 {
                        if linkLocals[link.index] == nil { linkLocals[link.index] = linkLocal(on: link) }
                        source = linkLocals[link.index] ?? nil
                    }
                    let frame = AnnouncementFrames.frame(for: address, mac: link.mac, linkLocal: source)
                    do { try host.announcer.send(frame: frame, interfaceIndex: link.index) } catch { note("\(error)") }
                }
            case .arm(let timer, let at):
                timers[timer] = at
                held.remove(timer)
            case .cancel(let timer):
                timers[timer] = nil
                held.remove(timer)
            case .notify(let state): options.notifier?.entered(state, priority: router.priority)
            case .report(let event): output.report(shifted(event))
            }
        }
    }

    /// The source of unsolicited NAs on `link`: the instance's own link-local address on its interface
    /// (and its macvlan), another interface's own one there, else none (the NA comes from the address).
    private func linkLocal(on link: LinkInfo) -> IPv6Address? {
        if link.index == options.addressLink.index {
            if case .v6(let address) = router.config.primaryAddress { return address } else { return nil }
        }
        for entry in (try? host.addresses.addresses(interfaceIndex: link.index)) ?? [] {
            if case .v6(let address) = entry.address, address.isLinkLocal { return address }
        }
        return nil
    }

    /// Recorded before it is added, so a kill between the two still cleans it up; an address that was
    /// already there is someone else's and is left alone.
    private func add(_ virtual: VirtualAddress) {
        let link = options.link(for: virtual.address)
        let address = InterfaceAddress(address: virtual.address, prefixLength: virtual.prefixLength, interfaceIndex: link.index,
                                       label: options.label(for: virtual.address), protocolTag: RouteNetlink.protocolTag)
        record.addresses.append(address)
        do {
            try host.ownership.save(record.text)
            try host.addresses.add(address)
            added[virtual.address] = address
        } catch HostError.netlink(_, EEXIST) {
            record.addresses.removeAll { $0.address == virtual.address }
            try? host.ownership.save(record.text)
            note("\(virtual) is already on \(link.name) (not ours): left as it is")
        } catch {
            record.addresses.removeAll { $0.address == virtual.address }
            try? host.ownership.save(record.text)
            note("\(error)")
        }
    }

    private func removeOurs(_ address: InterfaceAddress) {
        do { try host.addresses.remove(address) } catch HostError.netlink(_, EADDRNOTAVAIL) {} catch { note("\(error)") }
        record.addresses.removeAll { $0.address == address.address }
        try? host.ownership.save(record.text)
    }

    // MARK: Output

    /// The machine's event with its monotonic `ts` moved onto the wall clock.
    private func shifted(_ event: TimelineEvent) -> TimelineEvent {
        var copy = event
        copy.ts = wallClockNanoseconds() - (host.clock.now() - event.ts)
        return copy
    }

    func note(_ text: String) { output.note(text, at: wallClockNanoseconds()) }

    private func seconds(_ nanoseconds: Int64) -> String {
        let hundredths = (nanoseconds + 5_000_000) / 10_000_000
        return "\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100) s"
    }
}
