import Codec

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
    public var notifyMaster: [String]?
    public var notifyBackup: [String]?
    public var notifyFault: [String]?
    public var notifyStop: [String]?
    public var notify: [String]?
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

    /// The interface each (excluded or not) virtual address with a `dev X` names, which it goes on
    /// instead of the instance's interface or its macvlan.
    public var addressDevices: [IPAddress: String] {
        var devices: [IPAddress: String] = [:]
        for entry in virtualAddresses + virtualAddressesExcluded {
            if let device = entry.device, let address = IPAddress(entry.address) { devices[address] = device }
        }
        return devices
    }

    /// The `label` each (excluded or not) virtual IPv4 address names.
    public var addressLabels: [IPAddress: String] {
        var labels: [IPAddress: String] = [:]
        for entry in virtualAddresses + virtualAddressesExcluded {
            if let label = entry.label, let address = IPAddress(entry.address), !address.isIPv6 { labels[address] = label }
        }
        return labels
    }

    /// The other interfaces its addresses go on, each followed as keepalived 2.2.7 does (seen in the
    /// lab): the instance is in Fault while one is down, unless the address says `no_track`.
    public var addressTrackedInterfaces: [String] {
        var names: [String] = []
        for entry in virtualAddresses + virtualAddressesExcluded where !entry.noTrack {
            if let device = entry.device, device != interface, !names.contains(device) { names.append(device) }
        }
        return names
    }
}
