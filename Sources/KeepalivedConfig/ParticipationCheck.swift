/// What `--participate --config` cannot run of an instance keepalived 2.2.7 would run: each an error
/// at the instance's block naming the keyword, so the file is refused rather than run differently.
/// (Keywords the reader refuses for every use, such as `vrrp_strict`, are already its errors.)
public enum ParticipationCheck {
    public static func problems(_ instance: VRRPInstance) -> [Diagnostic] {
        let name = "(\(instance.name))"
        var found: [String] = []
        for entry in instance.virtualAddresses where entry.device != nil && entry.device != instance.interface {
            found.append("virtual_ipaddress \(entry.text) dev \(entry.device ?? ""): --participate adds addresses only on the instance's interface")
        }
        return found.map { Diagnostic(.error, at: instance.location, "\(name) \($0)", consequence: "vrrpdump refuses the instance") }
    }
}
