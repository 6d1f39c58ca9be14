import KeepalivedConfig

/// `--check-config`: the effective instances as keepalived 2.2.7 will run them, as text or as one JSON
/// object per file (normalised field names, the same ones `scripts/vrrplab/kadump.py` extracts from
/// keepalived's own `-d` dump), then the pair check.
package struct KeepalivedConfigPrinter {
    package init() {}

    // MARK: text

    package func printText(_ configuration: KeepalivedConfiguration, file: String, to out: inout OutputBuffer) throws(OutputError) {
        out.append("\(file): as keepalived 2.2.7 runs it")
        try out.endLine()
        if let id = configuration.global.routerID {
            out.append("  router_id \(id)")
            try out.endLine()
        }
        for script in configuration.scripts {
            out.append("  vrrp_script \(script.name): \(script.command.joined(separator: " ")) every \(script.intervalSeconds) s")
            out.append(script.timeoutSeconds > 0 ? ", timeout \(script.timeoutSeconds) s" : "")
            out.append(", weight \(script.weight), rise \(script.rise), fall \(script.fall)")
            try out.endLine()
        }
        for i in configuration.instances {
            out.append("  vrrp_instance \(i.name): \(i.state.rawValue) on \(i.interface ?? "?"), VRID \(i.vrid.map(String.init) ?? "?"), ")
            out.append("priority \(i.priority), VRRPv\(i.version), advert_int \(PairCheck.seconds(i.advertIntervalCentiseconds)), ")
            out.append(i.authentication.description)
            out.append(i.preempt ? "" : ", nopreempt")
            out.append(i.preemptDelaySeconds > 0 ? ", preempt_delay \(i.preemptDelaySeconds) s" : "")
            out.append(i.accept ? "" : ", no_accept")
            try out.endLine()
            // An address with its own interface (`dev X`) goes there, not on the instance's.
            let addresses = i.virtualAddresses.map { entry in
                entry.text + (entry.device.map { " dev \($0)" } ?? "") + (entry.label.map { " label \($0)" } ?? "")
            }
            out.append("    virtual addresses: \(addresses.isEmpty ? "none" : addresses.joined(separator: ", "))")
            try out.endLine()
            if !i.unicastPeers.isEmpty {
                out.append("    unicast to \(i.unicastPeers.joined(separator: ", "))\(i.unicastSource.map { " from \($0)" } ?? "")")
                try out.endLine()
            }
            let tracks = i.trackScripts.map { "script \($0.name) weight \($0.weight)" } + i.trackInterfaces.map { "interface \($0.name) weight \($0.weight)" }
            out.append("    tracking: \(tracks.isEmpty ? "nothing" : tracks.joined(separator: ", "))")
            try out.endLine()
        }
        for group in configuration.syncGroups {
            out.append("  vrrp_sync_group \(group.name): \(group.members.joined(separator: ", "))")
            try out.endLine()
        }
    }

    package func printDiagnostic(_ diagnostic: Diagnostic, to out: inout OutputBuffer) throws(OutputError) {
        for line in diagnostic.description.split(separator: "\n") {
            out.append(String(line))
            try out.endLine()
        }
    }

    // MARK: JSON

    package func printJSON(_ configuration: KeepalivedConfiguration, file: String, diagnostics: [Diagnostic],
                           to out: inout OutputBuffer) throws(OutputError) {
        var o = JSONObject(out)
        o.string("file", file)
        o.raw("diagnostics") { out in Self.diagnostics(diagnostics, to: &out) }
        let g = configuration.global
        o.raw("global") { out in
            var j = JSONObject(out)
            j.optional("routerId", g.routerID)
            j.int("vrrpVersion", g.vrrpVersion)
            j.optional("scriptUser", g.scriptUser)
            j.bool("enableScriptSecurity", g.enableScriptSecurity)
            j.int("garpMasterDelay", g.garpMasterDelay)
            j.int("garpMasterRepeat", g.garpMasterRepeat)
            j.int("garpMasterRefresh", g.garpMasterRefresh)
            out = j.close()
        }
        o.raw("scripts") { out in
            Self.array(configuration.scripts, to: &out) { s, out in
                var j = JSONObject(out)
                j.string("name", s.name)
                j.strings("command", s.command)
                j.int("intervalSeconds", s.intervalSeconds)
                j.int("timeoutSeconds", s.timeoutSeconds)
                j.int("weight", s.weight)
                j.int("rise", s.rise)
                j.int("fall", s.fall)
                j.optional("user", s.user)
                out = j.close()
            }
        }
        o.raw("instances") { out in Self.array(configuration.instances, to: &out, Self.instance) }
        o.raw("syncGroups") { out in
            Self.array(configuration.syncGroups, to: &out) { s, out in
                var j = JSONObject(out)
                j.string("name", s.name)
                j.strings("members", s.members)
                out = j.close()
            }
        }
        out = o.close()
        try out.endLine()
    }

    package func printJSON(_ check: PairCheck, to out: inout OutputBuffer) throws(OutputError) {
        var o = JSONObject(out)
        o.strings("verdicts", check.verdicts)
        o.raw("diagnostics") { out in Self.diagnostics(check.diagnostics, to: &out) }
        out = o.close()
        try out.endLine()
    }

    private static func instance(_ i: VRRPInstance, to out: inout OutputBuffer) {
        var j = JSONObject(out)
        j.string("name", i.name)
        j.string("state", i.state.rawValue)
        j.optional("interface", i.interface)
        j.optionalInt("vrid", i.vrid)
        j.int("priority", i.priority)
        j.int("version", i.version)
        j.int("advertIntervalCentiseconds", i.advertIntervalCentiseconds)
        switch i.authentication {
        case .none:
            j.string("authentication", "none")
            j.optional("password", nil)
        case .password(let p):
            j.string("authentication", "pass")
            j.optional("password", p)
        }
        j.strings("virtualAddresses", i.virtualAddresses.map(\.text))
        j.strings("virtualAddressesExcluded", i.virtualAddressesExcluded.map(\.text))
        j.raw("trackScripts") { out in tracks(i.trackScripts, to: &out) }
        j.raw("trackInterfaces") { out in tracks(i.trackInterfaces, to: &out) }
        j.bool("preempt", i.preempt)
        j.raw("preemptDelaySeconds") { $0.append("\(i.preemptDelaySeconds)") }
        j.bool("accept", i.accept)
        j.optional("unicastSource", i.unicastSource)
        j.strings("unicastPeers", i.unicastPeers)
        j.int("garpMasterDelay", i.garpMasterDelay)
        j.int("garpMasterRepeat", i.garpMasterRepeat)
        j.int("garpMasterRefresh", i.garpMasterRefresh)
        j.bool("useVirtualMAC", i.useVirtualMAC)
        j.bool("lowerPriorityAnswer", i.lowerPriorityAnswer)
        j.optional("notifyMaster", i.notifyMaster?.joined(separator: " "))
        j.optional("notifyBackup", i.notifyBackup?.joined(separator: " "))
        j.optional("notifyFault", i.notifyFault?.joined(separator: " "))
        j.optional("notifyStop", i.notifyStop?.joined(separator: " "))
        j.optional("notify", i.notify?.joined(separator: " "))
        out = j.close()
    }

    private static func tracks(_ entries: [TrackEntry], to out: inout OutputBuffer) {
        array(entries, to: &out) { t, out in
            var j = JSONObject(out)
            j.string("name", t.name)
            j.int("weight", t.weight)
            out = j.close()
        }
    }

    private static func diagnostics(_ list: [Diagnostic], to out: inout OutputBuffer) {
        array(list, to: &out) { d, out in
            var j = JSONObject(out)
            j.optional("file", d.location?.file)
            j.optionalInt("line", d.location?.line)
            j.optionalInt("column", d.location?.column)
            j.string("severity", d.severity.rawValue)
            j.string("message", d.message)
            j.optional("fix", d.fix)
            j.optional("consequence", d.consequence)
            out = j.close()
        }
    }

    private static func array<T>(_ items: [T], to out: inout OutputBuffer, _ each: (T, inout OutputBuffer) -> Void) {
        out.append("[")
        for (n, item) in items.enumerated() {
            if n > 0 { out.append(",") }
            each(item, &out)
        }
        out.append("]")
    }
}

/// Builds `{"key":value,...}` on an output buffer it holds until `close()` hands it back; keys in call order.
private struct JSONObject {
    private var out: OutputBuffer
    private var first = true

    init(_ out: OutputBuffer) {
        self.out = out
        self.out.append("{")
    }

    private mutating func key(_ name: String) {
        if !first { out.append(",") }
        first = false
        out.append(jsonString: name)
        out.append(":")
    }

    mutating func raw(_ name: String, _ value: (inout OutputBuffer) -> Void) {
        key(name)
        value(&out)
    }

    mutating func string(_ name: String, _ value: String) { raw(name) { $0.append(jsonString: value) } }
    mutating func int(_ name: String, _ value: Int) { raw(name) { $0.append("\(value)") } }
    mutating func bool(_ name: String, _ value: Bool) { raw(name) { $0.append(value ? "true" : "false") } }
    mutating func optional(_ name: String, _ value: String?) {
        raw(name) { out in if let value { out.append(jsonString: value) } else { out.append("null") } }
    }
    mutating func optionalInt(_ name: String, _ value: Int?) { raw(name) { $0.append(value.map(String.init) ?? "null") } }
    mutating func strings(_ name: String, _ values: [String]) {
        raw(name) { out in
            out.append("[")
            for (n, v) in values.enumerated() {
                if n > 0 { out.append(",") }
                out.append(jsonString: v)
            }
            out.append("]")
        }
    }

    consuming func close() -> OutputBuffer {
        out.append("}")
        return out
    }
}
