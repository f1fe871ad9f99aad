import Foundation

/// What view-models may ask of Lightspeed, as plain async closures: no HTTP, no tokens, easy to replace
/// in a view-model test with canned values.
public struct LightspeedAPI: Sendable {
    public var account: @Sendable () async throws(LightspeedError) -> LightspeedAccount
    public var sale: @Sendable (_ saleID: String) async throws(LightspeedError) -> LightspeedSale
    public var completedSales: @Sendable (_ customerID: String, _ range: CompleteTimeRange,
                                          _ progress: @escaping @Sendable (SalesFetchProgress) -> Void)
        async throws(LightspeedError) -> [LightspeedSale]
    public var customer: @Sendable (_ customerID: String) async throws(LightspeedError) -> LightspeedCustomer
    public var searchCustomers: @Sendable (_ text: String) async throws(LightspeedError) -> [LightspeedCustomer]
    public var item: @Sendable (_ code: String) async throws(LightspeedError) -> LightspeedItem?

    public init(
        account: @escaping @Sendable () async throws(LightspeedError) -> LightspeedAccount,
        sale: @escaping @Sendable (_ saleID: String) async throws(LightspeedError) -> LightspeedSale,
        completedSales: @escaping @Sendable (_ customerID: String, _ range: CompleteTimeRange,
                                             _ progress: @escaping @Sendable (SalesFetchProgress) -> Void)
            async throws(LightspeedError) -> [LightspeedSale],
        customer: @escaping @Sendable (_ customerID: String) async throws(LightspeedError) -> LightspeedCustomer,
        searchCustomers: @escaping @Sendable (_ text: String) async throws(LightspeedError) -> [LightspeedCustomer],
        item: @escaping @Sendable (_ code: String) async throws(LightspeedError) -> LightspeedItem?
    ) {
        self.account = account
        self.sale = sale
        self.completedSales = completedSales
        self.customer = customer
        self.searchCustomers = searchCustomers
        self.item = item
    }

    /// The real thing, over a connected client.
    public static func live(_ client: LightspeedClient) -> LightspeedAPI {
        LightspeedAPI(
            account: { () async throws(LightspeedError) in try await client.account() },
            sale: { id async throws(LightspeedError) in try await client.sale(id: id) },
            completedSales: { customerID, range, progress async throws(LightspeedError) in
                try await client.completedSales(customerID: customerID, in: range, progress: progress)
            },
            customer: { id async throws(LightspeedError) in try await client.customer(id: id) },
            searchCustomers: { text async throws(LightspeedError) in try await client.searchCustomers(text) },
            item: { code async throws(LightspeedError) in try await client.item(code: code) })
    }
}
