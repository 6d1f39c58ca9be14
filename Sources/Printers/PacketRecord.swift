import Codec

/// One decoded packet with the capture facts the printers show.
package struct PacketRecord {
    package var timestamp: Int64
    package var interface: String?
    package var capturedLength: Int
    package var originalLength: Int
    package var frame: Frame
    /// `frame.problems`, computed once per packet for the tally and the printer.
    package var problems: [Problem]

    package init(timestamp: Int64, interface: String?, capturedLength: Int, originalLength: Int, frame: Frame,
                 problems: [Problem]) {
        self.timestamp = timestamp
        self.interface = interface
        self.capturedLength = capturedLength
        self.originalLength = originalLength
        self.frame = frame
        self.problems = problems
    }
}
