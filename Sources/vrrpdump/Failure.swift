#if canImport(Glibc)
import Glibc
import Printers
#endif

/// Prints the one-line error every failure ends in (`vrrpdump: <file or interface>: <reason>`) and
/// returns the exit status for it.
/// One line on standard error, unprefixed (tcpdump's notices).
func printError(_ line: String) {
    var err = OutputBuffer(fd: STDERR_FILENO, lineBuffered: true)
    err.append(line)
    try? err.endLine()
}

func fail(_ error: any Error) -> Int32 {
    var err = OutputBuffer(fd: STDERR_FILENO, lineBuffered: true)
    err.append("vrrpdump: ")
    err.append(String(describing: error))
    try? err.endLine()
    return 1
}
