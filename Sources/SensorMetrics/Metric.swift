import Prometheus

/// Every series family the sensor exports, with its help text (the registry insists that one name
/// always comes with one help text). Prometheus naming: `vrrpdump_` prefix, base units, `_total` for
/// counters, `_info` for label-carrying series that read 1.
public enum Metric: String, CaseIterable, Sendable {
    case buildInfo = "vrrpdump_build_info"
    case captureRunning = "vrrpdump_capture_running"
    case capturePacketsReceived = "vrrpdump_capture_packets_received_total"
    case captureKernelDrops = "vrrpdump_capture_kernel_drops_total"
    case captureInterfaceDrops = "vrrpdump_capture_interface_drops_total"
    case captureGaps = "vrrpdump_capture_gaps_total"
    case labelOverflow = "vrrpdump_metrics_label_overflow_total"
    case masterInfo = "vrrpdump_vr_master_info"
    case advertisingRouters = "vrrpdump_vr_advertising_routers"
    case masterChanges = "vrrpdump_vr_master_changes_total"
    case failoverGap = "vrrpdump_vr_failover_gap_seconds"
    case lastMasterChange = "vrrpdump_vr_last_master_change_timestamp_seconds"
    case splitBrain = "vrrpdump_vr_split_brain"
    case anomalies = "vrrpdump_vr_anomalies_total"
    case announcements = "vrrpdump_vr_announcements_total"
    case routerAdverts = "vrrpdump_router_adverts_total"
    case routerPriority = "vrrpdump_router_priority"
    case routerInterval = "vrrpdump_router_advert_interval_seconds"
    case routerChecksumForm = "vrrpdump_router_checksum_form_info"

    public var name: String { rawValue }

    var descriptor: MetricNameDescriptor {
        MetricNameDescriptor(metricName: rawValue, unitName: "", helpText: help)
    }

    public var help: String {
        switch self {
        case .buildInfo: "The sensor's version; always 1."
        case .captureRunning: "1 while the sensor captures on the interface, 0 once the capture has ended."
        case .capturePacketsReceived: "Packets the kernel handed to the capture (after its filter)."
        case .captureKernelDrops: "Packets dropped because the capture buffer was full."
        case .captureInterfaceDrops: "Packets the interface or its driver dropped (not every driver counts them)."
        case .captureGaps: "Spans the capture missed (kernel drops, clock steps)."
        case .labelOverflow: "Virtual routers or routers left without series by the label limits."
        case .masterInfo: "1 for the router that is master of the virtual router now."
        case .advertisingRouters: "Routers advertising as master now: 0 no master, 1 healthy, 2 or more split brain."
        case .masterChanges: "Routers becoming master, by cause (initial, resigned, master-down, preempted, tie-break)."
        case .failoverGap: "From the previous master's last advert to the new master's first."
        case .lastMasterChange: "When the last master change happened (the new master's first advert), Unix time."
        case .splitBrain: "1 while several routers advertise as master beyond the split-brain threshold."
        case .anomalies: "Anomaly events by kind (split-brain, mismatch, collision, stale-arp, conflict, silence, late-advert)."
        case .announcements: "Gratuitous ARPs and unsolicited neighbour advertisements sent by masters."
        case .routerAdverts: "Adverts received from the router."
        case .routerPriority: "The router's priority, as last advertised."
        case .routerInterval: "The router's advertised interval."
        case .routerChecksumForm: "1 for the checksum form of the router's VRRPv3/IPv4 adverts (n/a elsewhere)."
        }
    }
}
