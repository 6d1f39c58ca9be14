import Codec
import Engine
import EngineHost
import KeepalivedConfig

/// One router `--participate` runs: the flags' one, or one vrrp_instance of a keepalived file.
struct ParticipateRouter {
    /// The keepalived instance's name (nil for the flags' router), in every line it prints.
    let instance: String?
    let interface: String
    /// Its primary address is a placeholder of the right family until the interface's own is known.
    var config: RouterConfig
    var trackedInterfaces: [TrackedInterface] = []
    /// keepalived's `dev X` of its addresses that name their own interface (none for the flags' router).
    var addressDevices: [IPAddress: String] = [:]
    /// keepalived's `label` of its IPv4 addresses (none for the flags' router).
    var addressLabels: [IPAddress: String] = [:]
    var checks: [TrackedCheck] = []
    var notifier: Notifier?

    /// `(VI_1) ` before its error messages; nothing for the flags' router.
    var label: String { instance.map { "(\($0)) " } ?? "" }
}
