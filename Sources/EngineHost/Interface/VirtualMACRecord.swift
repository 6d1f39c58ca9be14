/// What a `VirtualMACInterface` made, written to its state file before it is made so that a restart
/// after SIGKILL undoes exactly that. One fact per line, `key value`: `pid`, `link NAME`, `sysctl PATH OLD`
/// (an interface's sysctl we changed, with its value before).
struct VirtualMACRecord: Sendable {
    /// nil in a record that lost its pid line: its links and sysctls are still undone.
    var pid: Int32?
    var links: [String] = []
    var sysctls: [(sysctl: InterfaceSysctl, old: Int)] = []

    init(pid: Int32?, links: [String] = [], sysctls: [(sysctl: InterfaceSysctl, old: Int)] = []) {
        self.pid = pid
        self.links = links
        self.sysctls = sysctls
    }

    /// Parses `text`; lines it does not understand are skipped (a record is only ever written by us).
    init(text: String) {
        self.init(pid: nil)
        for line in text.split(separator: "\n") {
            let words = line.split(separator: " ").map(String.init)
            switch (words.first ?? "", words.count) {
            case ("pid", 2): pid = Int32(words[1])
            case ("link", 2): links.append(words[1])
            case ("sysctl", 3): if let old = Int(words[2]) { sysctls.append((InterfaceSysctl(path: words[1]), old)) }
            default: continue
            }
        }
    }

    var text: String {
        var lines = pid.map { ["pid \($0)"] } ?? []
        lines += links.map { "link \($0)" }
        lines += sysctls.map { "sysctl \($0.sysctl.path) \($0.old)" }
        return lines.joined(separator: "\n") + "\n"
    }
}
