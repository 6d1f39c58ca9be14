/// `vrrp_sync_group` blocks.
extension ConfigReader {
    mutating func syncGroup(_ line: ConfigLine) {
        guard let g = configuration.syncGroups.indices.last else { return }
        let k = line.keyword
        switch k {
        case "group":
            for entry in valueBlock(line) { pendingSyncMembers.append((g, entry.keyword, entry)) }
        case "notify_master": configuration.syncGroups[g].notifyMaster = command(line)
        case "notify_backup": configuration.syncGroups[g].notifyBackup = command(line)
        case "notify_fault": configuration.syncGroups[g].notifyFault = command(line)
        case "notify_stop": configuration.syncGroups[g].notifyStop = command(line)
        case "notify": configuration.syncGroups[g].notify = command(line)
        case "smtp_alert": break
        case _ where KeywordTables.syncGroupRefused.contains(k):
            refuse(line, "'\(k)' in a vrrp_sync_group is not supported by vrrpdump")
            skipBlock(line)
        default:
            unknown(line, known: KeywordTables.syncGroupKnown)
        }
    }
}
