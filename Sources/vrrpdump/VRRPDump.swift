import ArgumentParser
@main struct VRRPDump: ParsableCommand { func run() throws {} }
