import ArgumentParser
import Codec
import ElectionModel
import KeepalivedConfig
import Printers
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
            vrrpdump -r FILE --what-if --vrid N --priority P [router options]
            vrrpdump --participate -i INTERFACE --vrid N --priority P --vip ADDR/LEN [router options]
            vrrpdump --participate --config keepalived.conf [--instance NAME] [--strict]
            vrrpdump -r FILE --what-if --config keepalived.conf [--instance NAME]
            vrrpdump --check-config [--json] [--strict] keepalived.conf...
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
    var snapLength: Int?

    @Option(name: .customShort("B"), help: ArgumentHelp(
        "Kernel capture buffer in KiB (default 4096; with -l or --timeline, which deliver each packet at once, 16384 for snapshots up to 8192 bytes, else 32768).",
        valueName: "buffer_size"))
    var bufferSize: Int?

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
        "With --timeline or --what-if: also write a self-contained HTML report (timelines per virtual router; with --what-if the virtual router's modelled lane) to FILE.",
        valueName: "file.html"))
    var report: String?

    @Flag(name: .customLong("what-if"), help: "Replay the capture with a virtual extra router (--vrid, --priority): when it would have become master, what it would have sent, and how the timeline would read.")
    var whatIf = false

    @Option(name: .customLong("what-if-address"), help: ArgumentHelp("With --what-if: the virtual router's address (default 192.0.2.254, or fe80::5e:fe for IPv6).", valueName: "address"))
    var whatIfAddress: String?

    @Option(name: .customLong("join-after"), help: ArgumentHelp("With --what-if: the virtual router starts SECONDS after the capture's first packet.", valueName: "seconds"))
    var joinAfter: Double = 0

    @OptionGroup(title: "Router options (--what-if, --participate)")
    var router: RouterOptions

    @Option(help: ArgumentHelp("Timestamps: absolute (local date and time), relative (since the first packet) or epoch."))
    var time: TimestampFormat = .absolute

    @Option(help: "Colour: auto (only on a terminal), always or never.")
    var color: ColorChoice = .auto

    @OptionGroup(title: "Running as a VRRP router (--participate)")
    var node: ParticipateOptions

    @Option(help: ArgumentHelp("With --what-if: the virtual router is this keepalived.conf's instance; with --participate: run its instances. Read as keepalived 2.2.7 reads it.", valueName: "file"))
    var config: String?

    @Option(help: ArgumentHelp("With --config: the vrrp_instance to use (needed when the file has several).", valueName: "name"))
    var instance: String?

    @Flag(name: .customLong("check-config"), help: ArgumentHelp(
        "Read keepalived.conf FILEs (the arguments) as keepalived 2.2.7 does, no network: diagnostics with fixes, the effective instances, and with several files whether the routers work together. Exit 1 on errors."))
    var checkConfig = false

    @Flag(help: "With --check-config or --participate --config: a warning (something keepalived would silently degrade) fails the check too.")
    var strict = false

    @Option(help: ArgumentHelp(
        "Live capture: serve Prometheus metrics of the election analysis at http://ADDR:PORT/metrics ([ADDR]:PORT for IPv6).",
        valueName: "addr:port"))
    var metrics: MetricsEndpoint?

    @Argument(parsing: .remaining, help: ArgumentHelp("A tcpdump filter expression narrowing the selection.", valueName: "expression"))
    var expression: [String] = []

    func validate() throws {
        if checkConfig {
            if interface != nil || readFile != nil || timeline { throw ValidationError("--check-config reads configuration files only: no -i, -r or --timeline") }
            if expression.isEmpty { throw ValidationError("--check-config needs at least one keepalived configuration file") }
            return
        }
        if strict && !(node.participate && config != nil) { throw ValidationError("--strict needs --check-config or --participate --config") }
        try node.validate(interface: interface, router: router, configFile: config)
        if node.participate {
            if readFile != nil || writeFile != nil || timeline || whatIf || !expression.isEmpty {
                throw ValidationError("--participate runs on -i INTERFACE alone: no -r, -w, --timeline, --what-if or filter")
            }
            if instance != nil && config == nil { throw ValidationError("--instance needs --config") }
            return
        }
        if (interface == nil) == (readFile == nil) {
            throw ValidationError("give exactly one of -i INTERFACE or -r FILE")
        }
        if let count, count <= 0 { throw ValidationError("-c needs a positive count") }
        if let snapLength, snapLength <= 0 { throw ValidationError("-s needs a positive snapshot length") }
        if let bufferSize, bufferSize <= 0 || bufferSize > Int(Int32.max) >> 10 {
            throw ValidationError("-B needs a buffer size in KiB between 1 and \(Int(Int32.max) >> 10)")
        }
        if bufferSize != nil && interface == nil { throw ValidationError("-B needs -i (it sizes a live capture's buffer)") }
        if failOn != nil && !timeline { throw ValidationError("--fail-on needs --timeline") }
        if report != nil && !timeline && !whatIf { throw ValidationError("--report needs --timeline or --what-if") }
        if let report, report.isEmpty || report == "-" { throw ValidationError("--report needs a file name") }
        if whatIf {
            if readFile == nil { throw ValidationError("--what-if needs -r FILE: it replays a capture") }
            if config == nil && (router.vrid == nil || router.priority == nil) {
                throw ValidationError("--what-if needs --vrid and --priority, or --config keepalived.conf")
            }
            if config != nil && (router.vrid != nil || router.priority != nil) {
                throw ValidationError("--config gives the VRID and priority: drop --vrid and --priority")
            }
            if timeline || writeFile != nil || count != nil {
                throw ValidationError("--what-if replays the whole capture: it cannot be combined with --timeline, -w or -c")
            }
            if let whatIfAddress, IPAddress(whatIfAddress) == nil {
                throw ValidationError("--what-if-address: '\(whatIfAddress)' is not an IPv4 or IPv6 address")
            }
            if joinAfter < 0 { throw ValidationError("--join-after needs a time ≥ 0") }
        } else if router.vrid != nil || router.priority != nil || whatIfAddress != nil || config != nil {
            throw ValidationError("--vrid and --priority need --what-if or --participate; --config and --what-if-address need --what-if")
        }
        if instance != nil && config == nil { throw ValidationError("--instance needs --config") }
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
        if checkConfig {
            let status = ConfigCheckSession(files: expression, json: json, strict: strict).run()
            if status != 0 { throw ExitCode(status) }
            return
        }
        if node.participate {
            let session: ParticipateSession
            if let config {
                let file = ParticipateConfigFile(path: config, instance: instance, strict: strict)
                guard let loaded = file.load() else { throw ExitCode(1) }
                session = ParticipateSession(routers: loaded.routers, file: file, loaded: loaded, force: node.force,
                                             realtimePriority: node.realtimePriority, lockMemory: node.noSwap, json: json,
                                             timestamps: time)
            } else {
                let interface = interface ?? ""
                session = ParticipateSession(
                    routers: [ParticipateRouter(instance: nil, interface: interface, config: node.config(router: router, primary: nil),
                                                trackedInterfaces: node.trackedInterfaces, checks: node.checkCommands,
                                                notifier: node.notifier(interface: interface, router: router))],
                    force: node.force, realtimePriority: node.realtimePriority, lockMemory: node.noSwap, json: json, timestamps: time)
            }
            let status = session.run()
            if status != 0 { throw ExitCode(status) }
            return
        }
        let source: SourceSpec = interface.map {
            .live(.init(interface: $0, snapLength: snapLength ?? (timeline ? SnapLength.timeline : SnapLength.maximum),
                        promiscuous: !noPromiscuous,
                        immediate: lineBuffered || timeline, bufferSize: bufferSize.map { $0 << 10 }))
        } ?? .file(readFile ?? "-")
        let filter = expression.isEmpty ? nil : expression.joined(separator: " ")
        if whatIf {
            var session = WhatIfSession(source: source, expression: filter, json: json, timestamps: time, options: router,
                                        address: whatIfAddress.flatMap { IPAddress($0) }, joinAfter: joinAfter)
            session.reportPath = report
            if let config {
                guard let chosen = KeepalivedInstanceChoice.load(config, instance: instance) else { throw ExitCode(1) }
                session.keepalived = chosen
            }
            let status = session.run()
            if status != 0 { throw ExitCode(status) }
            return
        }
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
