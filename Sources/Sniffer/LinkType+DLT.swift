import Codec
import CPcap

extension LinkType {
    /// The DLT_ value libpcap's compiler and `pcap_open_dead` expect; only RAW differs from LINKTYPE_.
    var dlt: Int32 {
        self == .raw ? DLT_RAW : Int32(rawValue)
    }
}
