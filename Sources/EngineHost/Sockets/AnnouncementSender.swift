/// Sends link-layer frames on one interface; an AF_PACKET socket in production.
public protocol AnnouncementSender: AnyObject {
    func send(frame: [UInt8]) throws(HostError)
}
