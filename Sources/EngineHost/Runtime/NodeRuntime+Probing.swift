import Codec
import Engine

extension NodeRuntime {
    /// One ARP request / neighbour solicitation per virtual address at the start of listening, from the
    /// interface's MAC and the node's own address, so that a host that holds a VIP but never speaks
    /// answers and is found by `ListenPhase`. Not for an address on its own interface (`dev X`): the
    /// listener hears only the instance's.
    func probe() {
        for virtual in router.config.virtualAddresses where options.addressLinks[virtual.address] == nil {
            let frame = ProbeFrames.frame(for: virtual.address, mac: options.link.mac, source: router.config.sourceAddress)
            do { try host.announcer.send(frame: frame, interfaceIndex: options.addressLink.index) } catch {
                note("probe for \(virtual.address): \(error)")
            }
        }
    }
}
