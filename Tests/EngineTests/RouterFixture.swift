import Codec
import ElectionModel
@testable import Engine

/// Routers and adverts for the machine's tests: we are 192.0.2.10, VRID 51, virtual 192.0.2.100.
enum Fixture {
    static let me = IPAddress("192.0.2.10")!
    static let lowerAddress = IPAddress("192.0.2.5")!
    static let higherAddress = IPAddress("192.0.2.20")!
    static let vip = VirtualAddress("192.0.2.100/24")!
    static let second = VRRPTimers.second

    static func config(version: UInt8 = 3, priority: UInt8 = 100, preempt: Bool = true) -> RouterConfig {
        RouterConfig(vrid: 51, version: version, priority: priority, advertInterval: 100, virtualAddresses: [vip],
                     primaryAddress: me, preempt: preempt)
    }

    /// A router brought into `state` the RFC way; returns it and the time it got there.
    static func router(_ config: RouterConfig, in state: RouterState) -> (VRRPRouter, Int64) {
        var router = VRRPRouter(config: config)
        switch state {
        case .initialize:
            return (router, 0)
        case .backup:
            _ = router.handle(.startup, now: 0)
            return (router, 0)
        case .master:
            _ = router.handle(.startup, now: 0)
            let due = router.deadline(.masterDown) ?? 0
            _ = router.handle(.timer(.masterDown), now: due)
            return (router, due)
        case .fault:
            _ = router.handle(.startup, now: 0)
            _ = router.handle(.fault(true), now: 0)
            return (router, 0)
        }
    }

    /// A well-formed advert as the Codec would have decoded it, as a machine input.
    static func advert(from source: IPAddress, priority: UInt8, version: UInt8 = 3, interval: Int = 100,
                       vrid: UInt8 = 51, hopLimit: UInt8 = 255, checksum: ChecksumCheck = .valid(.pseudoHeader),
                       password: String? = nil, addresses: [IPAddress] = [vip.address]) -> RouterInput {
        .advert(received(from: source, priority: priority, version: version, interval: interval, vrid: vrid, hopLimit: hopLimit,
                         checksum: checksum, password: password, addresses: addresses))
    }

    static func received(from source: IPAddress, priority: UInt8, version: UInt8 = 3, interval: Int = 100,
                         vrid: UInt8 = 51, hopLimit: UInt8 = 255, checksum: ChecksumCheck = .valid(.pseudoHeader),
                         password: String? = nil, addresses: [IPAddress] = [vip.address]) -> ReceivedAdvert {
        let auth = password.map { RouterConfig.Authentication.simple($0) } ?? RouterConfig.Authentication.none
        let packet = VRRPPacket(version: version, vrid: vrid, priority: priority, authType: version == 2 ? auth.type : 0,
                                interval: UInt16(version == 2 ? interval / 100 : interval), addresses: addresses,
                                authData: version == 2 ? auth.data : nil,
                                checksumCheck: version == 2 && checksum == .valid(.pseudoHeader) ? .valid(.plain) : checksum)
        return ReceivedAdvert(packet: packet, source: source, destination: .v4(.vrrpMulticast), hopLimit: hopLimit)
    }
}

extension [RouterAction] {
    var sent: [UInt8] { compactMap { if case .sendAdvert(let priority) = $0 { priority } else { nil } } }
    var reports: [TimelineEvent] { compactMap { if case .report(let event) = $0 { event } else { nil } } }
    func armed(_ timer: RouterTimer) -> Int64? {
        for case .arm(let armed, let at) in self where armed == timer { return at }
        return nil
    }
    func cancels(_ timer: RouterTimer) -> Bool { contains(.cancel(timer)) }
    var addsAddresses: Bool { contains { if case .addAddresses = $0 { true } else { false } } }
    var removesAddresses: Bool { contains { if case .removeAddresses = $0 { true } else { false } } }
    var announces: Int { filter { if case .announce = $0 { true } else { false } }.count }
}
