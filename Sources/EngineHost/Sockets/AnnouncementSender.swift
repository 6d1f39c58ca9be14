/// Sends link-layer frames on any interface; an AF_PACKET socket in production.
public protocol AnnouncementSender: AnyObject {
    func send(frame: [UInt8], interfaceIndex: Int32) throws(HostError)
}
