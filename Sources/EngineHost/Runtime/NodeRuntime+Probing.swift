import Codec
import Engine

extension NodeRuntime {
    /// One ARP request / neighbour solicitation per virtual address at the start of listening, from the
    /// interface's MAC and the node's own address, so that a host that holds a VIP but never speaks
    /// answers and is found by `ListenPhase`.
    func probe() {
        for virtual in router.config.virtualAddresses {
            let frame = ProbeFrames.frame(for: virtual.address, mac: options.link.mac, source: router.config.sourceAddress)
            do { try host.announcer.send(frame: frame) } catch { note("probe for \(virtual.address): \(error)") }
        }
    }
}
