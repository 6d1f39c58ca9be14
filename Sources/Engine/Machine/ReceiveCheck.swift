import Codec

/// The receive checks of RFC 9568 §7.1 / RFC 3768 §7.1, plus our own adverts and unicast sources.
enum ReceiveCheck {
    /// Why `advert` must be dropped, nil when it passes. The address list is not checked here: a
    /// mismatch is counted and the advert still used.
    static func dropReason(_ advert: ReceivedAdvert, config: RouterConfig) -> DropReason? {
        let packet = advert.packet
        if advert.source == config.sourceAddress || advert.source == config.primaryAddress { return .ownAdvert }
        if advert.source.isIPv6 != (config.family == .ipv6) { return .family }
        if advert.hopLimit != 255 { return .hopLimit }
        if packet.version != config.version { return .version }
        if packet.type != VRRPPacket.advertisement { return .type }
        // Every form the Codec recognises is accepted (plain, pseudo-header, pseudo-header-224.0.0.18).
        if !packet.checksumCheck.isValid || packet.isTruncated { return .checksum }
        if packet.vrid != config.vrid { return .vrid }
        if !config.unicastPeers.isEmpty && !config.unicastPeers.contains(advert.source) { return .unknownSource }
        if config.version == 2 {
            let auth = config.authentication
            if packet.authType != auth.type || (auth.type == 1 && packet.authData != auth.data) { return .auth }
            if packet.intervalCentiseconds != config.advertInterval { return .interval }
        }
        return nil
    }
}
