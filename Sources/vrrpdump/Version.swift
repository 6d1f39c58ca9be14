/// `--version`; also the Debian package's version (scripts/package reads it from here).
enum Version {
    static let current = "0.1.0"
}
