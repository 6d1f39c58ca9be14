import Codec

/// `vrrp_instance` blocks and their `authentication` sub-block; keepalived's end-of-instance checks.
extension ConfigReader {
    mutating func instance(_ line: ConfigLine, level: Int) {
        guard let i = configuration.instances.indices.last else { return }
        let name = configuration.instances[i].name
        let k = line.keyword
        switch k {
        case "state":
            guard let v = parameter(line) else { return }
            switch v {
            case "MASTER": configuration.instances[i].state = .master
            case "BACKUP": configuration.instances[i].state = .backup
            default:
                configuration.instances[i].state = .backup
                warn(line, "(\(name)) unknown state '\(v)', defaulting to BACKUP",
                     fix: v.uppercased() == "MASTER" ? "state MASTER" : "state BACKUP",
                     consequence: "the instance starts as BACKUP (keepalived knows only MASTER and BACKUP)")
            }
        case "interface":
            configuration.instances[i].interface = parameter(line)
        case "virtual_router_id":
            if let v = number(line, in: 1...255) { configuration.instances[i].vrid = v }
        case "priority":
            priorityGiven = true
            if let v = number(line, in: 1...255) {
                configuration.instances[i].priority = v
            } else if line.words.count > 1 {
                warn(line, "(\(name)) Priority not valid! must be between 1 & 255. Using default 100",
                     consequence: "the instance runs with priority 100")
                configuration.instances[i].priority = 100
            }
        case "advert_int":
            if let v = decimal(line, in: 0.01...255) {
                configuration.instances[i].advertIntervalCentiseconds = Int((v * 100).rounded())
            }
        case "authentication":
            processStream(.authentication, level: level + 1, needBrace: needsBrace(line))
        case "virtual_ipaddress", "virtual_ipaddress_excluded":
            let entries = valueBlock(line).compactMap { address($0) }
            if k == "virtual_ipaddress" {
                configuration.instances[i].virtualAddresses += entries
            } else {
                configuration.instances[i].virtualAddressesExcluded += entries
            }
        case "track_script":
            for entry in valueBlock(line) {
                pendingTracks.append((i, entry.keyword, weightOption(entry), entry))
            }
        case "track_interface":
            for entry in valueBlock(line) {
                let weight = weightOption(entry) ?? 0
                configuration.instances[i].trackInterfaces.append(TrackEntry(name: entry.keyword, weight: weight))
                if weight != 0 { weightedInterfaces.append((i, entry.keyword, entry)) }
            }
        case "unicast_peer":
            for entry in valueBlock(line) {
                if IPAddress(entry.keyword) != nil {
                    configuration.instances[i].unicastPeers.append(entry.keyword)
                } else {
                    warn(entry, "(\(name)) invalid unicast peer '\(entry.keyword)' - ignoring")
                }
            }
        case "unicast_src_ip":
            configuration.instances[i].unicastSource = parameter(line)
        case "nopreempt":
            configuration.instances[i].preempt = false
        case "preempt":
            configuration.instances[i].preempt = true
        case "preempt_delay":
            if let v = decimal(line, in: 0...1000) { configuration.instances[i].preemptDelaySeconds = v }
        case "garp_master_delay":
            if let v = number(line, in: 0...Int(Int32.max)) { configuration.instances[i].garpMasterDelay = v }
        case "garp_master_repeat":
            if let v = number(line, in: 0...Int(Int32.max)) { configuration.instances[i].garpMasterRepeat = v }
        case "garp_master_refresh":
            if let v = number(line, in: 0...Int(Int32.max)) { configuration.instances[i].garpMasterRefresh = v }
        case "notify_master": configuration.instances[i].notifyMaster = command(line)
        case "notify_backup": configuration.instances[i].notifyBackup = command(line)
        case "notify_fault": configuration.instances[i].notifyFault = command(line)
        case "notify_stop": configuration.instances[i].notifyStop = command(line)
        case "notify": configuration.instances[i].notify = command(line)
        case "version":
            if let v = number(line, in: 2...3) { configuration.instances[i].version = v }
        case "accept":
            configuration.instances[i].accept = true
        case "no_accept":
            configuration.instances[i].accept = false
        case "use_vmac":
            configuration.instances[i].useVirtualMAC = true
        case "lower_prio_no_advert":
            configuration.instances[i].lowerPriorityAnswer = line.words.count > 1 && ["false", "off", "no"].contains(line.words[1].text)
        case _ where KeywordTables.instanceIgnored.contains(k):
            break
        case _ where KeywordTables.instanceRefused.contains(k):
            refuse(line, "'\(k)' changes keepalived's behaviour in a way vrrpdump does not reproduce")
            skipBlock(line)
        default:
            unknown(line, known: KeywordTables.instanceKnown + ["authentication"])
        }
    }

    mutating func authentication(_ line: ConfigLine) {
        guard let i = configuration.instances.indices.last else { return }
        switch line.keyword {
        case "auth_type":
            guard let v = parameter(line) else { return }
            switch v {
            case "PASS": pendingAuthType = "PASS"
            case "AH": refuse(line, "'auth_type AH' (IPsec AH authentication) is not supported by vrrpdump")
            default:
                warn(line, "unknown authentication type '\(v)'", fix: "auth_type PASS",
                     consequence: "\(configuration.instances[i].name) advertises with no authentication")
            }
        case "auth_pass":
            guard var v = parameter(line) else { return }
            if v.utf8.count > 8 {
                warn(line, "Truncating auth_pass to 8 characters",
                     consequence: "the password sent is '\(String(decoding: v.utf8.prefix(8), as: UTF8.self))'")
                v = String(decoding: v.utf8.prefix(8), as: UTF8.self)
            }
            pendingPassword = v
        default:
            unknown(line, known: KeywordTables.authenticationKnown)
        }
    }


    mutating func closeInstance() {
        guard let i = configuration.instances.indices.last else { return }
        let instance = configuration.instances[i]
        if pendingAuthType == "PASS" {
            configuration.instances[i].authentication = .password(pendingPassword ?? "")
        }
        pendingAuthType = nil
        pendingPassword = nil
        if !priorityGiven && instance.state == .master {
            configuration.instances[i].priority = 255
            diagnostics.append(Diagnostic(.warning, at: instance.location, "(\(instance.name)) has no priority and starts as MASTER",
                consequence: "keepalived gives it priority 255: it owns the addresses, always wins and tracking never changes it"))
        }
        priorityGiven = false
        if instance.virtualAddresses.isEmpty {
            diagnostics.append(Diagnostic(.warning, at: instance.location, "(\(instance.name)) No VIP specified; at least one is sensible",
                                          consequence: "as master it adds no address: only its adverts say it is master"))
        }
        if instance.vrid == nil {
            diagnostics.append(Diagnostic(.error, at: instance.location, "(\(instance.name)) has no valid virtual_router_id",
                                          consequence: "keepalived does not run this instance"))
        }
        if instance.interface == nil {
            diagnostics.append(Diagnostic(.error, at: instance.location, "(\(instance.name)) has no interface",
                                          consequence: "vrrpdump does not guess keepalived's default interface"))
        }
    }
}
