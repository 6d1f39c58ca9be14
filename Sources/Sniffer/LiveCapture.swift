import Codec
import CPcap

/// Captures from a network device (or `any`) through libpcap, filtering in the kernel.
public final class LiveCapture: PacketSource {
    public let interfaces: [CaptureInterface]
    /// What `pcap_activate` warned about (e.g. promiscuous mode unsupported), for the user to see.
    public let warning: String?
    private let device: String
    private let pcap: PcapHandle
    private let linkType: LinkType
    private var names = InterfaceNameCache()
    public let stopper: CaptureStopper

    /// The kernel ring when the caller gives no size (`-B`). In immediate mode libpcap uses TPACKET_V2,
    /// one fixed slot per packet sized for the snapshot length (up to about 64 KiB on a veth with
    /// offloads), so 4 MiB of whole frames holds only some 60 packets and a burst overruns it: 32 MiB
    /// held 200,000 packets/s with no drop; with 8 KiB snapshots (`SnapLength.timeline`) 16 MiB holds
    /// 2,000. Otherwise TPACKET_V3 packs packets into blocks and 4 MiB is plenty.
    public static func defaultBufferSize(immediate: Bool, snapLength: Int) -> Int {
        guard immediate else { return 4 << 20 }
        return snapLength <= SnapLength.timeline ? 16 << 20 : 32 << 20
    }

    /// How long a capture not in immediate mode lets a partly filled block wait before delivering it
    /// (tcpdump's default): a quiet segment's packets still show within a second.
    static let blockTimeout: Int32 = 1000

    /// Opens and activates `device`. In `immediate` mode each packet is delivered as it is seen (for
    /// `-l` and a live timeline); otherwise packets come in blocks, which keeps up with far higher rates
    /// for the same memory. `bufferSize` is the kernel ring in bytes (nil: `defaultBufferSize`).
    ///
    /// On `any`, asks for Linux SLL2 headers, which carry each packet's interface index.
    public init(
        device: String, promiscuous: Bool = true, snapLength: Int = SnapLength.maximum, immediate: Bool = true,
        bufferSize: Int? = nil
    ) throws(CaptureError) {
        var message = [UInt8](repeating: 0, count: Int(PCAP_ERRBUF_SIZE))
        guard let created = pcap_create(device, &message) else {
            throw .captureFailed(device, message: String(decoding: message.prefix { $0 != 0 }, as: UTF8.self))
        }
        let pcap = PcapHandle(created)
        let handle = pcap.pointer
        pcap_set_snaplen(handle, Int32(clamping: snapLength))
        pcap_set_promisc(handle, promiscuous ? 1 : 0)
        pcap_set_immediate_mode(handle, immediate ? 1 : 0)
        if !immediate { pcap_set_timeout(handle, Self.blockTimeout) }
        pcap_set_buffer_size(handle, Int32(clamping: bufferSize ?? Self.defaultBufferSize(immediate: immediate, snapLength: snapLength)))
        let status = pcap_activate(handle)
        if status < 0 {
            throw Self.activationError(status, device: device, message: pcap.lastError)
        }
        warning = status > 0 ? pcap.lastError : nil
        if device == "any" {
            // Fails harmlessly on kernels without SLL2 support; LINUX_SLL remains.
            pcap_set_datalink(handle, DLT_LINUX_SLL2)
        }
        let dlt = pcap_datalink(handle)
        guard let linkType = LinkType(dlt: dlt) else {
            throw .unsupportedLinkType(device, linkType: UInt32(bitPattern: dlt))
        }
        self.device = device
        self.pcap = pcap
        stopper = CaptureStopper(live: pcap)
        self.linkType = linkType
        interfaces = [
            CaptureInterface(
                name: device, linkType: linkType, snapLength: Int(pcap_snapshot(handle)),
                timestampPrecision: .microseconds)
        ]
    }

    private static func activationError(_ status: Int32, device: String, message: String) -> CaptureError {
        switch status {
        case PCAP_ERROR_NO_SUCH_DEVICE: .noSuchDevice(device)
        case PCAP_ERROR_PERM_DENIED: .capturePermissionDenied(device)
        case PCAP_ERROR_PROMISC_PERM_DENIED: .promiscuousPermissionDenied(device)
        case PCAP_ERROR_IFACE_NOT_UP: .interfaceDown(device)
        default: .captureFailed(device, message: message.isEmpty ? String(cString: pcap_statustostr(status)) : message)
        }
    }

    /// Installs the filter in the kernel, compiled on the live handle so the first `vlan` uses
    /// the tag Linux strips from the frame into packet metadata.
    public func setFilter(_ filter: PacketFilter) throws(CaptureError) {
        guard let program = try filter.program(for: linkType, on: pcap.pointer) else { return }
        guard program.withProgram({ pcap_setfilter(pcap.pointer, &$0) }) == 0 else {
            throw .captureFailed(device, message: "cannot install filter: " + pcap.lastError)
        }
    }

    /// What the C callback needs; lives on the stack of `forEach` for the duration of one dispatch.
    private struct Dispatch {
        let body: (PacketInfo, UnsafeRawBufferPointer) throws -> Bool
        let handle: OpaquePointer
        let linkType: LinkType
        var finished = false
        var error: (any Error)?
    }

    public func forEach(_ body: (PacketInfo, UnsafeRawBufferPointer) throws -> Bool) throws {
        try withoutActuallyEscaping(body) { body in
            var dispatch = Dispatch(body: body, handle: pcap.pointer, linkType: linkType)
            while !stopper.isStopRequested {
                let status = withUnsafeMutablePointer(to: &dispatch) { pointer in
                    pcap_dispatch(pcap.pointer, -1, Self.deliver, UnsafeMutableRawPointer(pointer).assumingMemoryBound(to: UInt8.self))
                }
                if let error = dispatch.error { throw error }
                if dispatch.finished { return }
                // PCAP_ERROR_BREAK: stop() interrupted the wait; the loop condition decides.
                if status == PCAP_ERROR {
                    throw CaptureError.captureFailed(device, message: pcap.lastError)
                }
            }
        }
    }

    private static let deliver: pcap_handler = { user, header, bytes in
        guard let user, let header else { return }
        let dispatch = UnsafeMutableRawPointer(user).assumingMemoryBound(to: Dispatch.self)
        let packetHeader = header.pointee
        let info = PacketInfo(
            timestamp: Int64(packetHeader.ts.tv_sec) &* 1_000_000_000 &+ Int64(packetHeader.ts.tv_usec) &* 1_000,
            capturedLength: Int(packetHeader.caplen),
            originalLength: Int(packetHeader.len),
            interface: 0,
            linkType: dispatch.pointee.linkType)
        do {
            if try dispatch.pointee.body(info, UnsafeRawBufferPointer(start: bytes, count: info.capturedLength)) {
                return
            }
            dispatch.pointee.finished = true
        } catch {
            dispatch.pointee.error = error
        }
        pcap_breakloop(dispatch.pointee.handle)
    }

    public var statistics: CaptureStatistics? {
        var counters = pcap_stat()
        guard pcap_stats(pcap.pointer, &counters) == 0 else { return nil }
        return CaptureStatistics(
            received: counters.ps_recv, droppedByKernel: counters.ps_drop, droppedByInterface: counters.ps_ifdrop)
    }

    /// On `any`, the device named by the SLL2 header's interface index (bytes 4-7, big-endian).
    public func interfaceName(of packet: UnsafeRawBufferPointer, info: PacketInfo) -> String? {
        guard linkType == .linuxSLL2, packet.count >= 8 else { return device }
        let index = UInt32(bigEndian: packet.loadUnaligned(fromByteOffset: 4, as: UInt32.self))
        return names.name(for: index)
    }
}
