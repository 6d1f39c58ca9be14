import Sniffer
