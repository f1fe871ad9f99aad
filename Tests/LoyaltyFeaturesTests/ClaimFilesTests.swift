import Foundation
import LoyaltyCore
import LoyaltyFeatures
import LoyaltyStore
import Testing

/// The claim files: a UPC list and a credit memo read whole or refused whole, a batch written as CSV and
/// backup sheets, owner-only, round-tripping names with commas, quotes and accents.
@Suite struct ClaimFilesTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("claim-files-\(UUID().uuidString)").path

    @Test func aUPCListIsReadWithGroupsPricesAndExclusionsOrRefusedWhole() throws {
        let text = """
            upc,description,size,group,suggested_retail,excluded
            007123000016,"MeNow Chicken & Rice, 12 lb",12 lb,,32.99,
            007123000047,MeNow Puppy 5 lb,5 lb,Trial,$14.99,yes
            """
        let lines = try ClaimFiles.parseUPCList(text, programID: 7).get()
        #expect(lines.map(\.item.description) == ["MeNow Chicken & Rice, 12 lb", "MeNow Puppy 5 lb"])
        #expect(lines.map(\.rule.group) == ["12 lb", "Trial"])
        #expect(lines.map(\.rule.suggestedRetailCents) == [3299, 1499])
        #expect(lines.map(\.rule.excluded) == [false, true])
        let bad = "upc,description,size\n007123000016,A,12 lb\n007123000017,B,12 lb\n007123000016,C,12 lb\n"
        guard case .failure(let refused) = ClaimFiles.parseUPCList(bad, programID: 7) else {
            Issue.record("a bad check digit and a UPC twice were accepted")
            return
        }
        #expect(refused.lines.map(\.line) == [3, 4])
        guard case .failure(let noHeader) = ClaimFiles.parseUPCList("007123000016,A,12 lb\n", programID: 7) else {
            Issue.record("a file without its header was accepted")
            return
        }
        #expect(noHeader.lines.first?.line == 1)
    }

    @Test func aCreditMemoIsReadOrRefusedWithItsLineNumbers() throws {
        let memo = "batch,claim,status,amount,reason\nACME-1,4,credited,31.99,\nACME-1,5,denied,,\"multiple brands, see card\"\n"
        let lines = try ClaimFiles.parseCreditMemo(memo).get()
        #expect(lines == [CreditMemoLine(line: 2, batchLabel: "ACME-1", claimID: 4, outcome: .credited(cents: 3199)),
                          CreditMemoLine(line: 3, batchLabel: "ACME-1", claimID: 5,
                                         outcome: .denied(reason: "multiple brands, see card"))])
        guard case .failure(let refused) = ClaimFiles.parseCreditMemo(
            "batch,claim,status,amount,reason\nACME-1,x,credited,1,\nACME-1,6,denied,,\nACME-1,7,paid,abc,\n") else {
            Issue.record("bad lines were accepted")
            return
        }
        #expect(refused.lines.map(\.line) == [2, 3, 4])
    }

    func claim(name: String, address: String) -> ClaimRecord {
        let upc = try! UPC.parse("007123000016")
        let purchase = ClaimPurchase(punchID: 1, upc: upc, description: "MeNow \"Chicken\" & Rice, 12 lb", size: "12 lb",
                                     purchaseDate: LocalDate(iso: "2026-11-02")!, priceCents: 3149, priceSource: .sale,
                                     saleID: "S1", receipt: "T-9", rungUpBy: "Zoë")
        let check = ClaimCheckResult(failures: [], qualifying: [purchase], group: "12 lb", freeItemPriceCents: 3299,
                                     capCents: 3299, claimCents: 3299)
        let proof = ClaimProof(storeName: "Pâtes & Paws, Inc.", storeAddress: "1 Rue \"Haute\", Montréal",
                               locationID: "main", distributor: "Acme, \"the\" Distributor", distributorAccount: "A-1",
                               program: "MeNow", manufacturer: "MeNow", ruleVersion: 1,
                               customer: ClaimCustomer(name: name, phone: "5550102030", email: "zoe@example.com",
                                                       postalAddress: address),
                               purchases: [purchase], freeItemUPC: upc, freeItemDescription: "MeNow 12 lb",
                               freeItemSize: "12 lb", freeItemPriceCents: 3299, redeemedOn: LocalDate(iso: "2026-12-01")!,
                               redeemedBy: "cashier", check: check)
        return ClaimRecord(id: 42, cardID: 3, customerID: 9, programID: 1, distributor: proof.distributor, funding: .claim,
                           state: .uncredited, redeemedOn: proof.redeemedOn, dueOn: nil, claimCents: 3299, creditedCents: nil,
                           denialReason: nil, correctionNote: nil, batchLabel: "ACME-20261204-1", proof: proof,
                           deadlineFlag: nil)
    }

    @Test func aBatchRoundTripsCommasQuotesAndAccentsInOwnerOnlyFiles() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let record = claim(name: "Zoë \"Zo\" O'Brien, Jr.", address: "12 Rue de l'Église, Québec, QC")
        let batch = ClaimBatch(id: 1, label: "ACME-20261204-1", distributor: record.distributor, createdAt: Date(),
                               createdBy: "manager", submittedAt: nil, claimCount: 1, totalCents: 3299)
        let paths = try ClaimFiles.exportBatch(batch, [record], to: folder)
        #expect(paths.map { ($0 as NSString).lastPathComponent } == ["ACME-20261204-1.csv", "ACME-20261204-1-claim-42.txt"])
        for path in paths {
            let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
            #expect(mode == 0o600, "\(path) is \(String(mode ?? 0, radix: 8))")
        }
        let rows = try AdminCSV.rows(try AdminCSV.read(paths[0]))
        #expect(rows.first == ClaimFiles.batchColumns)
        let row = try #require(rows.dropFirst().first)
        let column = { (name: String) in row[ClaimFiles.batchColumns.firstIndex(of: name)!] }
        #expect(column("customer_name") == "Zoë \"Zo\" O'Brien, Jr.")
        #expect(column("customer_postal_address") == "12 Rue de l'Église, Québec, QC")
        #expect(column("store") == "Pâtes & Paws, Inc." && column("distributor") == "Acme, \"the\" Distributor")
        #expect(column("description") == "MeNow \"Chicken\" & Rice, 12 lb")
        #expect(column("price") == "31.49" && column("sale_reference") == "S1 / T-9" && column("rung_up_by") == "Zoë")
        #expect(column("claim_amount") == "32.99" && column("account_number") == "A-1")
        let sheet = try AdminCSV.read(paths[1])
        #expect(sheet.contains("Customer: Zoë \"Zo\" O'Brien, Jr."))
        #expect(sheet.contains("Distributor: Acme, \"the\" Distributor    Account number: A-1"))
        #expect(sheet.contains("Amount claimed: $32.99"))
        // Never over an existing file.
        #expect(throws: AdminFileError.exists(paths[0])) { try ClaimFiles.exportBatch(batch, [record], to: folder) }
    }
}
