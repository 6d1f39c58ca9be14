import Printers
import ArgumentParser
import ElectionModel
import Sniffer
#if canImport(Glibc)
import Glibc
#endif

/// The command line: tcpdump's conventions where they fit.
@main
struct VRRPDump: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vrrpdump",
        abstract: "Show what VRRP routers really do on the wire.",
        usage: """
            vrrpdump -i INTERFACE [options] [expression]
            vrrpdump -r FILE [options] [expression]
            """,
        discussion: """
            Prints every VRRP (v2, v3; IPv4, IPv6; behind IPsec AH), CARP, ARP and ICMPv6 neighbour \
            advertisement packet, one line each, with checksum verdicts and anomalies. A trailing \
            tcpdump filter expression narrows the selection. Statistics go to standard error.
            """,
        version: Version.current)

    @Option(name: .customShort("i"), help: ArgumentHelp("Capture live on INTERFACE ('any' for all).", valueName: "interface"))
    var interface: String?

    @Option(name: .customShort("r"), help: ArgumentHelp("Read a pcap or pcapng FILE ('-' for standard input).", valueName: "file"))
    var readFile: String?

    @Option(name: .customShort("w"), help: ArgumentHelp("Write the packets to FILE as pcap (pcapng when link types mix).", valueName: "file"))
    var writeFile: String?

    @Option(name: .customShort("C"), help: ArgumentHelp(
        "With -w: start a new file once the current one exceeds SIZE million bytes (tcpdump's -C).", valueName: "size"))
    var fileSize: Int?

    @Option(name: .customShort("G"), help: ArgumentHelp(
        "With -w: start a new file every SECONDS; strftime(3) conversions in the -w name (tcpdump's -G).",
        valueName: "seconds"))
    var rotateSeconds: Int?

    @Option(name: .customShort("W"), help: ArgumentHelp(
        "With -C: keep a ring of COUNT files; with -G alone: stop after COUNT files (tcpdump's -W).", valueName: "count"))
    var fileCount: Int?

    @Option(name: .customShort("Z"), help: ArgumentHelp(
        "When started as root, run as USER once the capture is open, before creating -w files.", valueName: "user"))
    var user: String?

    @Option(name: .customShort("c"), help: ArgumentHelp("Stop after COUNT packets.", valueName: "count"))
    var count: Int?

    @Option(name: .customShort("s"), help: ArgumentHelp("Snapshot length for live capture.", valueName: "snaplen"))
    var snapLength: Int = SnapLength.maximum

    @Flag(name: .customShort("n"), help: "Accepted for tcpdump habit: vrrpdump never resolves names.")
    var numeric: Int

    @Flag(name: .customShort("v"), help: "More detail: link layer, VLAN tags, IP header (repeatable).")
    var verbose: Int

    @Flag(name: .customShort("l"), help: "Flush output after every line.")
    var lineBuffered = false

    @Flag(name: .customShort("p"), help: "Do not put the interface into promiscuous mode.")
    var noPromiscuous = false

    @Flag(help: "One JSON object per line instead of text (schema in the README).")
    var json = false

    @Flag(help: "Hide VRRPv2 simple-authentication passwords in every output, -w included.")
    var redact = false

    @Flag(help: "Print the election timeline (master changes, failovers, anomalies) instead of packets, then a summary per virtual router.")
    var timeline = false

    @Option(name: .customLong("fail-on"), help: ArgumentHelp(
        "With --timeline: exit with status 3 when any of these events occurred.", valueName: "event[,event...]"))
    var failOn: FailOn?

    @Option(help: ArgumentHelp(
        "With --timeline: also write a self-contained HTML report (timelines per virtual router) to FILE.",
        valueName: "file.html"))
    var report: String?

    @Option(help: ArgumentHelp("Timestamps: absolute (local date and time), relative (since the first packet) or epoch."))
    var time: TimestampFormat = .absolute

    @Option(help: "Colour: auto (only on a terminal), always or never.")
    var color: ColorChoice = .auto

    @Option(help: ArgumentHelp(
        "Live capture: serve Prometheus metrics of the election analysis at http://ADDR:PORT/metrics ([ADDR]:PORT for IPv6).",
        valueName: "addr:port"))
    var metrics: MetricsEndpoint?

    @Argument(parsing: .remaining, help: ArgumentHelp("A tcpdump filter expression narrowing the selection.", valueName: "expression"))
    var expression: [String] = []

    func validate() throws {
        if (interface == nil) == (readFile == nil) {
            throw ValidationError("give exactly one of -i INTERFACE or -r FILE")
        }
        if let count, count <= 0 { throw ValidationError("-c needs a positive count") }
        if snapLength <= 0 { throw ValidationError("-s needs a positive snapshot length") }
        if failOn != nil && !timeline { throw ValidationError("--fail-on needs --timeline") }
        if report != nil && !timeline { throw ValidationError("--report needs --timeline") }
        if let report, report.isEmpty || report == "-" { throw ValidationError("--report needs a file name") }
        if fileSize != nil || rotateSeconds != nil || fileCount != nil {
            guard let writeFile, writeFile != "-" else { throw ValidationError("-C, -G and -W need -w FILE (not standard output)") }
        }
        if let fileSize, fileSize <= 0 || fileSize > Int.max / 1_000_000 { throw ValidationError("-C needs a positive size in millions of bytes") }
        if let rotateSeconds, rotateSeconds <= 0 { throw ValidationError("-G needs a positive number of seconds") }
        if let fileCount, fileCount <= 0 { throw ValidationError("-W needs a positive count") }
        if fileCount != nil && fileSize == nil && rotateSeconds == nil { throw ValidationError("-W needs -C or -G") }
        if metrics != nil && interface == nil { throw ValidationError("--metrics needs a live capture (-i INTERFACE)") }
        if let user, user.isEmpty { throw ValidationError("-Z needs a user name") }
    }

    /// `-w` with its rotation (`-C`, `-G`, `-W`).
    private var sink: CaptureSink? {
        writeFile.map {
            CaptureSink(path: $0, rotation: CaptureRotation(fileSize: fileSize.map { Int64($0) * 1_000_000 },
                                                            seconds: rotateSeconds, fileCount: fileCount),
                        redact: redact)
        }
    }

    func run() throws {
        let source: SourceSpec = interface.map { .live(interface: $0, snapLength: snapLength, promiscuous: !noPromiscuous) }
            ?? .file(readFile ?? "-")
        let filter = expression.isEmpty ? nil : expression.joined(separator: " ")
        if timeline {
            var session = TimelineSession(source: source, count: count, json: json, lineBuffered: lineBuffered,
                                          expression: filter, timestamps: time, failOn: failOn)
            session.reportPath = report
            session.sink = sink
            session.user = user
            session.metricsEndpoint = metrics
            let status = session.run()
            if status != 0 { throw ExitCode(status) }
            return
        }
        var options = PrintOptions()
        options.verbosity = verbose
        options.redact = redact
        options.timestamps = time
        options.color = !json && color.enabled(forDescriptor: STDOUT_FILENO)
        options.showInterface = interface == "any"
        var session = DumpSession(
            source: source, sink: sink, count: count, json: json, lineBuffered: lineBuffered,
            expression: filter, options: options)
        session.user = user
        session.metricsEndpoint = metrics
        let status = session.run()
        if status != 0 { throw ExitCode(status) }
    }
}

enum ColorChoice: String, CaseIterable, ExpressibleByArgument {
    case auto, always, never

    func enabled(forDescriptor fd: Int32) -> Bool {
        switch self {
        case .always: true
        case .never: false
        case .auto: isatty(fd) == 1 && getenv("NO_COLOR") == nil
        }
    }
}

extension TimestampFormat: ExpressibleByArgument {}
