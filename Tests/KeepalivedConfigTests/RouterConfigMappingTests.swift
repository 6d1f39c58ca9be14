import Codec
import Engine
import XCTest
@testable import KeepalivedConfig

final class RouterConfigMappingTests: XCTestCase {
    private let source = IPAddress("192.0.2.199")!

    func testSlaveConfAsTheEngineRunsIt() throws {
        let (config, _) = try SeedFiles.read("slave.conf")
        let router = try XCTUnwrap(config.instances.first).routerConfig(primaryAddress: source, global: config.global)
        XCTAssertEqual(router.vrid, 51)
        XCTAssertEqual(router.version, 2)
        XCTAssertEqual(router.family, .ipv4)
        XCTAssertEqual(router.priority, 99)
        XCTAssertEqual(router.advertInterval, 100)
        XCTAssertEqual(router.virtualAddresses, [VirtualAddress("192.168.1.223/32")!])
        XCTAssertEqual(router.authentication, .none)  // auth_typePASS: keepalived sends no authentication
        XCTAssertTrue(router.preempt)
        XCTAssertTrue(router.acceptMode)
        XCTAssertEqual(router.announcements, RouterConfig.Announcements(garpDelay: 5_000_000_000, garpRepeat: 5, garpRefresh: nil))
        XCTAssertEqual(router.primaryAddress, source)
    }

    func testPortCheckVariantKeepsItsPassword() throws {
        let (config, _) = try SeedFiles.read("master-with-port-checks.conf")
        let router = try XCTUnwrap(config.instances.first).routerConfig(primaryAddress: source, global: config.global)
        XCTAssertEqual(router.authentication, .simple("aaa"))
        XCTAssertEqual(router.priority, 100)
    }

    private func instance(_ body: String, global: String = "") throws -> (VRRPInstance, GlobalDefinitions) {
        let text = global + "vrrp_instance V {\n interface eth0\n virtual_router_id 7\n virtual_ipaddress {\n  192.0.2.50/24\n }\n" + body + "}\n"
        let (config, _) = ConfigReader.read("k", files: InMemoryFiles(["k": text]))
        return (try XCTUnwrap(config.instances.first), config.global)
    }

    func testTimersUnicastAndFlags() throws {
        let (i, g) = try instance(" version 3\n advert_int 0.5\n nopreempt\n preempt_delay 2.5\n no_accept\n unicast_src_ip 192.0.2.9\n unicast_peer {\n  192.0.2.10\n }\n garp_master_delay 1\n garp_master_repeat 2\n garp_master_refresh 30\n use_vmac\n lower_prio_no_advert\n")
        let router = try i.routerConfig(primaryAddress: source, global: g)
        XCTAssertEqual(router.version, 3)
        XCTAssertEqual(router.advertInterval, 50)
        XCTAssertFalse(router.preempt)
        XCTAssertEqual(router.preemptDelay, 2_500_000_000)
        XCTAssertFalse(router.acceptMode)
        XCTAssertEqual(router.unicastSource, IPAddress("192.0.2.9"))
        XCTAssertEqual(router.unicastPeers, [IPAddress("192.0.2.10")!])
        XCTAssertEqual(router.virtualAddresses.first?.prefixLength, 24)
        XCTAssertEqual(router.announcements, RouterConfig.Announcements(garpDelay: 1_000_000_000, garpRepeat: 2, garpRefresh: 30_000_000_000))
        XCTAssertTrue(router.useVirtualMAC)
        XCTAssertFalse(router.lowerPriorityAnswer)
    }

    func testWhatTheEngineCannotSendIsRefused() throws {
        let (half, g) = try instance(" advert_int 0.5\n")
        XCTAssertThrowsError(try half.routerConfig(primaryAddress: source, global: g)) { error in
            XCTAssertEqual(error as? RouterConfigMappingError, .invalid(instance: "V", .interval(50, version: 2)))
        }
    }
}
