import Foundation

/// A keepalived.conf whose VI_1 has one address on its own interface (`dev`), written as k.conf. Its
/// interfaces exist on no host, so a `--participate` run of it stops at their lookup. The file lasts
/// as long as `scratch`.
enum AddressDeviceFile {
    static func write(in scratch: ScratchDirectory) throws -> URL {
        try scratch.write(Array("""
            vrrp_instance VI_1 {
              interface vrrpdump-no0
              virtual_router_id 51
              virtual_ipaddress {
                192.0.2.223/24
                192.0.2.9 dev vrrpdump-no1
              }
            }
            """.utf8), named: "k.conf")
    }
}
