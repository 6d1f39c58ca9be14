import XCTest
@testable import KeepalivedConfig

final class PairCheckTests: XCTestCase {
    private func routers(_ names: String...) throws -> PairCheck {
        try PairCheck(names.map { PairCheck.Router(file: $0, configuration: try SeedFiles.read($0).0) })
    }

    func testSeedPairMaster100Backup99() throws {
        let check = try routers("master.conf", "slave.conf")
        XCTAssertTrue(check.diagnostics.isEmpty, "\(check.diagnostics)")
        XCTAssertEqual(check.verdicts.first, "VRID 51: master master.conf VI_1 priority 100; backup slave.conf VI_1 priority 99")
    }

    func testPortCheckVariantWithSlaveIsSplitBrain() throws {
        let check = try routers("master-with-port-checks.conf", "slave.conf")
        XCTAssertEqual(check.diagnostics.filter { $0.severity == .error }.count, 2)
        XCTAssertTrue(check.diagnostics.contains { $0.message.contains("authentication differs") })
        XCTAssertTrue(check.diagnostics.contains { $0.message.contains("virtual addresses differ") })
        XCTAssertTrue(check.verdicts.first?.hasPrefix("VRID 51: split brain") ?? false)
    }

    func testWhetherAWeightMovesTheMaster() throws {
        let a = """
            vrrp_script chk { 
              script "/bin/true"
              weight -2
            }
            vrrp_instance VI_1 {
              interface eth0
              virtual_router_id 9
              priority 100
              track_script {
                chk
              }
            }
            """
        let b = a.replacingOccurrences(of: "priority 100", with: "priority 99")
        let c = a.replacingOccurrences(of: "priority 100", with: "priority 97")
        func read(_ text: String) -> KeepalivedConfiguration { ConfigReader.read("x", files: InMemoryFiles(["x": text])).0 }
        let moves = PairCheck([.init(file: "a", configuration: read(a)), .init(file: "b", configuration: read(b))])
        XCTAssertTrue(moves.verdicts.contains { $0.contains("a VI_1 check chk (weight -2): failing drops the master to 98 < 99: moves the master") })
        let stays = PairCheck([.init(file: "a", configuration: read(a)), .init(file: "c", configuration: read(c))])
        XCTAssertTrue(stays.verdicts.contains { $0.contains("failing drops the master to 98, not below 97: does not move the master") })
    }
}
