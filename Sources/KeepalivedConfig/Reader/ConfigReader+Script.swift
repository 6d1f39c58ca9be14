/// `vrrp_script` blocks, and keepalived removing those left without a script.
extension ConfigReader {
    mutating func script(_ line: ConfigLine) {
        guard let i = configuration.scripts.indices.last else { return }
        switch line.keyword {
        case "script":
            let words = line.quotedWords
            if words.first != "script" {
                let command = String(line.text.dropFirst("script".count))
                warn(line, "'script' is glued to its command: keepalived reads '\(line.text)' as one word and sets no script",
                     fix: "script \(command)",
                     consequence: "vrrp_script \(configuration.scripts[i].name) gets no script and is removed, so track_script entries naming it do nothing")
                return
            }
            configuration.scripts[i].command = Array(words.dropFirst())
        case "interval":
            if let v = number(line, in: 1...Int(Int32.max)) { configuration.scripts[i].intervalSeconds = v }
        case "timeout":
            if let v = number(line, in: 1...Int(Int32.max)) { configuration.scripts[i].timeoutSeconds = v }
        case "weight":
            if let v = number(line, in: -253...253) { configuration.scripts[i].weight = v }
        case "rise":
            if let v = number(line, in: 1...Int(Int32.max)) { configuration.scripts[i].rise = v }
        case "fall":
            if let v = number(line, in: 1...Int(Int32.max)) { configuration.scripts[i].fall = v }
        case "user":
            configuration.scripts[i].user = parameter(line)
        case "init_fail":
            refuse(line, "'init_fail' is not supported by vrrpdump")
        default:
            unknown(line, known: KeywordTables.scriptKnown)
        }
    }

    mutating func closeScript(at end: ConfigLine) {
        guard let script = configuration.scripts.last else { return }
        if script.command.isEmpty {
            configuration.scripts.removeLast()
            removedScripts.insert(script.name)
            warn(end, "No script set for vrrp_script \(script.name) - removing",
                 consequence: "the check never runs; track_script entries naming \(script.name) are ignored")
            return
        }
        let joined = script.command.joined(separator: " ")
        // One word is no file name, so /bin/sh -c runs it; only when the shell itself meets /dev/tcp
        // (not a `bash -c '...'` it starts) does dash make it fail.
        let program = joined.split(separator: " ").first.map(String.init) ?? ""
        if script.command.count == 1 && (program.contains("/dev/tcp/") || program.contains("/dev/udp/")) {
            warn(end, "vrrp_script \(script.name): '\(joined)' is not an executable file, so keepalived runs it with /bin/sh -c",
                 consequence: "/bin/sh is dash on Debian, which has no /dev/tcp or /dev/udp: the check fails every time, even with the service up")
        }
    }
}
