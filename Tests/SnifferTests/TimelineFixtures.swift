import Codec
import ElectionModel
@testable import Sniffer

/// Frames for the election analyser's tests, built from the Codec's value types.
enum TimelineFrames {
    static let epoch: Int64 = 1_700_000_000 * 1_000_000_000
    static let vip = IPv4Address(192, 0, 2, 223)

    static func ns(_ seconds: Double) -> Int64 { epoch + Int64((seconds * 1e9).rounded()) }

    static func mac(_ last: UInt8) -> MACAddress { MACAddress(0x02, 0, 0, 0, 0, last) }

    /// The router with address 192.0.2.`host` and MAC 02:00:00:00:00:`host`.
    static func ip(_ host: UInt8) -> IPv4Address { IPv4Address(192, 0, 2, host) }

    static func password(_ text: String) -> UInt64 {
        let bytes = Array(text.utf8.prefix(8)) + Array(repeating: 0, count: 8 - min(8, text.utf8.count))
        return bytes.reduce(0) { $0 << 8 | UInt64($1) }
    }

    static func advert(host: UInt8, priority: UInt8, vrid: UInt8 = 51, version: UInt8 = 2, interval: UInt16 = 1,
                       addresses: [IPv4Address] = [vip], auth: String? = "1111",
                       checksum: ChecksumCheck = .valid(.plain), vlan: UInt16? = nil) -> Frame {
        var packet = VRRPPacket(version: version, vrid: vrid, priority: priority,
                                authType: version == 2 && auth != nil ? 1 : 0, interval: interval,
                                addresses: addresses.map { .v4($0) }, authData: auth.map(password))
        packet.checksumCheck = checksum
        let header = IPv4Header(totalLength: UInt16(20 + packet.encodedLength), protocolNumber: IPProtocol.vrrp,
                                source: ip(host), destination: .vrrpMulticast)
        let ethernet = EthernetHeader(destination: MACAddress(0x01, 0x00, 0x5E, 0, 0, 0x12), source: mac(host),
                                      tags: vlan.map { [VLANTag(vid: $0)] } ?? [], etherType: EtherType.ipv4)
        return Frame(link: .ethernet(ethernet), network: .ipv4(header, .vrrp(packet)))
    }

    static func advertIPv6(host: UInt8, priority: UInt8, addresses: [IPv6Address]) -> Frame {
        let packet = VRRPPacket(version: 3, vrid: 51, priority: priority, interval: 100,
                                addresses: addresses.map { .v6($0) }, checksumCheck: .valid(.pseudoHeader))
        let header = IPv6Header(payloadLength: UInt16(packet.encodedLength), nextHeader: IPProtocol.vrrp,
                                source: linkLocal(host), destination: .vrrpMulticast)
        let ethernet = EthernetHeader(destination: MACAddress(0x33, 0x33, 0, 0, 0, 0x12), source: mac(host),
                                      etherType: EtherType.ipv6)
        return Frame(link: .ethernet(ethernet), network: .ipv6(header, .vrrp(packet)))
    }

    static func linkLocal(_ host: UInt8) -> IPv6Address { IPv6Address(high: 0xFE80_0000_0000_0000, low: UInt64(host)) }

    /// keepalived's style: a request with sender IP = target IP and a zero target MAC.
    static func garp(host: UInt8, address: IPv4Address = vip, vlan: UInt16? = nil) -> Frame {
        garp(mac: mac(host), address: address, vlan: vlan)
    }

    static func garp(mac: MACAddress, address: IPv4Address = vip, vlan: UInt16? = nil) -> Frame {
        let arp = ARPPacket(operation: ARPPacket.request, senderMAC: mac, senderIP: address, targetMAC: .zero,
                            targetIP: address)
        let ethernet = EthernetHeader(destination: .broadcast, source: mac, tags: vlan.map { [VLANTag(vid: $0)] } ?? [],
                                      etherType: EtherType.arp)
        return Frame(link: .ethernet(ethernet), network: .arp(arp))
    }

    static func unsolicitedNA(host: UInt8, target: IPv6Address) -> Frame {
        let advert = NeighborAdvertisement(router: true, solicited: false, override: true, target: target,
                                           options: [.targetLinkLayer(mac(host))], checksumValid: true)
        let header = IPv6Header(payloadLength: 32, nextHeader: IPProtocol.icmpv6, source: linkLocal(host),
                                destination: .allNodes)
        let ethernet = EthernetHeader(destination: MACAddress(0x33, 0x33, 0, 0, 0, 1), source: mac(host),
                                      etherType: EtherType.ipv6)
        return Frame(link: .ethernet(ethernet), network: .ipv6(header, .neighborAdvertisement(advert)))
    }
}

/// A timed script of frames fed to one analyser in time order, like a capture would.
struct TimelineScript {
    private var steps: [(time: Double, order: Int, step: Step)] = []

    enum Step {
        case frame(Frame, interface: String?)
        /// A live capture's timer.
        case advance
        case drops(UInt64)
    }

    mutating func add(_ frame: Frame, at time: Double, interface: String? = nil) {
        steps.append((time, steps.count, .frame(frame, interface: interface)))
    }

    /// Adverts every `every` seconds from `start` through `end` (inclusive, within rounding).
    mutating func adverts(host: UInt8, priority: UInt8, from start: Double, through end: Double, every: Double = 1,
                          frame: (UInt8, UInt8) -> Frame = { TimelineFrames.advert(host: $0, priority: $1) }) {
        var time = start
        while time <= end + 1e-9 {
            add(frame(host, priority), at: time)
            time += every
        }
    }

    /// A keepalived-style burst: `count` gratuitous ARPs 10 µs apart.
    mutating func garpBurst(host: UInt8, at time: Double, count: Int = 5) {
        for index in 0..<count { add(TimelineFrames.garp(host: host), at: time + Double(index) * 0.00001) }
    }

    /// Timer ticks every `every` seconds, as a live capture makes them.
    mutating func ticks(from start: Double, through end: Double, every: Double = 0.25) {
        var time = start
        while time <= end {
            steps.append((time, steps.count, .advance))
            time += every
        }
    }

    mutating func drops(_ count: UInt64, at time: Double) {
        steps.append((time, steps.count, .drops(count)))
    }

    /// Feeds the steps in time order (in insertion order when `sorted` is false) and finishes. With
    /// `timeOrdered`, events go through an `EventOrder` as a file replay prints them.
    func run(sorted: Bool = true, timeOrdered: Bool = false) -> TimelineRun {
        var analyzer = ElectionAnalyzer()
        var events: [TimelineEvent] = []
        var order = EventOrder()
        var released: [TimelineEvent] = []
        let ordered = sorted ? steps.sorted { ($0.time, $0.order) < ($1.time, $1.order) } : steps
        for (time, _, step) in ordered {
            switch step {
            case .frame(let frame, let interface):
                events += analyzer.observe(frame, at: TimelineFrames.ns(time), interface: interface)
            case .advance:
                events += analyzer.advance(to: TimelineFrames.ns(time))
            case .drops(let count):
                events += analyzer.noteDrops(count, at: TimelineFrames.ns(time))
            }
            if timeOrdered {
                order.add(events)
                events = []
                released += order.release(before: analyzer.undecidedSince)
            }
        }
        events += analyzer.finish()
        if timeOrdered {
            order.add(events)
            events = released + order.release(before: nil)
        }
        return TimelineRun(events: events, summaries: analyzer.summaries())
    }
}

struct TimelineRun {
    var events: [TimelineEvent]
    var summaries: [VirtualRouterSummary]
    /// The packets counted, when replayed from a file.
    var tally = PacketTally()

    func of(_ kind: TimelineEvent.Kind) -> [TimelineEvent] { events.filter { $0.kind == kind } }

    var masters: [MasterChange] {
        events.compactMap { if case .master(let change) = $0.detail { change } else { nil } }
    }
}

extension IPAddress {
    static func host(_ last: UInt8) -> IPAddress { .v4(TimelineFrames.ip(last)) }
}
