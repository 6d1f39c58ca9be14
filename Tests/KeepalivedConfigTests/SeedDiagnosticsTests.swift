import XCTest
@testable import KeepalivedConfig

/// Every typo line of the seed's three files is reported at its line, with the fix and its consequence;
/// the effective instances are what keepalived 2.2.7 runs (checked against keepalived itself in
/// vrrpdumpTests.KeepalivedComparisonTests).
final class SeedDiagnosticsTests: XCTestCase {
    func testMasterConf() throws {
        let (config, diagnostics) = try SeedFiles.read("master.conf")
        XCTAssertEqual(diagnostics.lines, [15, 23, 43])
        XCTAssertFalse(diagnostics.contains { $0.severity == .error })
        XCTAssertEqual(diagnostics.at(23)?.fix, "router_id LVS_DEVEL")
        XCTAssertEqual(diagnostics.at(23)?.location?.column, 4)
        XCTAssertEqual(diagnostics.at(43)?.fix, "auth_type PASS")
        XCTAssertEqual(diagnostics.at(43)?.consequence, "VI_1 advertises with no authentication (auth_pass alone does not enable it)")
        XCTAssertNil(config.global.routerID)
        let vi = try XCTUnwrap(config.instances.first)
        XCTAssertEqual(vi.state, .master)
        XCTAssertEqual(vi.vrid, 51)  // "51#和slave一样": the comment starts at '#'
        XCTAssertEqual(vi.priority, 100)
        XCTAssertEqual(vi.advertIntervalCentiseconds, 100)
        XCTAssertEqual(vi.authentication, .none)
        XCTAssertEqual(vi.virtualAddresses.map(\.text), ["192.168.1.223"])
    }

    func testSlaveConf() throws {
        let (config, diagnostics) = try SeedFiles.read("slave.conf")
        XCTAssertEqual(diagnostics.lines, [19, 27, 39, 41])
        XCTAssertEqual(diagnostics.at(27)?.message, "(VI_1) unknown state 'SLAVE', defaulting to BACKUP")
        XCTAssertEqual(diagnostics.at(27)?.fix, "state BACKUP")
        XCTAssertEqual(diagnostics.at(39)?.fix, "auth_type PASS")
        XCTAssertEqual(diagnostics.at(41)?.fix, "auth_pass 1111")
        let vi = try XCTUnwrap(config.instances.first)
        XCTAssertEqual(vi.state, .backup)
        XCTAssertEqual(vi.priority, 99)
        XCTAssertEqual(vi.authentication, .none)
    }

    func testPortCheckConf() throws {
        let (config, diagnostics) = try SeedFiles.read("master-with-port-checks.conf")
        XCTAssertEqual(diagnostics.lines, [29, 35, 41, 47, 77, 79])
        XCTAssertEqual(diagnostics.at(29)?.fix, "script \"</dev/tcp/127.0.0.1/80\"")
        XCTAssertEqual(diagnostics.at(41)?.fix, "script \"</dev/tcp/127.0.0.1/3306\"")
        XCTAssertEqual(diagnostics.at(35)?.message, "No script set for vrrp_script chk_http_port - removing")
        XCTAssertEqual(diagnostics.at(47)?.message, "No script set for vrrp_script chk_mysql_port - removing")
        XCTAssertEqual(diagnostics.at(77)?.message, "(VI_1) track script chk_http_port not found, ignoring...")
        XCTAssertTrue(diagnostics.at(79)?.consequence?.contains("can never change VI_1's priority") ?? false)
        XCTAssertEqual(config.global.routerID, "LVS_DEVEL")
        XCTAssertTrue(config.scripts.isEmpty)
        let vi = try XCTUnwrap(config.instances.first)
        XCTAssertEqual(vi.authentication, .password("aaa"))
        XCTAssertEqual(vi.virtualAddresses.map(\.text), ["192.168.1.229"])
        XCTAssertTrue(vi.trackScripts.isEmpty)
    }

    /// The seed's intended checks, spelled right: they run, but through dash, where /dev/tcp does not exist.
    func testFixedPortCheckGoesThroughDash() throws {
        let fixed = try SeedFiles.text("master-with-port-checks.conf").replacingOccurrences(of: "script\"", with: "script \"")
        let (config, diagnostics) = ConfigReader.read("fixed.conf", files: InMemoryFiles(["fixed.conf": fixed]))
        XCTAssertEqual(config.scripts.map(\.name), ["chk_http_port", "chk_mysql_port"])
        XCTAssertEqual(config.scripts.first?.command, ["</dev/tcp/127.0.0.1/80"])
        XCTAssertEqual(config.instances.first?.trackScripts, [TrackEntry(name: "chk_http_port", weight: -2), TrackEntry(name: "chk_mysql_port", weight: -2)])
        XCTAssertEqual(diagnostics.lines, [35, 47])
        XCTAssertTrue(diagnostics.at(35)?.consequence?.contains("dash") ?? false)
    }
}
