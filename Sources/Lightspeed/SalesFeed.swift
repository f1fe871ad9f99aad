import Foundation

/// One page of the account's sales, and the cursor to the next one (nil on the last page).
public struct SalesPage: Sendable, Equatable {
    public var sales: [LightspeedSale]
    public var next: URL?

    public init(sales: [LightspeedSale], next: URL?) {
        self.sales = sales
        self.next = next
    }

    /// A `Sale.json` page as Lightspeed sends it, decoded as the client decodes one. `next` is taken as
    /// written; the client follows a cursor only on the API's own host (`LightspeedClient.followable`).
    public init(json: Data) throws(LightspeedError) {
        let envelope = try LightspeedBody.decode(Envelope<SaleRecord>.self, from: json)
        self.init(sales: try envelope.sales(), next: envelope.next.isEmpty ? nil : URL(string: envelope.next))
    }
}

/// The bucket as the last answer described it (`X-LS-API-Bucket-Level` size, `X-LS-API-Drip-Rate`).
public struct BucketShape: Sendable, Equatable {
    public var size: Double
    public var dripRate: Double

    public init(size: Double, dripRate: Double) {
        self.size = size
        self.dripRate = dripRate
    }
}

/// What the sales watcher asks of Lightspeed, as plain closures (view-model code never sees HTTP):
/// the account's completed sales in completion order, page by page.
public struct SalesFeed: Sendable {
    /// Sales completed at or after `since` (all shops, or only `shops`), sorted by `completeTime` then
    /// `saleID`, with lines, items and the customer with contact details; `cursor` continues a walk.
    public var completedPage: @Sendable (_ since: Date, _ shops: [String], _ cursor: URL?) async throws(LightspeedError) -> SalesPage
    /// Sales voided with their last update (`updatetime`) at or after `since`, sorted by it, without relations
    /// (the store knows what a recorded sale earned): how a void of a recorded sale is noticed.
    public var voidedPage: @Sendable (_ since: Date, _ shops: [String], _ cursor: URL?) async throws(LightspeedError) -> SalesPage
    /// The bucket's size and drip rate as last seen (Lightspeed's defaults before any answer).
    public var bucket: @Sendable () async -> BucketShape

    public init(completedPage: @escaping @Sendable (_ since: Date, _ shops: [String], _ cursor: URL?) async throws(LightspeedError) -> SalesPage,
                voidedPage: @escaping @Sendable (_ since: Date, _ shops: [String], _ cursor: URL?) async throws(LightspeedError) -> SalesPage,
                bucket: @escaping @Sendable () async -> BucketShape) {
        self.completedPage = completedPage
        self.voidedPage = voidedPage
        self.bucket = bucket
    }

    public static func live(_ client: LightspeedClient) -> SalesFeed {
        SalesFeed(
            completedPage: { since, shops, cursor async throws(LightspeedError) in
                try await client.completedSalesPage(since: since, shops: shops, cursor: cursor)
            },
            voidedPage: { since, shops, cursor async throws(LightspeedError) in
                try await client.voidedSalesPage(since: since, shops: shops, cursor: cursor)
            },
            bucket: { await client.bucketShape() })
    }

    /// The relations the watcher loads with each sale page: what the button's own fetch loads, so a sale
    /// read from a page records exactly as a fetched one.
    public static let saleRelations = ["SaleLines", "SaleLines.Item", "Customer", "Customer.Contact"]

    /// What one page costs in drips, by the pacer's own estimate from the relations it loads (`RequestCost`:
    /// 2.2 for a sale page with lines, items and the customer). The watcher books it against its share.
    public static let completedPageCost = RequestCost.estimate(relations: saleRelations, isQuery: true)
    /// A page of voided sales loads no relation: one drip.
    public static let voidedPageCost = RequestCost.estimate(relations: [], isQuery: true)
}

extension LightspeedClient {
    /// One page of `SalesFeed.completedPage`.
    public func completedSalesPage(since: Date, shops: [String], cursor: URL?) async throws(LightspeedError) -> SalesPage {
        let url: URL
        if let cursor {
            url = try followable(cursor.absoluteString)
        } else {
            var query: [(String, String)] = [("completed", "true"), ("completeTime", ">=," + LightspeedDate.format(since))]
            if !shops.isEmpty { query.append(("shopID", "IN,[" + shops.joined(separator: ",") + "]")) }
            query += [("sort", "completeTime"), ("limit", String(configuration.pageSize)),
                      ("load_relations", QueryEncoding.relations(SalesFeed.saleRelations))]
            url = try apiURL(try await accountPath("/Sale.json"), query)
        }
        return try await page(url)
    }

    /// One page of `SalesFeed.voidedPage`: `Sale.json?voided=true&updatetime=>=,SINCE&sort=updatetime`.
    /// `updatetime` is the sale's last update (lightspeed-api.md §2.3, a documented sort field; `timeStamp` is
    /// "last modification, or the completion time if complete", so it may not move when a completed sale is
    /// voided), and every field can be filtered (§3).
    public func voidedSalesPage(since: Date, shops: [String], cursor: URL?) async throws(LightspeedError) -> SalesPage {
        let url: URL
        if let cursor {
            url = try followable(cursor.absoluteString)
        } else {
            var query: [(String, String)] = [("voided", "true"), ("updatetime", ">=," + LightspeedDate.format(since))]
            if !shops.isEmpty { query.append(("shopID", "IN,[" + shops.joined(separator: ",") + "]")) }
            query += [("sort", "updatetime"), ("limit", String(configuration.pageSize))]
            url = try apiURL(try await accountPath("/Sale.json"), query)
        }
        return try await page(url)
    }

    public func bucketShape() async -> BucketShape { await pacer.shape() }

    private func page(_ url: URL) async throws(LightspeedError) -> SalesPage {
        let page = try await get(url, as: Envelope<SaleRecord>.self, what: "sales")
        return SalesPage(sales: try page.sales(), next: page.next.isEmpty ? nil : try followable(page.next))
    }
}
