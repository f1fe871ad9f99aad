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
}
