/// Link-layer frames heard on the node's interface while it listens before joining; an AF_PACKET
/// socket in production (`ListenSocket`), a list in tests.
public protocol FrameSource: AnyObject {
    /// The descriptor to poll for readability.
    var descriptor: Int32 { get }
    /// Hands every frame that arrived (from its Ethernet header on) to `body`; never blocks.
    func drain(_ body: (UnsafeRawBufferPointer) -> Void)
}
