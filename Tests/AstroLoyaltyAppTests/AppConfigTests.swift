import Foundation
import Testing
@testable import AstroLoyaltyApp

/// A class, so that each test's config files go with its instance (they were left in the temporary folder, a few
/// hundred per run).
@Suite final class AppConfigTests {
    private let folder = FileManager.default.temporaryDirectory.appendingPathComponent("astro-config-\(UUID().uuidString)")

    deinit { try? FileManager.default.removeItem(at: folder) }

    private func temp(_ text: String) throws -> String {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("config-\(UUID().uuidString).json").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func exampleFileDecodesToTheDefaults() throws {
        let example = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("config.example.json").path
        let config = try AppConfig.load(path: example, environment: [:])
        var expected = AppConfig()
        expected.store.goLiveDate = "2024-03-01"
        #expect(config == expected)
    }

    @Test func missingKeysKeepTheirDefaults() throws {
        let config = try AppConfig.load(path: try temp(#"{"button": {"port": 9000}}"#), environment: [:])
        #expect(config.button.port == 9000)
        #expect(config.security.idleLockMinutes == 10)
        #expect(config.store.timeZone == "America/New_York")
    }

    /// Default: Astro Loyalty's public client, no secret, no redirect_uri.
    @Test func theDefaultIsThePublicClientWithNoSecret() throws {
        let config = try AppConfig.load(path: try temp("{}"), environment: [:])
        #expect(config.lightspeed.clientID == nil && config.lightspeed.clientSecret == nil)
        #expect(config.lightspeed.redirectURI == nil)
    }

    /// A store's own registration: its ID from the config or environment, its secret only from the environment.
    @Test func aSecretComesOnlyFromTheEnvironmentWithTheStoresOwnClientID() throws {
        let config = try AppConfig.load(path: try temp(#"{"lightspeed": {"clientID": "store-app"}}"#),
                                        environment: ["ASTRO_LIGHTSPEED_CLIENT_SECRET": "s3"])
        #expect(config.lightspeed.clientSecret == "s3" && config.lightspeed.clientID == "store-app")
        let inFile = try temp(#"{"lightspeed": {"clientID": "store-app", "clientSecret": "s3"}}"#)
        #expect { try AppConfig.load(path: inFile, environment: [:]) } throws: { error in
            "\(error)".contains("lightspeed.clientSecret is not read from a file") && "\(error)".contains(inFile)
        }
        #expect { try AppConfig.load(path: try temp("{}"), environment: ["ASTRO_LIGHTSPEED_CLIENT_SECRET": "s3"]) } throws: { error in
            "\(error)".contains("ASTRO_LIGHTSPEED_CLIENT_SECRET is set but lightspeed.clientID")
        }
    }

    @Test func aConfiguredRedirectMustBeHTTPS() throws {
        let http = try temp(#"{"lightspeed": {"redirectURI": "http://127.0.0.1:8765/lightspeed/callback"}}"#)
        #expect { try AppConfig.load(path: http, environment: [:]) } throws: { error in
            "\(error)".contains("lightspeed.redirectURI") && "\(error)".contains("not HTTPS") && "\(error)".contains(http)
        }
        let https = try temp(#"{"lightspeed": {"redirectURI": "https://localhost/lightspeed/callback"}}"#)
        #expect(try AppConfig.load(path: https, environment: [:]).lightspeed.redirectURI == "https://localhost/lightspeed/callback")
    }

    @Test func badValuesAreExplained() throws {
        let zone = try temp(#"{"store": {"timeZone": "Mars/Olympus"}}"#)
        #expect { try AppConfig.load(path: zone, environment: [:]) } throws: { error in
            "\(error)".contains("Mars/Olympus") && "\(error)".contains("time zone")
        }
        let type = try temp(#"{"button": {"port": "eighty"}}"#)
        #expect { try AppConfig.load(path: type, environment: [:]) } throws: { error in
            "\(error)".contains("button.port")
        }
        #expect { try AppConfig.load(path: "/nonexistent/astro.json", environment: [:]) } throws: { error in
            "\(error)".contains("does not exist")
        }
    }

    @Test func dataPathsFollowXDG() {
        let paths = DataPaths(environment: ["HOME": "/home/ann", "XDG_DATA_HOME": "/data"])
        #expect(paths.defaultDatabase == "/data/astro-loyalty/store.sqlite")
        #expect(paths.defaultConfigFile == "/home/ann/.config/astro-loyalty/config.json")
        #expect(DataPaths(environment: ["HOME": "/home/ann"]).defaultDatabase
                == "/home/ann/.local/share/astro-loyalty/store.sqlite")
    }
}
