import Codec
import XCTest
@testable import KeepalivedConfig

/// keepalived 2.2.7's degradations, each observed with `keepalived -t` / `-d` (the comparison tests in
/// vrrpdumpTests rerun them against keepalived).
final class ReaderTests: XCTestCase {
    private func read(_ text: String) -> (KeepalivedConfiguration, [Diagnostic]) {
        ConfigReader.read("k.conf", files: InMemoryFiles(["k.conf": text]))
    }

    private let base = """
        vrrp_instance VI_1 {
          interface eth0
          virtual_router_id 51
          priority 100
          virtual_ipaddress {
            192.0.2.223/24 dev eth1
          }
        }
        """

    func testUnknownBlockKeywordClosesTheEnclosingBlockAtItsBrace() {
        let (config, diagnostics) = read(base.replacingOccurrences(of: "  priority 100\n", with: "  foo_bar {\n    x\n  }\n  priority 90\n"))
        // Exactly keepalived 2.2.7's `-t` output for this file (lines 4 to 11), then its end-of-instance check.
        XCTAssertEqual(diagnostics.map { "\($0.location?.line ?? 0) \($0.message)" }, [
            "1 (VI_1) No VIP specified; at least one is sensible",
            "4 Unknown keyword 'foo_bar'", "4 Unexpected '{' - ignoring", "5 Unknown keyword 'x'",
            "7 Unknown keyword 'priority'", "8 Unknown keyword 'virtual_ipaddress'", "8 Unexpected '{' - ignoring",
            "9 Unknown keyword '192.0.2.223/24'", "10 Unknown keyword '}'", "11 Unknown keyword '}'",
        ])
        XCTAssertEqual(config.instances.first?.priority, 100)
        XCTAssertTrue(config.instances.first?.virtualAddresses.isEmpty ?? false)
    }

    func testInvalidPriorityFallsBackTo100() {
        let (config, diagnostics) = read(base.replacingOccurrences(of: "priority 100", with: "priority 0"))
        XCTAssertEqual(config.instances.first?.priority, 100)
        XCTAssertEqual(diagnostics.map(\.message), ["number '0' outside range [1, 255]",
                                                    "(VI_1) Priority not valid! must be between 1 & 255. Using default 100"])
    }

    /// keepalived 2.2.7 gives a MASTER without `priority` 255 (seen in its `-d` dump), a BACKUP 100.
    func testMasterWithoutPriorityGets255() {
        let master = read(base.replacingOccurrences(of: "  priority 100\n", with: "  state MASTER\n")).0
        XCTAssertEqual(master.instances.first?.priority, 255)
        let backup = read(base.replacingOccurrences(of: "  priority 100\n", with: "")).0
        XCTAssertEqual(backup.instances.first?.priority, 100)
    }

    func testLongPasswordIsTruncatedToEightBytes() {
        let (config, diagnostics) = read(base.replacingOccurrences(of: "  priority 100\n", with: "  authentication {\n    auth_type PASS\n    auth_pass 123456789\n  }\n"))
        XCTAssertEqual(config.instances.first?.authentication, .password("12345678"))
        XCTAssertEqual(diagnostics.map(\.message), ["Truncating auth_pass to 8 characters"])
    }

    func testRefusedKeywordsNameTheirLine() {
        let (_, diagnostics) = read("global_defs {\n  vrrp_strict\n}\n" + base.replacingOccurrences(of: "  priority 100\n", with: "  track_bfd {\n    b1\n  }\n  authentication {\n    auth_type AH\n  }\n"))
        XCTAssertEqual(diagnostics.filter { $0.severity == .error }.map { $0.location?.line }, [2, 7, 11])
    }

    /// Both found unknown in global_defs by `keepalived -t`: one arrived in 2.2.8, the other is per instance.
    func testOldUnicastChecksumIsAnInstanceKeywordIn227() {
        let (_, diagnostics) = read("global_defs {\n  old_unicast_checksum\n}\n" + base.replacingOccurrences(of: "  priority 100\n", with: "  old_unicast_checksum\n"))
        XCTAssertEqual(diagnostics.map(\.severity), [.warning, .error])
        XCTAssertEqual(diagnostics.first?.message, "Unknown keyword 'old_unicast_checksum'")
    }

    func testV3ChecksumAsV2IsUnknownIn227() {
        let (_, diagnostics) = read("global_defs {\n  v3_checksum_as_v2\n}\n")
        XCTAssertEqual(diagnostics.first?.message, "Unknown keyword 'v3_checksum_as_v2'")
        XCTAssertTrue(diagnostics.first?.consequence?.contains("2.2.8") ?? false)
    }

    func testTrackWeightsAndGluedScriptKeywords() {
        let text = """
            vrrp_script chk_a {
              script "/bin/true"
              weight -20
              interval1
            }
            """ + "\n" + base.replacingOccurrences(of: "  priority 100\n", with: "  track_script {\n    chk_a weight 5\n    chk_missing\n  }\n  track_interface {\n    eth1 weight -3\n  }\n")
        let (config, diagnostics) = read(text)
        XCTAssertEqual(config.instances.first?.trackScripts, [TrackEntry(name: "chk_a", weight: 5)])
        XCTAssertEqual(config.instances.first?.trackInterfaces, [TrackEntry(name: "eth1", weight: -3)])
        XCTAssertEqual(diagnostics.at(4)?.fix, "interval 1")
        XCTAssertEqual(diagnostics.at(11)?.message, "(VI_1) track script chk_missing not found, ignoring...")
        XCTAssertEqual(config.instances.first?.virtualAddresses.first?.device, "eth1")
    }

    /// keepalived 2.2.7 follows the interface of an address with its own `dev` (a Fault while it is
    /// down, seen in the lab) unless the address says `no_track`; the instance's interface is its own.
    func testAddressInterfacesAreTrackedUnlessNoTrack() {
        let text = base.replacingOccurrences(of: "192.0.2.223/24 dev eth1\n", with: """
            192.0.2.223/24 dev eth1
                192.0.2.224/24 dev eth0
                192.0.2.225/24 dev eth2 no_track
                192.0.2.226/24 dev eth1

            """)
        let instance = read(text).0.instances.first
        XCTAssertEqual(instance?.virtualAddresses.map(\.noTrack), [false, false, true, false])
        XCTAssertEqual(instance?.addressTrackedInterfaces, ["eth1"])
    }

    /// An address line's options as keepalived 2.2.7 reads them: an unknown word is its warning and
    /// ignored (`keepalived -t` said so in a namespace); options the node does not reproduce are errors.
    func testAddressOptionsAreHonouredRefusedOrWarnedAbout() {
        let text = base.replacingOccurrences(of: "192.0.2.223/24 dev eth1\n", with: """
            192.0.2.223/24 dev eth1 no_track -nodad
                192.0.2.224/24 foo
                192.0.2.225/24 scope global
                192.0.2.226/24 noprefixroute label eth0:x

            """)
        let (config, diagnostics) = read(text)
        XCTAssertEqual(config.instances.first?.virtualAddresses.map(\.address), ["192.0.2.223", "192.0.2.224", "192.0.2.225", "192.0.2.226"])
        XCTAssertNil(diagnostics.at(6), "\(diagnostics)")
        XCTAssertEqual(diagnostics.at(7)?.severity, .warning)
        XCTAssertEqual(diagnostics.at(7)?.message, "Unknown configuration entry 'foo' for ip address - ignoring")
        XCTAssertEqual(diagnostics.at(8)?.severity, .error)
        XCTAssertEqual(diagnostics.at(8)?.message, "'scope' on a virtual address is not supported by vrrpdump")
        XCTAssertEqual(diagnostics.at(9)?.severity, .error)
        XCTAssertEqual(config.instances.first?.addressLabels, [IPAddress("192.0.2.226")!: "eth0:x"])

        // An option without its value drops the address, with keepalived's warning (its -d dump).
        let dropped = read(base.replacingOccurrences(of: "192.0.2.223/24 dev eth1\n", with: "192.0.2.223/24 dev\n    192.0.2.224/24\n"))
        XCTAssertEqual(dropped.0.instances.first?.virtualAddresses.map(\.address), ["192.0.2.224"])
        XCTAssertEqual(dropped.1.at(6)?.message, "No dev parameter specified for 192.0.2.223/24")
    }

    /// A member's `state MASTER` becomes BACKUP and a tracked interface's weight 0, as keepalived's dump shows.
    func testSyncGroupMembers() {
        let text = base.replacingOccurrences(of: "  priority 100\n", with: "  priority 100\n  state MASTER\n  track_interface {\n    trk0 weight -10\n  }\n")
        let (config, diagnostics) = read(text + "\nvrrp_sync_group G {\n  group {\n    VI_1\n    VI_9\n  }\n}\n")
        XCTAssertEqual(config.syncGroups.first?.members, ["VI_1"])
        XCTAssertEqual(config.instances.first?.state, .backup)
        XCTAssertEqual(config.instances.first?.trackInterfaces, [TrackEntry(name: "trk0", weight: 0)])
        XCTAssertEqual(diagnostics.map(\.message), ["(VI_1) ignoring trk0 tracked interface weight due to SYNC group",
                                                    "Virtual router VI_9 specified in sync group G doesn't exist - ignoring"])
    }

    /// A sync group member ignores a tracked script with a weight (weight 0 stays), and a vrrp_script no
    /// instance tracks is removed, as keepalived 2.2.7's dump shows (lab: `sync-group-wait`; comparison
    /// case `p-sync-group-weights`). The group's notify_stop is read.
    func testSyncGroupMembersIgnoreWeightedScriptsAndUnusedScriptsAreRemoved() {
        let text = """
            vrrp_script chk_a {
              script /bin/true
              weight -2
            }
            vrrp_script chk_b {
              script /bin/true
            }
            vrrp_script chk_c {
              script /bin/true
            }
            vrrp_instance VI_1 {
              interface eth0
              virtual_router_id 51
              track_script {
                chk_a
                chk_b
              }
            }
            vrrp_sync_group G {
              group {
                VI_1
              }
              notify_stop /bin/true
            }
            """
        let (config, diagnostics) = read(text)
        XCTAssertEqual(config.instances.first?.trackScripts, [TrackEntry(name: "chk_b", weight: 0)])
        XCTAssertEqual(config.scripts.map(\.name), ["chk_b"])
        XCTAssertEqual(config.syncGroups.first?.notifyStop, ["/bin/true"])
        XCTAssertEqual(diagnostics.at(15)?.message, "(VI_1) ignoring tracked script chk_a with weights due to SYNC group")
        XCTAssertEqual(diagnostics.at(1)?.message, "Warning - script chk_a is not used")
        XCTAssertEqual(diagnostics.at(8)?.message, "Warning - script chk_c is not used")
    }
}
