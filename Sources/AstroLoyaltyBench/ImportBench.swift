import Foundation
import Lightspeed
import LightspeedSimulator
import LoyaltyCore
import LoyaltyFeatures
import LoyaltyStore

/// Import History's three costs: decoding the pages Lightspeed (here, simulator-shaped JSON) sends, matching
/// the lines against a customer's punches (Core), and committing the reviewed rows (the store).
enum ImportBench {
    struct Result {
        var decode: [Double]
        var match: [Double]
        var commit: [Double]
        var lines: Int
    }

    static func run(_ ctx: BenchContext, upcs: [(upc: UPC, program: Int64, description: String)]) throws -> Result {
        var rng = SeededRandom(seed: ctx.shape.seed ^ 0x1A2B)
        let pages = makePages(upcs: upcs, rng: &rng)

        // Decode: the client's path for each page (`JSONDecoder` into its response types, then one
        // LightspeedSale per record), then the lines Import History reads.
        var decodedLines: [SaleLine] = []
        let decode = try measure(reps: ctx.reps, warmup: ctx.warmup) { _ -> Double? in
            var sales: [LightspeedSale] = []
            for page in pages { sales += try SalesPage(json: page).sales }
            decodedLines = ImportHistoryLines.saleLines(sales)
            return nil
        }
        guard decodedLines.count >= 2000 else { throw BenchError("only \(decodedLines.count) sale lines decoded") }

        // Match: 2,000 lines against 1,000 punches, a third by sale-line ID, a third by UPC and date, the rest
        // unrelated; a few manual near misses.
        let lines = Array(decodedLines.prefix(2000))
        let calendar = StoreCalendar(timeZone: TimeZone(identifier: "UTC")!)
        var punches: [MatchablePunch] = []
        for n in 0..<1000 {
            let line = lines[(n * 2) % lines.count]
            let date = calendar.localDate(of: line.completedAt)
            switch n % 3 {
            case 0: punches.append(MatchablePunch(id: Int64(n + 1), upc: line.upc, purchaseDate: date,
                                                  saleLineID: line.saleLineID, source: .realtime))
            case 1: punches.append(MatchablePunch(id: Int64(n + 1), upc: line.upc,
                                                  purchaseDate: n % 9 == 1 ? date.adding(days: 2) : date, source: .counter))
            default: punches.append(MatchablePunch(id: Int64(n + 1), upc: upcs[n % upcs.count].upc,
                                                   purchaseDate: date.adding(days: -40), source: .counter))
            }
        }
        // As the review reads them: the store's programs of these UPCs, with where each earns.
        let programs = try ctx.store.linePrograms(for: Set(upcs.map(\.upc)), at: nil)
        let match = measure(reps: ctx.reps, warmup: ctx.warmup) { _ -> Double? in
            let rows = ImportMatcher.match(lines: lines, punches: punches, programs: programs, calendar: calendar)
            precondition(rows.count >= lines.count / 2)
            return nil
        }

        // Commit: 500 checked rows for a customer with no punches yet (a new one each time, so every commit
        // does the same work); line IDs unique to this run.
        let op = Operator(ctx.user)
        let customers = try ctx.store.addCustomers((0..<(ctx.reps + ctx.warmup)).map {
            CustomerDraft(firstName: "Importbench", lastName: "Customer \($0)")
        }, by: op)
        let run = String(Clock.nanoseconds(), radix: 36)
        let today = Generator.referenceDay
        let commit = try measure(reps: ctx.reps, warmup: ctx.warmup) { i -> Double? in
            let rows = (0..<500).map { n -> ImportRow in
                let item = upcs[(i * 7 + n) % upcs.count]
                let day = today.adding(days: -(n % 200))
                let line = SaleLine(saleID: "B\(run)-\(i)-\(n / 2)", saleLineID: "BL\(run)-\(i)-\(n)",
                                    completedAt: calendar.startOfDay(day).addingTimeInterval(50_000), upc: item.upc,
                                    description: item.description, quantity: 1)
                return ImportRow(line: line, purchaseDate: day, status: .willImport, quantity: 1, programID: item.program)
            }
            // A cashier reviews the list before Agree: the counter has been quiet, and the counter screen
            // copies the write-ahead log into the file in such moments (`checkpointWhenIdle`). Untimed.
            try ctx.store.checkpointNow()
            let start = Clock.nanoseconds()
            let result = try ctx.store.commitImport(customer: customers[i], rows: rows, by: op)
            let ms = Double(Clock.nanoseconds() - start) / 1e6
            precondition(result.punches.count == 500, "commit added \(result.punches.count) punches")
            return ms
        }
        return Result(decode: decode, match: match, commit: commit, lines: decodedLines.count)
    }

    /// 20 pages of 100 completed sales as the simulator renders `Sale.json?load_relations=["SaleLines",
    /// "SaleLines.Item"]`: every scalar a string, one line as an object and several as an array, items
    /// embedded in their lines, a `next` URL on every page but the last.
    static func makePages(upcs: [(upc: UPC, program: Int64, description: String)], rng: inout SeededRandom) -> [Data] {
        var pages: [Data] = []
        var lineID = 9000
        for page in 0..<20 {
            var sales: [LightspeedJSON] = []
            for s in 0..<100 {
                let saleID = String(5000 + page * 100 + s)
                let time = String(format: "2026-%02d-%02dT%02d:%02d:%02d+00:00", 1 + (page % 10), 1 + s % 28,
                                  9 + s % 9, s % 60, (s * 7) % 60)
                var lines: [LightspeedJSON] = []
                for _ in 0..<(1 + rng.int(3)) {
                    lineID += 1
                    let item = upcs[rng.int(upcs.count)]
                    let quantity = rng.int(10) == 0 ? 2 : 1
                    lines.append(.object([
                        "saleLineID": .string(String(lineID)), "createTime": .string(time), "timeStamp": .string(time),
                        "unitQuantity": .string(String(quantity)), "unitPrice": .string("34.99"),
                        "normalUnitPrice": .string("0"), "discountAmount": .string("0"), "tax": .string("true"),
                        "displayableSubtotal": .string("34.99"), "calcSubtotal": .string("34.99"),
                        "calcTotal": .string("37.09"), "calcTax1": .string("2.1"), "customerID": .string("0"),
                        "employeeID": .string("2"), "itemID": .string(String(200 + lineID % 2000)),
                        "parentSaleLineID": .string("0"), "shopID": .string("1"), "saleID": .string(saleID),
                        "Item": .object([
                            "itemID": .string(String(200 + lineID % 2000)), "systemSku": .string("2100000\(lineID)"),
                            "defaultCost": .string("17.49"), "archived": .string("false"),
                            "description": .string(item.description), "upc": .string(String(item.upc.gtin14.dropFirst(2))),
                            "ean": .string(""), "customSku": .string(""), "manufacturerSku": .string(""),
                            "createTime": .string("2024-03-01T15:00:00+00:00"), "categoryID": .string("3"),
                        ]),
                    ]))
                }
                sales.append(.object([
                    "saleID": .string(saleID), "timeStamp": .string(time), "completed": .string("true"),
                    "archived": .string("false"), "voided": .string("false"), "createTime": .string(time),
                    "updatetime": .string(time), "completeTime": .string(time), "ticketNumber": .string("22000000\(saleID)"),
                    "calcSubtotal": .string("34.99"), "calcTotal": .string("37.09"), "total": .string("37.09"),
                    "displayableSubtotal": .string("34.99"), "customerID": .string("101"), "employeeID": .string("2"),
                    "registerID": .string("1"), "shopID": .string("1"), "taxTotal": .string("2.1"),
                    "SaleLines": .object(["SaleLine": .collection(lines)]),
                ]))
            }
            let next = page < 19 ? "https://api.lightspeedapp.com/API/V3/Account/12345/Sale.json?after=p\(page)" : ""
            let envelope = LightspeedJSON.object([
                "@attributes": .object(["next": .string(next), "previous": .string("")]),
                "Sale": .array(sales),
            ])
            pages.append(envelope.encoded())
        }
        return pages
    }
}
