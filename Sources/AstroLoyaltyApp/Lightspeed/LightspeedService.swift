import Foundation
import Lightspeed
import LightspeedSimulator
import Logging
import LoyaltyCore
import LoyaltyFeatures
import LoyaltyStore

/// The program's one way to reach Lightspeed: the live API with the tokens kept in the store, or — in
/// training mode — an in-process simulator on a loopback port loaded with the demo Lightspeed data and
/// already connected. Everything else (the CLI, the button listener, Import History) asks for `api` here
/// and never builds a client itself.
///
/// Usage: `let lightspeed = try await LightspeedService.make(config: config, store: store, trainingMode: t)`,
/// then `try lightspeed.connectedAPI()` (throws `LightspeedServiceError.notConnected` until an admin
/// runs `astro-loyalty lightspeed connect`), and `await lightspeed.shutdown()` when done (stops the
/// training simulator).
public final class LightspeedService: Sendable {
    /// Calls to Lightspeed, whether connected or not (before connecting they fail with `.notConnected`).
    public let api: LightspeedAPI
    public let client: LightspeedClient
    /// Where button signatures' keys come from (the simulator's JWKS in training mode).
    public let jwksURL: URL
    /// The in-process simulator (training mode only): ring up sales and press the button with it.
    public let simulator: LightspeedSimulator?
    /// The connected Lightspeed account, as known when the service was made (nil when not connected).
    public let accountID: String?
    public let accountName: String?
    /// Holds the first token pair during `connect` (live mode); nil in training mode.
    let tokenStore: StoreTokenStore?
    let store: LoyaltyStore

    public var trainingMode: Bool { simulator != nil }
    /// The client ID in use (shown on Enable Lightspeed; a secret never is).
    public let clientID: String
    /// A store's own confidential registration (secret from the environment) instead of Astro Loyalty's
    /// public client (PKCE, no secret: the default).
    public let usesClientSecret: Bool
    /// The redirect address sent to Lightspeed; nil: the one registered with the client.
    public let redirectURI: String?

    init(client: LightspeedClient, configuration: LightspeedConfiguration, jwksURL: URL,
         simulator: LightspeedSimulator?, accountID: String?, accountName: String?, tokenStore: StoreTokenStore?,
         store: LoyaltyStore) {
        self.client = client
        self.clientID = configuration.clientID
        self.usesClientSecret = !configuration.isPublicClient
        self.redirectURI = configuration.redirectURI
        self.api = .live(client)
        self.jwksURL = jwksURL
        self.simulator = simulator
        self.accountID = accountID
        self.accountName = accountName
        self.tokenStore = tokenStore
        self.store = store
    }

    /// Builds the service. Live: Astro Loyalty's public client ID (PKCE, no secret) unless the config or
    /// `ASTRO_LIGHTSPEED_CLIENT_ID` names a store's own registration, whose secret then comes only from
    /// `ASTRO_LIGHTSPEED_CLIENT_SECRET` (never a file or the command line); tokens from the store. Training mode (or `lightspeed.simulator` in the config): starts the simulator on
    /// 127.0.0.1 with `lightspeed.simulatorDataPath` or `Assets/lightspeed-demo.json`, already connected —
    /// unless an admin has connected this (training) store to an account with `lightspeed connect`: the
    /// connection they made is the one they mean to use (e.g. `lightspeed-sim` reached as a real account).
    public static func make(config: AppConfig, store: LoyaltyStore, trainingMode: Bool,
                            logger: Logger = Logger(label: "astro.lightspeed")) async throws -> LightspeedService {
        let section = config.lightspeed
        let timeout = section.requestTimeoutSeconds
        let connectedByAdmin = trainingMode && !section.simulator ? try store.lightspeedConnection() != nil : false
        if (trainingMode && !connectedByAdmin) || section.simulator {
            guard let dataPath = section.simulatorDataPath ?? AssetLocator.path(of: "lightspeed-demo.json") else {
                throw LightspeedServiceError.trainingDataMissing
            }
            let simulator: LightspeedSimulator
            do {
                simulator = try LightspeedSimulator(dataFile: URL(fileURLWithPath: dataPath))
            } catch {
                throw LightspeedServiceError.trainingDataUnreadable(path: dataPath, detail: "\(error)")
            }
            // On a loaded machine the server's start wait can time out once; a second try is quick.
            do { try await simulator.start(port: 0) } catch {
                await simulator.stop()
                try await simulator.start(port: 0)
            }
            let base = await simulator.baseURL
            let accountID = await simulator.accountID
            let configuration = LightspeedConfiguration(
                apiBaseURL: base, authBaseURL: base, clientID: simulator.clientID, accountID: accountID,
                requestTimeout: timeout)
            let tokens = InMemoryTokenStore(await simulator.issueTokens())
            let client = LightspeedClient(configuration: configuration, tokenStore: tokens, logger: logger)
            logger.info("training mode: Lightspeed simulator on \(base.absoluteString)")
            return LightspeedService(client: client, configuration: configuration, jwksURL: await simulator.jwksURL, simulator: simulator,
                                     accountID: accountID, accountName: nil, tokenStore: nil, store: store)
        }

        guard let apiBase = URL(string: section.apiBaseURL), let authBase = URL(string: section.authBaseURL) else {
            throw LightspeedServiceError.badConfiguration("lightspeed.apiBaseURL or authBaseURL is not a URL.")
        }
        let connection = try store.lightspeedConnection()
        let configuration = LightspeedConfiguration(
            apiBaseURL: apiBase, authBaseURL: authBase,
            clientID: section.clientID.flatMap { $0.isEmpty ? nil : $0 } ?? LightspeedConfiguration.applicationClientID,
            clientSecret: section.clientSecret, redirectURI: section.redirectURI,
            accountID: connection?.accountID, requestTimeout: timeout)
        let tokenStore = StoreTokenStore(store: store)
        let client = LightspeedClient(configuration: configuration, tokenStore: tokenStore, logger: logger)
        return LightspeedService(client: client, configuration: configuration, jwksURL: jwksURL(authBase: authBase), simulator: nil,
                                 accountID: connection?.accountID, accountName: connection?.accountName,
                                 tokenStore: tokenStore, store: store)
    }

    /// Enable Lightspeed's last step, the one path for `astro-loyalty lightspeed connect` and the admin
    /// screen: checks the pasted redirect address (or bare code) against `expectedState`, exchanges the code,
    /// asks for the account, and keeps the account and tokens in the store (admin; audited). The service's
    /// own `accountID` stays as it was: make a new service to use the connection.
    public func connect(pasted: String, expectedState: String, by op: Operator) async throws -> LightspeedAccount {
        guard op.role.may(.linkLightspeed) else {
            throw StoreError.notAllowed(action: "enable Lightspeed", needs: Action.linkLightspeed.minimumRole)
        }
        guard !trainingMode, let tokenStore else { throw LightspeedServiceError.trainingMode }
        let account: LightspeedAccount
        do {
            account = try await client.connect(pasted: pasted, expectedState: expectedState)
        } catch {
            await tokenStore.clearTokens()
            throw error
        }
        guard let tokens = try await tokenStore.loadTokens() else {
            throw LightspeedError.storageFailed(detail: "no tokens after connecting")
        }
        do {
            try store.connectLightspeed(LightspeedConnection(accountID: account.id, accountName: account.name,
                                                             accessToken: tokens.accessToken,
                                                             refreshToken: tokens.refreshToken,
                                                             accessExpiresAt: tokens.expiresAt), by: op)
        } catch {
            await tokenStore.clearTokens()
            throw error
        }
        await tokenStore.clearTokens()
        return account
    }

    /// The API of a connected store: throws `.notConnected` until an admin connects Lightspeed.
    public func connectedAPI() throws(LightspeedServiceError) -> LightspeedAPI {
        guard accountID != nil else { throw .notConnected }
        return api
    }

    /// Shortcut for callers that only want to fetch (Import History): make, check connected, return the API.
    /// Keep the returned service alive while using the API (in training mode it owns the simulator).
    public static func connected(config: AppConfig, store: LoyaltyStore, trainingMode: Bool) async throws
        -> (service: LightspeedService, api: LightspeedAPI) {
        let service = try await make(config: config, store: store, trainingMode: trainingMode)
        return (service, try service.connectedAPI())
    }

    /// Stops the training simulator (nothing to do for the live API).
    public func shutdown() async {
        await simulator?.stop()
    }

    /// Lightspeed's JWKS for the real cloud; `<auth base>/.well-known/jwks` for anything else (a simulator
    /// run with `astro-loyalty lightspeed-sim` and named in the config).
    static func jwksURL(authBase: URL) -> URL {
        let text = authBase.absoluteString.hasSuffix("/") ? String(authBase.absoluteString.dropLast()) : authBase.absoluteString
        if text == "https://cloud.lightspeedapp.com" { return ButtonVerifier.lightspeedJWKS }
        return URL(string: text + "/.well-known/jwks")!
    }
}

extension Logger {
    /// For headless commands: Lightspeed's warnings on stderr, not its info chatter.
    static var quietCLI: Logger {
        var logger = Logger(label: "astro.lightspeed")
        logger.logLevel = .warning
        return logger
    }
}
