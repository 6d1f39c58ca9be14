// The VRRP router state machine (`vrrpdump --participate`) will live here: it joins an election as a
// lightweight node, encodes its adverts with the Codec and reports in the Sniffer's event model.
// No issue has asked for it yet, so the module holds no code; it exists so the module graph
// (vrrpdump → Engine → Sniffer → Codec) is in place from the start.
import Sniffer
