#ifndef VRRPDUMP_CPCAP_SHIM_H
#define VRRPDUMP_CPCAP_SHIM_H
#include <pcap/pcap.h>
#endif
