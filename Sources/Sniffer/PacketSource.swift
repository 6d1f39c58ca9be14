/// A stream of captured packets: a live interface or a capture file.
///
/// The CLI drives it in a hot loop:
/// ```swift
/// let source = try CaptureFile.open(path)          // or LiveCapture(device: "eth0")
/// try source.setFilter(.vrrp(narrowedBy: expression))
/// let stopper = source.stopper                     // give this to the SIGINT/SIGTERM handler
/// try source.forEach { info, bytes in
///     handle(info, bytes)                          // bytes are only valid inside the closure
///     return true                                  // false stops the loop (e.g. after -c N)
/// }
/// print(source.statistics)                         // live only
/// ```
/// `forEach` hands each packet as a view into the source's own buffer: nothing is allocated or
/// copied per packet, so the closure must copy whatever it keeps. Memory stays flat whatever the
/// file size. Calling `forEach` again resumes after the last packet delivered.
public protocol PacketSource: AnyObject {
    /// The interfaces seen so far; pcapng sources append when a later block defines more.
    var interfaces: [CaptureInterface] { get }

    /// Restricts delivery to packets matching `filter`; live sources filter in the kernel.
    func setFilter(_ filter: PacketFilter) throws(CaptureError)

    /// Delivers packets in order until the source ends, `body` returns false, or the stopper stops it.
    ///
    /// Throws a `CaptureError` when the source fails (packets before the damage have been
    /// delivered by then) and rethrows what `body` throws.
    func forEach(_ body: (PacketInfo, UnsafeRawBufferPointer) throws -> Bool) throws

    /// Stops `forEach` from any thread or a signal handler; hand it to the handler, not the source.
    var stopper: CaptureStopper { get }

    /// Live counters; nil for files.
    var statistics: CaptureStatistics? { get }

    /// How far a file has been read; nil for live captures.
    var progress: ReadProgress? { get }

    /// The device a packet was captured on: the interface's name, or for `any` the device named
    /// by the packet's Linux SLL2 header (looked up once per device index).
    func interfaceName(of packet: UnsafeRawBufferPointer, info: PacketInfo) -> String?
}
