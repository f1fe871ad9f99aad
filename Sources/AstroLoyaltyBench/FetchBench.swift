import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Lightspeed
import LightspeedSimulator
import LoyaltyCore

/// Does the Lightspeed client's own JSON reader matter to the cashier? A whole Import History fetch as the
/// cashier waits for it — 20 pages of 100 sales from the simulator over loopback HTTP, each page read and
/// turned into `LightspeedSale`s — once through the client (`LightspeedJSON`, the own reader) and once with
/// the same requests decoded by `JSONDecoder` into `Codable` structs with a lenient string-or-number wrapper
/// (the alternative issue 15 asks about). Loopback has no network latency and the simulator's rate limit is
/// opened wide, so the reader's share here is the largest it can be; a real fetch adds Lightspeed's latency
/// and pacing to both.
enum FetchBench {
    struct Result {
        var ownReader: [Double]
        var codable: [Double]
        var pages: Int
        var sales: Int
    }

    static func run(reps: Int, warmup: Int, upcs: [(upc: UPC, program: Int64, description: String)],
                    seed: UInt64) throws -> Result {
        var rng = SeededRandom(seed: seed ^ 0x1A2B)
        let pages = ImportBench.makePages(upcs: upcs, rng: &rng)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fetch-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let dataFile = folder.appendingPathComponent("lightspeed.json")
        let saleCount = try writeSimulatorData(pages, to: dataFile)

        return try blocking {
            var options = SimulatorOptions()
            options.bucketSize = 1_000_000
            options.dripRate = 1_000_000
            let simulator = try LightspeedSimulator(dataFile: dataFile, options: options)
            let port = try await simulator.start(port: 0)
            let base = URL(string: "http://127.0.0.1:\(port)")!
            let configuration = LightspeedConfiguration(apiBaseURL: base, authBaseURL: base, clientID: simulator.clientID,
                                                        clientSecret: simulator.clientSecret,
                                                        redirectURI: "https://counter.example/callback",
                                                        accountID: "12345", requestTimeout: 30, maxRetries: 0,
                                                        pageSize: 100)
            let tokens = await simulator.issueTokens()
            let client = LightspeedClient(configuration: configuration, tokenStore: InMemoryTokenStore(tokens))
            let transport = URLSessionTransport()
            let first = URL(string: "\(base.absoluteString)/API/V3/Account/12345/Sale.json?customerID=101"
                + "&completed=true&voided=false&sort=completeTime&limit=100"
                + "&load_relations=%5B%22SaleLines%22%2C%22SaleLines.Item%22%5D")!

            var own: [Double] = [], codable: [Double] = []
            var fetchedPages = 0
            for i in 0..<(warmup + reps) {
                // Alternate the two, so the machine's load falls on both alike.
                var start = Clock.nanoseconds()
                let sales = try await client.completedSales(customerID: "101", in: CompleteTimeRange())
                let ownMS = Double(Clock.nanoseconds() - start) / 1e6
                precondition(sales.count == saleCount, "own reader: \(sales.count) of \(saleCount) sales")

                start = Clock.nanoseconds()
                let (decoded, pageCount) = try await codableFetch(first, token: tokens.accessToken, transport: transport)
                let codableMS = Double(Clock.nanoseconds() - start) / 1e6
                precondition(decoded.count == saleCount, "Codable: \(decoded.count) of \(saleCount) sales")
                if decoded != sales {
                    let differing = zip(decoded, sales).first { $0 != $1 }
                    preconditionFailure("the two readers disagree: \(String(describing: differing))")
                }
                fetchedPages = pageCount
                if i >= warmup {
                    own.append(ownMS)
                    codable.append(codableMS)
                }
            }
            await simulator.stop()
            return Result(ownReader: own, codable: codable, pages: fetchedPages, sales: saleCount)
        }
    }

    /// The pages' sales, their lines without the embedded items, and the items once each: the simulator's
    /// data file, which it serves back with `load_relations` as Lightspeed does.
    static func writeSimulatorData(_ pages: [Data], to file: URL) throws -> Int {
        var sales: [LightspeedJSON] = []
        var items: [String: LightspeedJSON] = [:]
        for page in pages {
            for sale in try LightspeedJSON.parse(page)["Sale"]?.elements ?? [] {
                guard case .object(var saleFields) = sale else { continue }
                var lines: [LightspeedJSON] = []
                for line in sale.many("SaleLines", "SaleLine") {
                    guard case .object(var lineFields) = line else { continue }
                    if let item = lineFields.removeValue(forKey: "Item") { items[item.string("itemID")] = item }
                    lines.append(.object(lineFields))
                }
                saleFields["SaleLines"] = .object(["SaleLine": .collection(lines)])
                sales.append(.object(saleFields))
            }
        }
        let data = LightspeedJSON.object([
            "Account": .object(["accountID": .string("12345"), "name": .string("Bench Pets")]),
            "Customer": .array([.object(["customerID": .string("101"), "firstName": .string("Sally"),
                                         "lastName": .string("Pet Owner"), "archived": .string("false")])]),
            "Item": .array(items.keys.sorted().compactMap { items[$0] }),
            "Sale": .array(sales),
        ])
        try data.encoded().write(to: file)
        return sales.count
    }

    /// The same requests as the client's, each page decoded by `JSONDecoder`.
    static func codableFetch(_ first: URL, token: String, transport: URLSessionTransport) async throws
        -> (sales: [LightspeedSale], pages: Int) {
        var url = first
        var sales: [LightspeedSale] = []
        var pages = 0
        let decoder = JSONDecoder()
        while true {
            var request = URLRequest(url: url, timeoutInterval: 30)
            request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
            request.setValue("application/json", forHTTPHeaderField: "Accept")
            let answer = try await transport.send(request)
            guard answer.status == 200 else { throw BenchError("Codable fetch: HTTP \(answer.status)") }
            let page = try decoder.decode(CodablePage.self, from: answer.body)
            sales += page.sales.items.map { $0.sale }
            pages += 1
            guard let next = page.attributes?.next?.text, !next.isEmpty, let nextURL = URL(string: next) else { break }
            url = nextURL
        }
        return (sales, pages)
    }

    /// Runs async work to its end from the (synchronous) benchmark command.
    static func blocking<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) throws -> T {
        let box = Box<Swift.Result<T, any Error>>()
        let done = DispatchSemaphore(value: 0)
        Task {
            do { box.value = .success(try await work()) } catch { box.value = .failure(error) }
            done.signal()
        }
        done.wait()
        return try box.value!.get()
    }

    final class Box<T>: @unchecked Sendable { var value: T? }
}

// MARK: - The Codable alternative

/// A scalar the API sends as a string (usually) or a number or a boolean: kept as its text.
struct Lenient: Decodable, Sendable {
    let text: String
    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let s = try? c.decode(String.self) { text = s }
        else if let i = try? c.decode(Int64.self) { text = String(i) }
        else if let d = try? c.decode(Double.self) { text = String(d) }
        else if let b = try? c.decode(Bool.self) { text = b ? "true" : "false" }
        else if c.decodeNil() { text = "" }
        else { throw DecodingError.typeMismatch(String.self, .init(codingPath: c.codingPath, debugDescription: "not a scalar")) }
    }
    /// The API's "no link" is `"0"`.
    var link: String? {
        let value = text.trimmingCharacters(in: .whitespaces)
        return value.isEmpty || value == "0" ? nil : value
    }
    var flag: Bool { text == "true" || text == "1" || text.lowercased() == "true" }
}

/// One object where a list was expected, a list, or `""` for none.
struct OneOrMany<T: Decodable>: Decodable {
    let items: [T]
    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let list = try? c.decode([T].self) { items = list }
        else if let one = try? c.decode(T.self) { items = [one] }
        else { items = [] }
    }
    init() { items = [] }
}

struct CodablePage: Decodable {
    struct Attributes: Decodable { let next: Lenient? }
    let attributes: Attributes?
    let sales: OneOrMany<CodableSale>
    enum CodingKeys: String, CodingKey { case attributes = "@attributes", sales = "Sale" }
    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        attributes = try c.decodeIfPresent(Attributes.self, forKey: .attributes)
        sales = try c.decodeIfPresent(OneOrMany<CodableSale>.self, forKey: .sales) ?? OneOrMany()
    }
}

struct CodableItem: Decodable {
    let itemID, description, upc, ean, customSku, manufacturerSku, systemSku, archived: Lenient?
    var item: LightspeedItem? {
        guard let id = itemID?.link else { return nil }
        return LightspeedItem(id: id, description: description?.text ?? "", upc: upc?.text ?? "", ean: ean?.text ?? "",
                              customSku: customSku?.text ?? "", manufacturerSku: manufacturerSku?.text ?? "",
                              systemSku: systemSku?.text ?? "", archived: archived?.flag ?? false)
    }
}

struct CodableSaleLine: Decodable {
    let saleLineID, saleID, itemID, unitQuantity, parentSaleLineID, unitPrice, calcSubtotal, displayableSubtotal,
        calcLineDiscount, calcTransactionDiscount, createTime, lineType, isLayaway, isSpecialOrder, isWorkorder,
        shopID: Lenient?
    let Item: CodableItem?
    /// The same reading as `LightspeedSaleLine(json:)`: the discounted subtotal is `calcSubtotal` less both
    /// discounts, else `displayableSubtotal`.
    func line(saleID fallback: String) -> LightspeedSaleLine {
        let calc = LightspeedMoney.cents(calcSubtotal?.text ?? "")
        let displayable = LightspeedMoney.cents(displayableSubtotal?.text ?? "")
        let discounted = calc.map {
            $0 - (LightspeedMoney.cents(calcLineDiscount?.text ?? "") ?? 0)
                - (LightspeedMoney.cents(calcTransactionDiscount?.text ?? "") ?? 0)
        } ?? displayable
        return LightspeedSaleLine(id: saleLineID?.link ?? "", saleID: saleID?.link ?? fallback, itemID: itemID?.link,
                                  quantity: Int(unitQuantity?.text ?? "") ?? 0, parentSaleLineID: parentSaleLineID?.link,
                                  unitPriceCents: LightspeedMoney.cents(unitPrice?.text ?? "") ?? 0,
                                  subtotalCents: calc ?? displayable ?? 0, discountedSubtotalCents: discounted ?? 0,
                                  createTime: LightspeedDate.parse(createTime?.text ?? ""),
                                  lineType: lineType?.text ?? "", isLayaway: isLayaway?.flag ?? false,
                                  isSpecialOrder: isSpecialOrder?.flag ?? false, isWorkorder: isWorkorder?.flag ?? false,
                                  shopID: shopID?.link, item: Item?.item)
    }
}

struct CodableSale: Decodable {
    struct Lines: Decodable {
        let lines: OneOrMany<CodableSaleLine>
        enum CodingKeys: String, CodingKey { case lines = "SaleLine" }
        init(from decoder: any Decoder) throws {
            // `""` when the sale has no lines.
            guard let c = try? decoder.container(keyedBy: CodingKeys.self) else { lines = OneOrMany(); return }
            lines = try c.decodeIfPresent(OneOrMany<CodableSaleLine>.self, forKey: .lines) ?? OneOrMany()
        }
    }
    let saleID, completed, voided, completeTime, createTime, updatetime, updateTime, customerID, employeeID,
        registerID, shopID, ticketNumber, calcSubtotal, displayableSubtotal, calcTotal, total: Lenient?
    let SaleLines: Lines?

    var sale: LightspeedSale {
        let id = saleID?.link ?? ""
        return LightspeedSale(
            id: id, completed: completed?.flag ?? false, voided: voided?.flag ?? false,
            completeTime: LightspeedDate.parse(completeTime?.text ?? ""),
            createTime: LightspeedDate.parse(createTime?.text ?? ""),
            updateTime: LightspeedDate.parse(updatetime?.text ?? updateTime?.text ?? ""),
            customerID: customerID?.link, employeeID: employeeID?.link, registerID: registerID?.link,
            shopID: shopID?.link, ticketNumber: ticketNumber?.text ?? "",
            subtotalCents: LightspeedMoney.cents(calcSubtotal?.text ?? "")
                ?? LightspeedMoney.cents(displayableSubtotal?.text ?? "") ?? 0,
            totalCents: LightspeedMoney.cents(calcTotal?.text ?? "") ?? LightspeedMoney.cents(total?.text ?? "") ?? 0,
            lines: (SaleLines?.lines.items ?? []).map { $0.line(saleID: id) })
    }
}
