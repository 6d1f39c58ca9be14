import ElectionModel

/// The labels naming a virtual router in every series: interface, vlan (`outer.inner` for QinQ,
/// empty when untagged), family and vrid, the identity keepalived-exporter's `iname`/`vrid` carry.
struct VirtualRouterLabels: Hashable, Sendable {
    let interface: String
    let vlan: String
    let family: String
    let vrid: String

    /// - Parameter capture: the capture's interface, for virtual routers the analyser does not place on
    ///   one (only `-i any` names each frame's).
    init(_ vr: VirtualRouterID, capture: String) {
        interface = vr.interface ?? capture
        vlan = switch (vr.outerVLAN, vr.vlan) {
        case (let outer?, let inner?): "\(outer).\(inner)"
        case (nil, let inner?): String(inner)
        default: ""
        }
        family = vr.family.rawValue
        vrid = String(vr.vrid)
    }

    var pairs: [(String, String)] {
        [("interface", interface), ("vlan", vlan), ("family", family), ("vrid", vrid)]
    }

    func with(_ extra: (String, String)...) -> [(String, String)] { pairs + extra }
}
