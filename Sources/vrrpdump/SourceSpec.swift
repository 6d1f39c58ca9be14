import Sniffer

/// Where packets come from, as the command line named it.
enum SourceSpec {
    case file(String)
    case live(interface: String, snapLength: Int, promiscuous: Bool)

    var name: String {
        switch self {
        case .file(let path): path == "-" ? "standard input" : path
        case .live(let interface, _, _): interface
        }
    }

    var isLive: Bool { if case .live = self { true } else { false } }
    var isAnyInterface: Bool { if case .live(let name, _, _) = self { name == "any" } else { false } }

    /// Opens the source with vrrpdump's default selection narrowed by a trailing `expression`.
    func open(narrowedBy expression: String?) throws(CaptureError) -> any PacketSource {
        let capture: any PacketSource = switch self {
        case .file(let path): try CaptureFile.open(path)
        case .live(let interface, let snapLength, let promiscuous):
            try LiveCapture(device: interface, promiscuous: promiscuous, snapLength: snapLength)
        }
        try capture.setFilter(.vrrp(narrowedBy: expression))
        return capture
    }
}
