import Foundation
import Lightspeed
import LoyaltyCore

/// Every setting of the program, with the defaults a new store starts from.
/// Read from `config.json` (see `config.example.json`); a missing file means all defaults,
/// a missing key means that key's default, so old config files keep working.
public struct AppConfig: Codable, Sendable, Equatable {
    /// Path of the SQLite store; nil means the default in the user's data directory. Older files' key:
    /// `database` names the store since PostgreSQL (issue 18) and wins when both are set.
    public var databasePath: String?
    /// The store: a SQLite file's path, or a `postgresql://user@host:port/database` URL (never with a password:
    /// PGPASSWORD or a password file). nil: `databasePath`, else the default file.
    public var database: String?
    public var store: StoreSection
    public var points: PointsSection
    public var lightspeed: LightspeedSection
    public var button: ButtonSection
    public var security: SecuritySection
    public var log: LogSection
    public var checkout: CheckoutSection
    /// The Lightspeed sales watcher (AppConfig+Watcher.swift).
    public var watcher = WatcherSection()
    /// This counter's location, by name or id (`astro-loyalty locations list`); nil: the store's default
    /// location. An unknown one stops the program at start with the list of known ones.
    public var location: String?

    public struct StoreSection: Codable, Sendable, Equatable {
        /// Used only when a new store is created; afterwards the store's own settings rule.
        public var name: String = "My Pet Store"
        public var timeZone: String = "America/New_York"
        /// YYYY-MM-DD: the day the store started the loyalty program (Import History warns before it).
        public var goLiveDate: String?
    }

    public struct PointsSection: Codable, Sendable, Equatable {
        public var enabled: Bool = true
        /// Points for each whole currency unit of a sale's subtotal.
        public var pointsPerCurrencyUnit: Int = 1
        /// Lightspeed item fees (`lineType` item_fee: deposits, environmental fees) earn points too. Off: a fee
        /// is not product spend.
        public var itemFeesEarnPoints: Bool = false

        /// The Lightspeed button's and Import History's points choices.
        public var salePolicy: SalePointsPolicy { SalePointsPolicy(itemFeesEarnPoints: itemFeesEarnPoints) }
    }

    public struct LightspeedSection: Codable, Sendable, Equatable {
        public var apiBaseURL: String = "https://api.lightspeedapp.com"
        public var authBaseURL: String = "https://cloud.lightspeedapp.com"
        /// nil: Astro Loyalty's own client ID (`LightspeedConfiguration.applicationClientID`), a public client
        /// with PKCE. Set only for a store's own Lightspeed registration (or a simulator's).
        public var clientID: String?
        /// Only from the environment (ASTRO_LIGHTSPEED_CLIENT_SECRET), only with a store's own registration;
        /// a config file that holds one is refused. nil: the public client, no secret on the counter.
        public var clientSecret: String?
        /// nil: none is sent and Lightspeed uses the HTTPS address registered with the client. When set, it
        /// must be HTTPS and equal to the registered one.
        public var redirectURI: String?
        /// Seconds before a Lightspeed request is given up.
        public var requestTimeoutSeconds: Double = 20
        /// Use the built-in simulator instead of the real API (training mode).
        public var simulator: Bool = false
        /// Data file for the simulator (default: Assets/lightspeed-demo.json).
        public var simulatorDataPath: String?
    }

    public struct ButtonSection: Codable, Sendable, Equatable {
        /// Loopback port the Sale/Refund button listener binds to.
        public var port: Int = 8765
        public var enabled: Bool = true
    }

    public struct SecuritySection: Codable, Sendable, Equatable {
        /// Minutes without a key before the terminal locks itself.
        public var idleLockMinutes: Int = 10
        public var maxFailedSignIns: Int = 5
        public var lockoutMinutes: Int = 5
    }

    public struct CheckoutSection: Codable, Sendable, Equatable {
        /// A scan of more units than this (`12*` and up) asks to confirm: `999*` is a slip, not a purchase.
        public var confirmQuantityAbove: Int = 10
    }

    public struct LogSection: Codable, Sendable, Equatable {
        /// nil: `astro-loyalty.log` next to the database.
        public var path: String?
        /// trace, debug, info, notice, warning, error, critical
        public var level: String = "info"
    }

    public init() {
        databasePath = nil
        store = StoreSection()
        points = PointsSection()
        lightspeed = LightspeedSection()
        button = ButtonSection()
        security = SecuritySection()
        log = LogSection()
        checkout = CheckoutSection()
    }
}

// Every key optional in the file: decode field by field over the defaults.
extension AppConfig {
    public init(from decoder: any Decoder) throws {
        self.init()
        let c = try decoder.container(keyedBy: CodingKeys.self)
        databasePath = try c.decodeIfPresent(String.self, forKey: .databasePath)
        database = try c.decodeIfPresent(String.self, forKey: .database)
        store = try c.decodeIfPresent(StoreSection.self, forKey: .store) ?? store
        points = try c.decodeIfPresent(PointsSection.self, forKey: .points) ?? points
        lightspeed = try c.decodeIfPresent(LightspeedSection.self, forKey: .lightspeed) ?? lightspeed
        button = try c.decodeIfPresent(ButtonSection.self, forKey: .button) ?? button
        security = try c.decodeIfPresent(SecuritySection.self, forKey: .security) ?? security
        log = try c.decodeIfPresent(LogSection.self, forKey: .log) ?? log
        watcher = try c.decodeIfPresent(WatcherSection.self, forKey: .watcher) ?? watcher
        checkout = try c.decodeIfPresent(CheckoutSection.self, forKey: .checkout) ?? checkout
        location = try c.decodeIfPresent(String.self, forKey: .location)
    }
}

extension AppConfig.CheckoutSection {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        confirmQuantityAbove = try c.decodeIfPresent(Int.self, forKey: .confirmQuantityAbove) ?? confirmQuantityAbove
    }
}

extension AppConfig.StoreSection {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decodeIfPresent(String.self, forKey: .name) ?? name
        timeZone = try c.decodeIfPresent(String.self, forKey: .timeZone) ?? timeZone
        goLiveDate = try c.decodeIfPresent(String.self, forKey: .goLiveDate)
    }
}

extension AppConfig.PointsSection {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        enabled = try c.decodeIfPresent(Bool.self, forKey: .enabled) ?? enabled
        pointsPerCurrencyUnit = try c.decodeIfPresent(Int.self, forKey: .pointsPerCurrencyUnit) ?? pointsPerCurrencyUnit
        itemFeesEarnPoints = try c.decodeIfPresent(Bool.self, forKey: .itemFeesEarnPoints) ?? itemFeesEarnPoints
    }
}

extension AppConfig.LightspeedSection {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        apiBaseURL = try c.decodeIfPresent(String.self, forKey: .apiBaseURL) ?? apiBaseURL
        authBaseURL = try c.decodeIfPresent(String.self, forKey: .authBaseURL) ?? authBaseURL
        clientID = try c.decodeIfPresent(String.self, forKey: .clientID)
        clientSecret = try c.decodeIfPresent(String.self, forKey: .clientSecret)
        redirectURI = try c.decodeIfPresent(String.self, forKey: .redirectURI).flatMap { $0.isEmpty ? nil : $0 }
        requestTimeoutSeconds = try c.decodeIfPresent(Double.self, forKey: .requestTimeoutSeconds)
            ?? requestTimeoutSeconds
        simulator = try c.decodeIfPresent(Bool.self, forKey: .simulator) ?? simulator
        simulatorDataPath = try c.decodeIfPresent(String.self, forKey: .simulatorDataPath)
    }
}

extension AppConfig.ButtonSection {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        port = try c.decodeIfPresent(Int.self, forKey: .port) ?? port
        enabled = try c.decodeIfPresent(Bool.self, forKey: .enabled) ?? enabled
    }
}

extension AppConfig.SecuritySection {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        idleLockMinutes = try c.decodeIfPresent(Int.self, forKey: .idleLockMinutes) ?? idleLockMinutes
        maxFailedSignIns = try c.decodeIfPresent(Int.self, forKey: .maxFailedSignIns) ?? maxFailedSignIns
        lockoutMinutes = try c.decodeIfPresent(Int.self, forKey: .lockoutMinutes) ?? lockoutMinutes
    }
}

extension AppConfig.LogSection {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        path = try c.decodeIfPresent(String.self, forKey: .path)
        level = try c.decodeIfPresent(String.self, forKey: .level) ?? level
    }
}

/// A config file that exists but can't be used: the message names the file and what is wrong.
public struct ConfigError: Error, CustomStringConvertible {
    public let description: String
}

extension AppConfig {
    /// Loads `path`, or the default config file when nil. A default file that is missing gives the
    /// defaults; a named file that is missing is an error (the user meant that file).
    public static func load(path: String?, environment: [String: String] = ProcessInfo.processInfo.environment)
        throws -> AppConfig {
        let file = path ?? DataPaths(environment: environment).defaultConfigFile
        var config = AppConfig()
        if FileManager.default.fileExists(atPath: file) {
            do {
                let data = try Data(contentsOf: URL(fileURLWithPath: file))
                config = try JSONDecoder().decode(AppConfig.self, from: data)
            } catch let error as DecodingError {
                throw ConfigError(description: "The config file \(file) is not valid: \(Self.explain(error))")
            } catch {
                throw ConfigError(description: "The config file \(file) could not be read: \(error.localizedDescription)")
            }
        } else if path != nil {
            throw ConfigError(description: "The config file \(file) does not exist.")
        }
        // A counter keeps no client secret in a file (section 0.1: a publicly distributed client has none).
        if !(config.lightspeed.clientSecret ?? "").isEmpty {
            throw ConfigError(description: "\(file): lightspeed.clientSecret is not read from a file. Remove it: "
                              + "Astro Loyalty connects as a public client (PKCE) with no secret. Only a store with "
                              + "its own Lightspeed registration gives its secret, in ASTRO_LIGHTSPEED_CLIENT_SECRET.")
        }
        config.lightspeed.clientSecret = nil
        if let secret = environment["ASTRO_LIGHTSPEED_CLIENT_SECRET"], !secret.isEmpty {
            config.lightspeed.clientSecret = secret
        }
        if let id = environment["ASTRO_LIGHTSPEED_CLIENT_ID"], !id.isEmpty {
            config.lightspeed.clientID = id
        }
        try config.validate(file: file)
        return config
    }

    func validate(file: String) throws {
        guard TimeZone(identifier: store.timeZone) != nil else {
            throw ConfigError(description: "\(file): store.timeZone \"\(store.timeZone)\" is not a time zone "
                              + "(use a name like America/New_York).")
        }
        guard (1...65535).contains(button.port) else {
            throw ConfigError(description: "\(file): button.port must be between 1 and 65535.")
        }
        if let redirect = lightspeed.redirectURI, let problem = LightspeedConfiguration.redirectProblem(redirect) {
            throw ConfigError(description: "\(file): lightspeed.redirectURI \(problem) Remove the key to use the "
                              + "address registered with the Lightspeed app.")
        }
        if lightspeed.clientSecret != nil,
           (lightspeed.clientID ?? LightspeedConfiguration.applicationClientID) == LightspeedConfiguration.applicationClientID {
            throw ConfigError(description: "ASTRO_LIGHTSPEED_CLIENT_SECRET is set but lightspeed.clientID is Astro "
                              + "Loyalty's own (public) client, which has no secret. Set lightspeed.clientID to the "
                              + "store's own Lightspeed registration, or unset ASTRO_LIGHTSPEED_CLIENT_SECRET.")
        }
        guard points.pointsPerCurrencyUnit >= 0 else {
            throw ConfigError(description: "\(file): points.pointsPerCurrencyUnit cannot be negative.")
        }
        guard security.idleLockMinutes >= 0 else {
            throw ConfigError(description: "\(file): security.idleLockMinutes cannot be negative.")
        }
        guard (1...999).contains(checkout.confirmQuantityAbove) else {
            throw ConfigError(description: "\(file): checkout.confirmQuantityAbove must be between 1 and 999.")
        }
        if let problem = watcher.settings.problem { throw ConfigError(description: "\(file): \(problem)") }
    }

    private static func explain(_ error: DecodingError) -> String {
        switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .keyNotFound(_, let context),
             .dataCorrupted(let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return path.isEmpty ? context.debugDescription : "\(path): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }
}
