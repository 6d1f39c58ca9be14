import Codec

/// What keepalived 2.2.7 makes of a configuration: the values it will run with, after its defaults
/// and its degradations (unknown keywords dropped, invalid values replaced by defaults).
public struct KeepalivedConfiguration: Sendable, Hashable {
    public var global = GlobalDefinitions()
    /// Only scripts that survive keepalived's checks (a `vrrp_script` without `script` is removed).
    public var scripts: [VRRPScript] = []
    public var instances: [VRRPInstance] = []
    public var syncGroups: [SyncGroup] = []

    public init() {}
}

/// `global_defs` as far as it changes VRRP behaviour.
public struct GlobalDefinitions: Sendable, Hashable {
    public var routerID: String?
    /// `vrrp_version`: the default for instances without `version`.
    public var vrrpVersion = 2
    public var scriptUser: String?
    public var enableScriptSecurity = false
    public var garpMasterDelay = 5
    public var garpMasterRepeat = 5
    public var garpMasterRefresh = 0

    public init() {}
}

/// A `vrrp_script` block.
public struct VRRPScript: Sendable, Hashable {
    public var name: String
    /// The command words as keepalived splits them (first: the program, found on PATH when relative).
    public var command: [String] = []
    public var intervalSeconds = 1
    /// 0: keepalived's "unset" (the script may run for the whole interval).
    public var timeoutSeconds = 0
    public var weight = 0
    public var rise = 1
    public var fall = 1
    public var user: String?

    public init(name: String) { self.name = name }
}

public enum VRRPState: String, Sendable, Hashable {
    case master = "MASTER", backup = "BACKUP"
}

public enum Authentication: Sendable, Hashable, CustomStringConvertible {
    case none
    /// Simple text password, at most 8 bytes (keepalived truncates longer ones).
    case password(String)

    public var description: String {
        switch self {
        case .none: "no authentication"
        case .password(let p): "PASS '\(p)'"
        }
    }
}

/// A virtual address line: address, prefix length and the interface it goes on.
public struct VirtualAddressEntry: Sendable, Hashable {
    public var address: String
    public var prefixLength: Int?
    public var device: String?

    /// As keepalived prints it: `192.0.2.1` or `192.0.2.1/24`.
    public var text: String { prefixLength.map { "\(address)/\($0)" } ?? address }
}

/// A `track_script` or `track_interface` entry, with the weight that applies (the entry's own, else the
/// script's).
public struct TrackEntry: Sendable, Hashable {
    public var name: String
    public var weight: Int
}

/// A `vrrp_instance` block as it will run.
public struct VRRPInstance: Sendable, Hashable {
    public var name: String
    public var state: VRRPState = .backup
    public var interface: String?
    public var vrid: Int?
    public var priority = 100
    public var version = 2
    /// Centiseconds (keepalived's `advert_int` in seconds, v3 allows fractions).
    public var advertIntervalCentiseconds = 100
    public var authentication = Authentication.none
    public var virtualAddresses: [VirtualAddressEntry] = []
    public var virtualAddressesExcluded: [VirtualAddressEntry] = []
    public var trackScripts: [TrackEntry] = []
    public var trackInterfaces: [TrackEntry] = []
    public var preempt = true
    public var preemptDelaySeconds = 0.0
    /// keepalived 2.2.7's default is accept (`no_accept` turns it off; `vrrp_strict` would too).
    public var accept = true
    public var unicastSource: String?
    public var unicastPeers: [String] = []
    public var garpMasterDelay: Int
    public var garpMasterRepeat: Int
    public var garpMasterRefresh: Int
    public var useVirtualMAC = false
    public var lowerPriorityAnswer = true
    public var notifyMaster: String?
    public var notifyBackup: String?
    public var notifyFault: String?
    public var notifyStop: String?
    public var notify: String?
    /// Where the block starts, for diagnostics about the instance as a whole.
    public var location: SourceLocation

    public init(name: String, global: GlobalDefinitions, location: SourceLocation) {
        self.name = name
        version = global.vrrpVersion
        garpMasterDelay = global.garpMasterDelay
        garpMasterRepeat = global.garpMasterRepeat
        garpMasterRefresh = global.garpMasterRefresh
        self.location = location
    }

    /// The family of the first virtual address (keepalived decides the instance's family from it).
    public var isIPv6: Bool { virtualAddresses.first.map { IPAddress($0.address)?.isIPv6 ?? false } ?? false }
}

/// A `vrrp_sync_group`: instances that change state together.
public struct SyncGroup: Sendable, Hashable {
    public var name: String
    public var members: [String] = []
    public var notifyMaster: String?
    public var notifyBackup: String?
    public var notifyFault: String?
    public var notify: String?
}
