import XCTest
@testable import KeepalivedConfig

final class ParticipationCheckTests: XCTestCase {
    private func problems(_ text: String) -> [String] {
        let (configuration, _) = ConfigReader.read("k.conf", files: InMemoryFiles(["k.conf": text]))
        return configuration.instances.flatMap { ParticipationCheck.problems($0) }.map(\.description)
    }

    /// The seed's files run as they are: their dropped scripts leave no track entry to refuse.
    func testSeedFilesHaveNothingRefused() throws {
        for name in ["master.conf", "slave.conf", "master-with-port-checks.conf"] {
            let (configuration, _) = try SeedFiles.read(name)
            XCTAssertEqual(configuration.instances.flatMap { ParticipationCheck.problems($0) }, [], name)
        }
    }

    func testWhatTheRuntimeCannotHonourIsRefusedAtTheInstance() {
        let found = problems("""
            vrrp_instance VI_1 {
              interface eth0
              virtual_router_id 51
              virtual_ipaddress {
                192.0.2.223/24
                192.0.2.224/24 dev eth1
              }
              virtual_ipaddress_excluded { 192.0.2.225/24 }
              track_interface { eth2 weight -10 }
            }
            """)
        XCTAssertEqual(found.count, 1, "\(found)")
        XCTAssertTrue(found.allSatisfy { $0.hasPrefix("k.conf:1:1: error: (VI_1) ") && $0.contains("dev eth1") }, "\(found)")
    }

    /// A tracked interface with a weight and a sync group's own notify scripts run as keepalived runs
    /// them: nothing to refuse.
    func testTrackInterfaceWithAnyWeightVIPOnItsOwnInterfaceAndGroupNotifyRun() {
        XCTAssertEqual(problems("""
            vrrp_instance VI_1 {
              interface eth0
              virtual_router_id 51
              virtual_ipaddress { 192.0.2.223/24 dev eth0 }
              track_interface {
                eth2
                eth3 weight -10
                eth4 weight 5
              }
            }
            vrrp_sync_group G {
              group { VI_1 }
              notify_master /bin/true
              notify_stop /bin/true
              notify /bin/true
            }
            """), [])
    }
}
