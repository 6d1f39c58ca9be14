import ArgumentParser
import Codec
import Engine

/// The protocol flags of a router the engine runs (`--what-if` now; the same names as keepalived's
/// settings where they exist). Unset values come from the capture's group.
struct RouterOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The virtual router's VRID (1-255).", valueName: "vrid"))
    var vrid: UInt8?

    @Option(help: ArgumentHelp("Its priority (1-255; 255 = address owner).", valueName: "priority"))
    var priority: UInt8?

    // Not `--version`: that prints the program's version, as in tcpdump.
    @Option(name: .customLong("vrrp-version"), help: ArgumentHelp("VRRP version 2 or 3 (default: the capture's).", valueName: "2|3"))
    var version: UInt8?

    @Option(name: .customLong("advert-int"), help: ArgumentHelp("Advert interval in seconds (default: the capture's).", valueName: "seconds"))
    var advertInterval: Double?

    @Flag(help: "Do not preempt a lower-priority master.")
    var nopreempt = false

    @Option(name: .customLong("preempt-delay"), help: ArgumentHelp("Preempt a lower-priority master only after SECONDS (keepalived's preempt_delay).", valueName: "seconds"))
    var preemptDelay: Double = 0

    @Option(name: .customLong("auth-pass"), help: ArgumentHelp("VRRPv2 simple password (default: the capture's).", valueName: "password"))
    var authPass: String?

    @Option(name: .customLong("v3-checksum"), help: ArgumentHelp("VRRPv3/IPv4 checksum form sent: pseudo-header (default, as keepalived 2.2.7 and FRR 8.4) or plain (RFC 9568).", valueName: "form"))
    var v3Checksum: V3Checksum = .pseudoHeader

    @Flag(name: .customLong("lower-prio-no-advert"), help: "As master, do not answer a lower-priority advert (keepalived's lower_prio_no_advert).")
    var lowerPriorityNoAdvert = false

    enum V3Checksum: String, ExpressibleByArgument {
        case pseudoHeader = "pseudo-header"
        case plain

        var form: ChecksumForm { self == .plain ? .plain : .pseudoHeader }
    }

    /// `template` (the capture's group) with the flags given applied.
    func apply(to template: RouterConfig) -> RouterConfig {
        var config = template
        if let version { config.version = version }
        if let advertInterval { config.advertInterval = Int((advertInterval * 100).rounded()) }
        if let authPass { config.authentication = authPass.isEmpty ? .none : .simple(authPass) }
        if config.version == 3 && authPass == nil { config.authentication = .none }
        config.preempt = !nopreempt
        config.preemptDelay = Int64((preemptDelay * 1e9).rounded())
        config.v3ChecksumForm = v3Checksum.form
        config.lowerPriorityAnswer = !lowerPriorityNoAdvert
        return config
    }
}
