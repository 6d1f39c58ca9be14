/// `global_defs`: the settings that change VRRP behaviour, the ignored and the refused ones.
extension ConfigReader {
    mutating func global(_ line: ConfigLine) {
        let k = line.keyword
        switch k {
        case "router_id":
            configuration.global.routerID = parameter(line)
        case "vrrp_version":
            if let v = number(line, in: 2...3) { configuration.global.vrrpVersion = v }
        case "script_user":
            configuration.global.scriptUser = parameter(line)
        case "enable_script_security":
            configuration.global.enableScriptSecurity = true
        case "vrrp_garp_master_delay":
            if let v = number(line, in: 0...Int(Int32.max)) { configuration.global.garpMasterDelay = v }
        case "vrrp_garp_master_repeat":
            if let v = number(line, in: 0...Int(Int32.max)) { configuration.global.garpMasterRepeat = v }
        case "vrrp_garp_master_refresh":
            if let v = number(line, in: 0...Int(Int32.max)) { configuration.global.garpMasterRefresh = v }
        case "notification_email":
            if valueBlock(line).isEmpty {
                warn(lines[index - 1], "Warning - empty notification_email block", consequence: "no mail is sent (vrrpdump sends none anyway)")
            }
        case _ where KeywordTables.globalIgnored.contains(k):
            skipBlock(line)
        case _ where KeywordTables.globalRefused.contains(k):
            refuse(line, "'\(k)' changes keepalived's behaviour in a way vrrpdump does not reproduce")
            skipBlock(line)
        case "old_unicast_checksum":
            warn(line, "Unknown keyword 'old_unicast_checksum'",
                 consequence: "in keepalived 2.2.7 old_unicast_checksum is a vrrp_instance keyword; in global_defs it is ignored")
        case "v3_checksum_as_v2":
            warn(line, "Unknown keyword 'v3_checksum_as_v2'",
                 consequence: "v3_checksum_as_v2 arrived in keepalived 2.2.8; 2.2.7 ignores it, so VRRPv3 adverts keep the RFC 5798 checksum (with the pseudo-header)")
        default:
            unknown(line, known: KeywordTables.globalKnown)
        }
    }
}
