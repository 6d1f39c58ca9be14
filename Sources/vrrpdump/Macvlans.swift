import Engine
import EngineHost

/// The macvlans a `--participate` run made for `--use-vmac` (or keepalived's `use_vmac`), removed when
/// the run ends however it ends (each after its router stopped and took its addresses off it). An
/// instance restarted by a SIGHUP reload gets the macvlan it had: the virtual MAC is the VRID's.
final class Macvlans {
    private var made: [(vmac: VirtualMACInterface, link: LinkInfo, output: ParticipateOutput)] = []

    /// The macvlan carrying `config`'s virtual MAC on `link`, after removing what a killed run left.
    func make(for config: RouterConfig, on link: LinkInfo, netlink: RouteNetlink,
              output: ParticipateOutput) throws(HostError) -> LinkInfo {
        let vmac = VirtualMACInterface(parent: link, vrid: config.vrid, ipv6: config.family == .ipv6, netlink: netlink,
                                       store: OwnershipFile(path: OwnershipRecord.path(interface: "\(link.name)-vmac", vrid: config.vrid)))
        if let existing = made.first(where: { $0.vmac.name == vmac.name }) { return existing.link }
        for text in try vmac.cleanUpKilledRun() { output.note(text, at: wallClockNanoseconds()) }
        let virtualLink = try vmac.create()
        made.append((vmac, virtualLink, output))
        if vmac.strictReversePath {
            output.note("rp_filter is strict (1) for \(vmac.name): the kernel drops traffic for the VIPs from senders it routes via \(link.name); set it to 2 (loose) if that matters (not changed by vrrpdump)",
                        at: wallClockNanoseconds())
        }
        return virtualLink
    }

    func removeAll() {
        for (vmac, _, output) in made {
            for failure in vmac.remove() { output.note("cleaning up \(vmac.name): \(failure)", at: wallClockNanoseconds()) }
        }
        made = []
    }
}
