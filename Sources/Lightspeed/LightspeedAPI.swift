import Foundation

/// What view-models may ask of Lightspeed, as plain async closures: no HTTP, no tokens, easy to replace
/// in a view-model test with canned values.
public struct LightspeedAPI: Sendable {
    /// A new connection attempt (authorize URL + the state to check); for Enable Lightspeed.
    public var authorizationRequest: @Sendable () -> AuthorizationRequest
    /// Checks the pasted redirect (or bare code) against the state, exchanges it, stores the tokens.
    public var connect: @Sendable (_ pasted: String, _ expectedState: String) async throws(LightspeedError) -> LightspeedAccount
    public var disconnect: @Sendable () async throws(LightspeedError) -> Void
    public var account: @Sendable () async throws(LightspeedError) -> LightspeedAccount
    public var sale: @Sendable (_ saleID: String) async throws(LightspeedError) -> LightspeedSale
    /// The sale once completed or voided (reads a sale the button was pressed on while still open again, with a
    /// backoff); comes back open when `maxWait` seconds passed first (nil: no limit).
    public var saleWhenCompleted: @Sendable (_ saleID: String, _ maxWait: Double?) async throws(LightspeedError) -> LightspeedSale
    /// The account's shops and their time zones (a purchase is dated in its shop's zone).
    public var shops: @Sendable () async throws(LightspeedError) -> [LightspeedShop]
    public var completedSales: @Sendable (_ customerID: String, _ range: CompleteTimeRange,
                                          _ progress: @escaping @Sendable (SalesFetchProgress) -> Void)
        async throws(LightspeedError) -> [LightspeedSale]
    public var customer: @Sendable (_ customerID: String) async throws(LightspeedError) -> LightspeedCustomer
    public var searchCustomers: @Sendable (_ text: String) async throws(LightspeedError) -> [LightspeedCustomer]
    public var item: @Sendable (_ code: String) async throws(LightspeedError) -> LightspeedItem?

    public init(
        authorizationRequest: @escaping @Sendable () -> AuthorizationRequest,
        connect: @escaping @Sendable (_ pasted: String, _ expectedState: String) async throws(LightspeedError) -> LightspeedAccount,
        disconnect: @escaping @Sendable () async throws(LightspeedError) -> Void,
        account: @escaping @Sendable () async throws(LightspeedError) -> LightspeedAccount,
        sale: @escaping @Sendable (_ saleID: String) async throws(LightspeedError) -> LightspeedSale,
        saleWhenCompleted: @escaping @Sendable (_ saleID: String, _ maxWait: Double?) async throws(LightspeedError) -> LightspeedSale,
        shops: @escaping @Sendable () async throws(LightspeedError) -> [LightspeedShop] = { [] },
        completedSales: @escaping @Sendable (_ customerID: String, _ range: CompleteTimeRange,
                                             _ progress: @escaping @Sendable (SalesFetchProgress) -> Void)
            async throws(LightspeedError) -> [LightspeedSale],
        customer: @escaping @Sendable (_ customerID: String) async throws(LightspeedError) -> LightspeedCustomer,
        searchCustomers: @escaping @Sendable (_ text: String) async throws(LightspeedError) -> [LightspeedCustomer],
        item: @escaping @Sendable (_ code: String) async throws(LightspeedError) -> LightspeedItem?
    ) {
        self.authorizationRequest = authorizationRequest
        self.connect = connect
        self.disconnect = disconnect
        self.account = account
        self.sale = sale
        self.saleWhenCompleted = saleWhenCompleted
        self.shops = shops
        self.completedSales = completedSales
        self.customer = customer
        self.searchCustomers = searchCustomers
        self.item = item
    }

    /// The real thing, over a connected client.
    public static func live(_ client: LightspeedClient) -> LightspeedAPI {
        LightspeedAPI(
            authorizationRequest: { client.authorizationRequest() },
            connect: { pasted, state async throws(LightspeedError) in
                try await client.connect(pasted: pasted, expectedState: state)
            },
            disconnect: { () async throws(LightspeedError) in try await client.disconnect() },
            account: { () async throws(LightspeedError) in try await client.account() },
            sale: { id async throws(LightspeedError) in try await client.sale(id: id) },
            saleWhenCompleted: { id, maxWait async throws(LightspeedError) in
                try await client.saleWhenCompleted(id: id, maxWait: maxWait)
            },
            shops: { () async throws(LightspeedError) in try await client.shops() },
            completedSales: { customerID, range, progress async throws(LightspeedError) in
                try await client.completedSales(customerID: customerID, in: range, progress: progress)
            },
            customer: { id async throws(LightspeedError) in try await client.customer(id: id) },
            searchCustomers: { text async throws(LightspeedError) in try await client.searchCustomers(text) },
            item: { code async throws(LightspeedError) in try await client.item(code: code) })
    }

    /// Every call fails with `error` (e.g. `.notConnected` before an admin connects); handy in view-model tests.
    public static func failing(_ error: LightspeedError) -> LightspeedAPI {
        LightspeedAPI(
            authorizationRequest: {
                AuthorizationRequest(url: URL(string: "https://cloud.lightspeedapp.com/auth/oauth/authorize")!, state: "")
            },
            connect: { _, _ async throws(LightspeedError) in throw error },
            disconnect: { () async throws(LightspeedError) in throw error },
            account: { () async throws(LightspeedError) in throw error },
            sale: { _ async throws(LightspeedError) in throw error },
            saleWhenCompleted: { _, _ async throws(LightspeedError) in throw error },
            shops: { () async throws(LightspeedError) in throw error },
            completedSales: { _, _, _ async throws(LightspeedError) in throw error },
            customer: { _ async throws(LightspeedError) in throw error },
            searchCustomers: { _ async throws(LightspeedError) in throw error },
            item: { _ async throws(LightspeedError) in throw error })
    }
}
