import Codec
import ElectionModel
import Engine
@testable import EngineHost
#if canImport(Glibc)
import Glibc
#endif

/// The OS edges in memory: what the runtime sent, added and removed, on a clock the test moves.
final class FakeClock: NodeClock, @unchecked Sendable {
    var time: Int64 = 1_000 * VRRPTimers.second
    func now() -> Int64 { time }
}

final class FakeTransport: VRRPTransport {
    let sourceAddress: IPAddress
    var sent: [(message: [UInt8], destination: IPAddress)] = []
    var inbox: [ReceivedDatagram] = []

    init(source: IPAddress) { sourceAddress = source }

    var descriptor: Int32 { -1 }
    func send(_ message: [UInt8], to destination: IPAddress) throws(HostError) { sent.append((message, destination)) }
    func receive() -> ReceivedDatagram? { inbox.isEmpty ? nil : inbox.removeFirst() }

    /// The priorities of the adverts sent, decoded by the Codec.
    var sentPriorities: [UInt8] {
        sent.compactMap { entry in
            let context = IPContext(source: sourceAddress, destination: entry.destination, isTruncated: false)
            return entry.message.withUnsafeBytes { try? VRRPPacket.decode($0, context: context) }?.priority
        }
    }
}

final class FakeAnnouncer: AnnouncementSender {
    var sent: [(frame: [UInt8], interfaceIndex: Int32)] = []
    func send(frame: [UInt8], interfaceIndex: Int32) throws(HostError) { sent.append((frame, interfaceIndex)) }

    var frames: [[UInt8]] { sent.map(\.frame) }
}

final class FakeAddresses: AddressControl {
    var table: [InterfaceAddress] = []
    var removed: [IPAddress] = []
    /// The interfaces `link(named:)` knows besides none.
    var links: [LinkInfo] = []

    func add(_ address: InterfaceAddress) throws(HostError) {
        if table.contains(where: { $0.address == address.address }) { throw .netlink(what: "add", errno: 17) }  // EEXIST
        table.append(address)
    }

    func remove(_ address: InterfaceAddress) throws(HostError) {
        guard let index = table.firstIndex(where: { $0.address == address.address }) else {
            throw .netlink(what: "remove", errno: 99)  // EADDRNOTAVAIL
        }
        table.remove(at: index)
        removed.append(address.address)
    }

    func addresses(interfaceIndex: Int32) throws(HostError) -> [InterfaceAddress] {
        table.filter { $0.interfaceIndex == interfaceIndex }
    }

    func hostAddresses() throws(HostError) -> [InterfaceAddress] { table }
    func link(named name: String) throws(HostError) -> LinkInfo {
        guard let link = links.first(where: { $0.name == name }) else { throw .noSuchInterface(name) }
        return link
    }

    var addresses: Set<IPAddress> { Set(table.map(\.address)) }
}

final class FakeMonitor: HostEventSource {
    var events: [HostEvent] = []
    var descriptor: Int32 { -1 }
    func drain() -> [HostEvent] {
        defer { events = [] }
        return events
    }
}

final class FakeListener: FrameSource {
    var frames: [[UInt8]] = []
    var descriptor: Int32 { -1 }
    func drain(_ body: (UnsafeRawBufferPointer) -> Void) {
        defer { frames = [] }
        for frame in frames { frame.withUnsafeBytes(body) }
    }
}

final class MemoryOwnership: OwnershipStore {
    var text: String?
    func load() throws(HostError) -> String? { text }
    func save(_ text: String) throws(HostError) { self.text = text }
    func delete() { text = nil }
}

final class RecordingOutput: NodeOutput {
    var events: [TimelineEvent] = []
    var notes: [String] = []
    var summaries = 0
    func report(_ event: TimelineEvent) { events.append(event) }
    func heard(_ advert: ReceivedAdvert, at wallTime: Int64) {}
    func note(_ text: String, at wallTime: Int64) { notes.append(text) }
    func summary(state: RouterState, priority: UInt8, counters: RouterCounters, at wallTime: Int64) { summaries += 1 }
}

/// One runtime on fakes: r2 (192.0.2.199, eth0 index 2) for VRID 51, VIP 192.0.2.223/24 (and `more`,
/// and the `excluded` ones, each on its interface in `addressLinks` if there).
struct FakeNode {
    static let me = IPAddress("192.0.2.199")!
    static let peer = IPAddress("192.0.2.111")!
    static let vip = VirtualAddress("192.0.2.223/24")!

    let clock = FakeClock()
    let transport = FakeTransport(source: FakeNode.me)
    let announcer = FakeAnnouncer()
    let addresses = FakeAddresses()
    let monitor = FakeMonitor()
    let listener = FakeListener()
    let ownership = MemoryOwnership()
    let output = RecordingOutput()
    let config: RouterConfig
    let runtime: NodeRuntime
    /// The loop around it, which hands it the monitor's events.
    let host: NodeHost

    init(priority: UInt8 = 99, listens: Bool = false, force: Bool = false, notifier: Notifier? = nil, checks: [TrackedCheck] = [],
         trackedInterfaces: [TrackedInterface] = [], more: [VirtualAddress] = [], excluded: [VirtualAddress] = [],
         addressLinks: [IPAddress: LinkInfo] = [:], addressLabels: [IPAddress: String] = [:], prepare: (FakeNode.Parts) -> Void = { _ in }) {
        var config = RouterConfig(vrid: 51, version: 2, priority: priority, virtualAddresses: [Self.vip] + more, primaryAddress: Self.me,
                                  authentication: .simple("1111"))
        config.excludedAddresses = excluded
        self.config = config
        prepare(Parts(addresses: addresses, ownership: ownership))
        let effects = HostEffects(transport: transport, announcer: announcer, addresses: addresses, clock: clock,
                                  ownership: ownership, listener: listener)
        let link = LinkInfo(index: 2, name: "eth0", mac: MACAddress(2, 0, 0, 0, 0, 0x22), isUp: true)
        runtime = NodeRuntime(config: config, host: effects, options: NodeOptions(link: link, trackedInterfaces: trackedInterfaces, checks: checks,
                                                                                  force: force, listens: listens, notifier: notifier,
                                                                                  addressLinks: addressLinks, addressLabels: addressLabels),
                              output: output)
        host = NodeHost(runtimes: [runtime], monitor: monitor, signals: nil, clock: clock)
    }

    struct Parts {
        let addresses: FakeAddresses
        let ownership: MemoryOwnership
    }

    /// Moves the clock by `seconds` in steps of 10 ms, letting the runtime act at each.
    func advance(_ seconds: Double) {
        let end = clock.time + Int64(seconds * 1e9)
        while clock.time < end {
            clock.time = min(end, clock.time + 10 * VRRPTimers.millisecond)
            host.process(now: clock.time)
        }
    }

    /// A valid advert from `source` as the socket would deliver it.
    func advert(from source: IPAddress = FakeNode.peer, priority: UInt8, addresses: [IPAddress] = [FakeNode.vip.address],
                password: String = "1111", ttl: UInt8 = 255) -> ReceivedDatagram {
        var packet = VRRPPacket(version: 2, vrid: 51, priority: priority, authType: 1, interval: 1, addresses: addresses,
                                authData: RouterConfig.Authentication.simple(password).data)
        let destination = IPAddress.v4(.vrrpMulticast)
        packet.checksum = packet.computedChecksum(form: .plain, source: source, destination: destination)
        var writer = ByteWriter()
        packet.encode(into: &writer)
        return ReceivedDatagram(message: writer.bytes, source: source, destination: destination, ttl: ttl)
    }
}

/// The notify scripts the runtime started, in order.
final class RecordingLauncher: ScriptLauncher {
    var launched: [(program: CheckProgram, extra: [String])] = []
    func launch(_ program: CheckProgram, extra: [String], user: ScriptUser?) { launched.append((program, extra)) }
}

/// Check runs on a fake: each run gives `result` when polled (nil: still running).
final class FakeCheckProcesses: CheckProcesses {
    var result: Bool? = true
    private(set) var started = 0
    private(set) var killed = 0

    func start(_ program: CheckProgram, user: ScriptUser?) -> pid_t? {
        started += 1
        return pid_t(started)
    }

    func result(of run: pid_t) -> Bool? { result }
    func kill(_ run: pid_t) { killed += 1 }
}

/// Two runtimes on fakes in one `NodeHost` (the first's monitor and clock), optionally one sync group
/// "G" of VI_1 and VI_2; their clocks move together.
struct FakePair {
    let first: FakeNode, second: FakeNode
    let host: NodeHost

    init(firstPriority: UInt8 = 150, secondPriority: UInt8 = 150, syncGroup: Bool = false, groupNotifier: Notifier? = nil,
         checks: (first: [TrackedCheck], second: [TrackedCheck]) = ([], [])) throws {
        first = FakeNode(priority: firstPriority, checks: checks.first)
        second = FakeNode(priority: secondPriority, checks: checks.second)
        host = NodeHost(runtimes: [first.runtime, second.runtime], monitor: first.monitor, signals: nil, clock: first.clock)
        if syncGroup {
            host.syncGroups = [SyncGroupRuntime(name: "G", members: [("VI_1", first.runtime), ("VI_2", second.runtime)],
                                                notifier: groupNotifier)]
        }
        try host.start()
    }

    func advance(_ seconds: Double) {
        let end = first.clock.time + Int64(seconds * 1e9)
        while first.clock.time < end {
            first.clock.time += 10 * VRRPTimers.millisecond
            second.clock.time = first.clock.time
            host.process(now: first.clock.time)
        }
    }

    var states: [RouterState] { [first.runtime.router.state, second.runtime.router.state] }
}
