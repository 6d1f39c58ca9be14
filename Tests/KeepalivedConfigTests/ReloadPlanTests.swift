import XCTest
@testable import KeepalivedConfig

/// SIGHUP's decision per instance: kept, restarted, stopped, started.
final class ReloadPlanTests: XCTestCase {
    private func read(_ text: String) -> KeepalivedConfiguration {
        ConfigReader.read("k.conf", files: InMemoryFiles(["k.conf": text])).0
    }

    private func instance(_ name: String, vrid: Int, priority: Int = 100, extra: String = "") -> String {
        """
        vrrp_instance \(name) {
          interface eth0
          virtual_router_id \(vrid)
          priority \(priority)
          virtual_ipaddress { 192.0.2.\(vrid)/24 }
        \(extra)
        }

        """
    }

    private let script = """
        vrrp_script chk {
          script "/bin/true"
          weight -2
        }

        """

    func testUnchangedInstancesAreKeptWhereverTheyStand() {
        let old = read(script + instance("VI_1", vrid: 51, extra: "track_script { chk }") + instance("VI_2", vrid: 52))
        let new = read("! moved\n\n" + instance("VI_2", vrid: 52) + script + instance("VI_1", vrid: 51, extra: "track_script { chk }"))
        XCTAssertEqual(ReloadPlan(from: old, running: ["VI_1", "VI_2"], to: new, wanted: nil), ReloadPlan(kept: ["VI_1", "VI_2"]))
    }

    func testChangedRemovedAndAddedInstances() {
        let old = read(instance("VI_1", vrid: 51) + instance("VI_2", vrid: 52) + instance("VI_3", vrid: 53))
        let new = read(instance("VI_1", vrid: 51, priority: 90) + instance("VI_3", vrid: 53) + instance("VI_4", vrid: 54))
        XCTAssertEqual(ReloadPlan(from: old, running: ["VI_1", "VI_2", "VI_3"], to: new, wanted: nil),
                       ReloadPlan(kept: ["VI_3"], restarted: ["VI_1"], stopped: ["VI_2"], started: ["VI_4"]))
    }

    /// A tracked script's change, or global_defs', restarts the instance; an untracked script's does not.
    func testWhatTheInstanceDependsOnCounts() {
        let old = read(script + instance("VI_1", vrid: 51, extra: "track_script { chk }") + instance("VI_2", vrid: 52))
        let newScript = script.replacingOccurrences(of: "weight -2", with: "weight -20")
        XCTAssertEqual(ReloadPlan(from: old, running: ["VI_1", "VI_2"],
                                  to: read(newScript + instance("VI_1", vrid: 51, extra: "track_script { chk }") + instance("VI_2", vrid: 52)),
                                  wanted: nil),
                       ReloadPlan(kept: ["VI_2"], restarted: ["VI_1"]))
        let global = "global_defs {\n  vrrp_garp_master_delay 1\n}\n"
        XCTAssertEqual(ReloadPlan(from: old, running: ["VI_1", "VI_2"],
                                  to: read(global + script + instance("VI_1", vrid: 51, extra: "track_script { chk }") + instance("VI_2", vrid: 52)),
                                  wanted: nil),
                       ReloadPlan(restarted: ["VI_1", "VI_2"]))
    }

    /// With --instance only the named one runs, before and after.
    func testOnlyTheNamedInstance() {
        let old = read(instance("VI_1", vrid: 51) + instance("VI_2", vrid: 52))
        let new = read(instance("VI_1", vrid: 51) + instance("VI_2", vrid: 52, priority: 50))
        XCTAssertEqual(ReloadPlan(from: old, running: ["VI_1"], to: new, wanted: "VI_1"), ReloadPlan(kept: ["VI_1"]))
    }
}
