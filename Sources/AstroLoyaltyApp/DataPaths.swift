import Foundation

/// Where the program keeps its files, following the XDG base directories.
public struct DataPaths: Sendable {
    public let dataDirectory: String
    public let configDirectory: String

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        let dataHome = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? "\(home)/.local/share"
        let configHome = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? "\(home)/.config"
        dataDirectory = "\(dataHome)/astro-loyalty"
        configDirectory = "\(configHome)/astro-loyalty"
    }

    public var defaultDatabase: String { "\(dataDirectory)/store.sqlite" }
    /// The demo store lives apart from a real one, so trying the demo never touches real data.
    public var demoDatabase: String { "\(dataDirectory)/demo.sqlite" }
    public var defaultConfigFile: String { "\(configDirectory)/config.json" }

    /// The counter's queue of scans kept while the store's server was unreachable (issue 18 #4): one per store,
    /// named by a hash of the store's location (its path or URL without a password), so a scan kept for one
    /// store is never replayed into another (the demo, a second store).
    public func keptScansFile(forStore location: String) -> String {
        "\(dataDirectory)/kept-scans-\(Self.stableHash(Self.storeIdentity(location))).sqlite"
    }

    /// One spelling per store: a file by its absolute path (`--db demo.sqlite` from the store's folder and the
    /// full path are the same store); an address without its password (which may change, or come from the
    /// environment instead).
    static func storeIdentity(_ location: String) -> String {
        guard location.contains("://"), var parts = URLComponents(string: location) else {
            return URL(fileURLWithPath: location).standardizedFileURL.path
        }
        parts.password = nil
        return parts.string ?? location
    }

    /// FNV-1a, 64 bits, in hex: stable across runs and machines (Swift's `hashValue` is not).
    static func stableHash(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return String(hash, radix: 16)
    }
}
