import Codec

/// One decoded packet with the capture facts the printers show.
struct PacketRecord {
    var timestamp: Int64
    var interface: String?
    var capturedLength: Int
    var originalLength: Int
    var frame: Frame
    /// `frame.problems`, computed once per packet for the tally and the printer.
    var problems: [Problem]
}
