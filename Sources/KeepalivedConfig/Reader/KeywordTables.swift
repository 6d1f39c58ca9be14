/// The keywords keepalived 2.2.7 knows in each block, split by what vrrpdump does with them.
enum KeywordTables {
    /// Known to keepalived, no effect on VRRP as vrrpdump runs it (mail, SNMP, LVS): read and ignored.
    static let globalIgnored: Set<String> = [
        "notification_email_from", "smtp_server", "smtp_helo_name", "smtp_connect_timeout", "smtp_alert",
        "smtp_alert_vrrp", "smtp_alert_checker", "enable_traps", "enable_snmp_vrrp", "enable_snmp_keepalived",
        "enable_snmp_checker", "enable_snmp_rfc", "enable_snmp_rfcv2", "enable_snmp_rfcv3", "snmp_socket",
        "enable_dbus", "checker_log_all_failures", "no_checker_emails", "umask",
    ]
    /// Known to keepalived and changing behaviour vrrpdump does not reproduce: refused.
    static let globalRefused: Set<String> = [
        "vrrp_strict", "vrrp_iptables", "vrrp_mcast_group4", "vrrp_mcast_group6",
        "vrrp_garp_interval", "vrrp_gna_interval", "vrrp_garp_master_refresh_repeat", "vrrp_garp_lower_prio_delay",
        "vrrp_garp_lower_prio_repeat", "vrrp_lower_prio_no_advert", "vrrp_higher_prio_send_advert",
        "vrrp_check_unicast_src", "vrrp_skip_check_adv_addr", "vrrp_min_garp", "vrrp_down_timer_adverts",
        "dynamic_interfaces", "default_interface", "vrrp_no_swap", "vrrp_priority",
        "vrrp_rt_priority", "vrrp_notify_fifo", "notify_fifo", "vrrp_startup_delay", "vrrp_garp_extra_if",
        "vrrp_netlink_cmd_rcv_bufs", "vrrp_rx_bufs_policy", "max_auto_priority",
    ]
    static let globalKnown = [
        "router_id", "vrrp_version", "script_user", "enable_script_security", "vrrp_garp_master_delay",
        "vrrp_garp_master_repeat", "vrrp_garp_master_refresh", "notification_email",
    ] + Array(globalIgnored)

    static let scriptKnown = ["script", "interval", "timeout", "weight", "rise", "fall", "user", "init_fail"]

    static let instanceRefused: Set<String> = [
        "virtual_routes", "virtual_rules", "track_bfd", "track_process", "track_file", "mcast_src_ip",
        "dont_track_primary", "vmac_xmit_base", "native_ipv6", "strict_mode", "garp_lower_prio_delay",
        "garp_lower_prio_repeat", "garp_master_refresh_repeat", "higher_prio_send_advert", "unicast_ttl",
        "check_unicast_src", "unicast_fault_no_peer", "down_timer_adverts", "kernel_rx_buf_size",
        "promote_secondaries", "notify_deleted", "notify_master_rx_lower_pri", "notify_priority_changes",
        "linkbeat_use_polling", "track_src_ip", "skip_check_adv_addr", "use_ipvlan", "old_unicast_checksum",
        "lvs_sync_daemon_interface",
    ]
    static let instanceIgnored: Set<String> = ["smtp_alert", "debug"]
    static let instanceKnown = [
        "state", "interface", "virtual_router_id", "priority", "advert_int", "authentication", "virtual_ipaddress",
        "virtual_ipaddress_excluded", "track_script", "track_interface", "nopreempt", "preempt", "preempt_delay",
        "unicast_src_ip", "unicast_peer", "garp_master_delay", "garp_master_repeat", "garp_master_refresh",
        "notify_master", "notify_backup", "notify_fault", "notify_stop", "notify", "version", "accept",
        "no_accept", "use_vmac", "lower_prio_no_advert",
    ] + Array(instanceRefused) + Array(instanceIgnored)

    static let authenticationKnown = ["auth_type", "auth_pass"]
    static let syncGroupKnown = ["group", "notify_master", "notify_backup", "notify_fault", "notify_stop", "notify",
                                 "smtp_alert", "global_tracking", "track_interface", "track_script", "track_process",
                                 "track_bfd", "sync_group_tracking_weight"]
    static let syncGroupRefused: Set<String> = ["global_tracking", "track_interface", "track_script", "track_process",
                                                "track_bfd", "sync_group_tracking_weight"]

    /// Top-level blocks keepalived knows but vrrpdump does not run.
    static let topRefused: Set<String> = [
        "virtual_server", "virtual_server_group", "static_ipaddress", "static_routes", "static_rules",
        "bfd_instance", "vrrp_track_process", "vrrp_track_file", "track_file", "linkbeat_interfaces",
    ]
    static let topKnown = ["global_defs", "vrrp_script", "vrrp_instance", "vrrp_sync_group"] + Array(topRefused)
}
