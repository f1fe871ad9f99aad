internal import CSV
import Foundation
import Lightspeed
import LoyaltyCore
import LoyaltyStore

/// The manufacturer-claim files: a manufacturer's UPC list (import), a batch's CSV and its printable backup
/// sheets (export, owner-only: they hold customers' names and addresses), and a distributor's credit memo
/// (import). All CSV goes through CSV.swift; a file is read whole and refused whole, naming its bad lines.
public enum ClaimFiles {
    // MARK: - UPC list

    /// `upc,description,size[,group][,suggested_retail][,excluded]` with a header line naming the columns
    /// (any order; `group` defaults to the size, `excluded` is yes/no).
    public static func parseUPCList(_ text: String, programID: Int64) -> Result<[ClaimItemImport], CSVLinesRefused> {
        let table: [[String]]
        do { table = try AdminCSV.rows(text) } catch {
            return .failure(CSVLinesRefused(lines: [CSVLineError(line: 1, reason: "not a CSV file (\(error))")]))
        }
        guard let header = table.first?.map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }),
              let upcAt = header.firstIndex(of: "upc"), let descriptionAt = header.firstIndex(of: "description"),
              let sizeAt = header.firstIndex(of: "size") else {
            return .failure(CSVLinesRefused(lines: [CSVLineError(
                line: 1, reason: "the first line must name the columns: upc,description,size[,group,suggested_retail,excluded]")]))
        }
        let groupAt = header.firstIndex(of: "group")
        let retailAt = header.firstIndex(of: "suggested_retail")
        let excludedAt = header.firstIndex(of: "excluded")
        var lines: [ClaimItemImport] = []
        var errors: [CSVLineError] = []
        var seen: [UPC: Int] = [:]
        for (offset, row) in table.enumerated().dropFirst() {
            let n = offset + 1
            if row.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            func field(_ i: Int?) -> String {
                guard let i, row.indices.contains(i) else { return "" }
                return row[i].trimmingCharacters(in: .whitespaces)
            }
            let upc: UPC
            do { upc = try UPC.parse(field(upcAt)) } catch {
                errors.append(CSVLineError(line: n, reason: "\"\(field(upcAt))\": \(error)"))
                continue
            }
            let description = field(descriptionAt), size = field(sizeAt)
            guard !description.isEmpty else { errors.append(CSVLineError(line: n, reason: "the item needs a description")); continue }
            let group = field(groupAt).isEmpty ? size : field(groupAt)
            guard !group.isEmpty else { errors.append(CSVLineError(line: n, reason: "the item needs a size or group")); continue }
            var retail: Int?
            if !field(retailAt).isEmpty {
                guard let cents = LightspeedMoney.cents(field(retailAt).replacingOccurrences(of: "$", with: "")), cents >= 0 else {
                    errors.append(CSVLineError(line: n, reason: "suggested_retail \"\(field(retailAt))\" is not an amount"))
                    continue
                }
                retail = cents
            }
            let excludedText = field(excludedAt).lowercased()
            guard ["", "yes", "no", "y", "n", "true", "false", "1", "0"].contains(excludedText) else {
                errors.append(CSVLineError(line: n, reason: "excluded is yes or no (got \"\(field(excludedAt))\")"))
                continue
            }
            if let first = seen[upc] {
                errors.append(CSVLineError(line: n, reason: "\(upc.display) is also on line \(first)"))
                continue
            }
            seen[upc] = n
            lines.append(ClaimItemImport(
                item: ProgramItem(programID: programID, upc: upc, description: description, size: size),
                rule: ClaimItemRule(upc: upc, group: group, suggestedRetailCents: retail,
                                    excluded: ["yes", "y", "true", "1"].contains(excludedText)),
                line: n))
        }
        if lines.isEmpty && errors.isEmpty { errors.append(CSVLineError(line: 1, reason: "the file has no items")) }
        return errors.isEmpty ? .success(lines) : .failure(CSVLinesRefused(lines: errors))
    }

    // MARK: - Batch export

    public static let batchColumns = [
        "batch", "claim", "redeemed_on", "store", "store_address", "distributor", "account_number", "program",
        "manufacturer", "customer_name", "customer_phone", "customer_email", "customer_postal_address", "line",
        "purchase_date", "upc", "description", "size", "price", "price_source", "sale_reference", "rung_up_by",
        "free_upc", "free_description", "free_size", "free_price", "claim_amount", "check", "exception_by",
        "correction_note",
    ]

    /// One row per qualifying purchase of each claim (the claim's columns repeated), so a distributor's
    /// spreadsheet filters and sums it as is.
    public static func batchTable(_ batch: ClaimBatch, _ claims: [ClaimRecord]) -> ReportTable {
        var rows: [[String]] = []
        for claim in claims.sorted(by: { $0.id < $1.id }) {
            let p = claim.proof
            let purchases = p.check.qualifying.isEmpty ? p.purchases.filter { !$0.removed } : p.check.qualifying
            for (n, purchase) in purchases.enumerated() {
                rows.append([
                    batch.label, String(claim.id), claim.redeemedOn.iso, p.storeName, p.storeAddress, p.distributor,
                    p.distributorAccount, p.program, p.manufacturer, p.customer.name, p.customer.phone, p.customer.email,
                    p.customer.postalAddress, String(n + 1), purchase.purchaseDate.iso, purchase.upc?.display ?? "",
                    purchase.description, purchase.size, purchase.priceCents.map(amount) ?? "", purchase.priceSource.rawValue,
                    [purchase.saleID, purchase.receipt].compactMap { $0 }.joined(separator: " / "), purchase.rungUpBy,
                    p.freeItemUPC.display, p.freeItemDescription, p.freeItemSize, p.freeItemPriceCents.map(amount) ?? "",
                    claim.claimCents.map(amount) ?? "", checkWords(p.check), p.exceptionBy ?? "", claim.correctionNote ?? "",
                ])
            }
        }
        return ReportTable(title: "Claim batch \(batch.label)", columns: batchColumns, rows: rows)
    }

    /// The printable backup sheet of one claim: everything on one page of plain text.
    public static func backupSheet(_ claim: ClaimRecord, batch: String) -> String {
        let p = claim.proof
        var lines = [
            "MANUFACTURER REIMBURSEMENT CLAIM — backup sheet",
            "",
            "Batch: \(batch)    Claim: \(claim.id)    Redeemed: \(claim.redeemedOn.iso) by \(p.redeemedBy)",
            "Store: \(p.storeName), \(p.storeAddress)    Location: \(p.locationID)",
            "Distributor: \(p.distributor)    Account number: \(p.distributorAccount)",
            "Program: \(p.program) (\(p.manufacturer))" + (p.ruleVersion.map { ", rules version \($0)" } ?? ""),
            "",
            "Customer: \(p.customer.name)",
            "Phone: \(p.customer.phone)    Email: \(p.customer.email)",
            "Postal address: \(p.customer.postalAddress)",
            "",
            "Qualifying purchases:",
        ]
        for (n, purchase) in p.purchases.enumerated() {
            let price = purchase.priceCents.map { Money.display(cents: $0) + (purchase.priceSource == .list ? " (list)" : "") } ?? "?"
            let sale = [purchase.saleID.map { "sale \($0)" }, purchase.receipt.map { "ticket \($0)" }].compactMap { $0 }
            lines.append(String(format: "%3d. ", n + 1) + "\(purchase.purchaseDate.iso)  \(purchase.upc?.display ?? "no UPC")  "
                         + "\(purchase.description)  \(purchase.size)  \(price)  "
                         + (sale.isEmpty ? "counter" : sale.joined(separator: ", ")) + "  rung up by \(purchase.rungUpBy)"
                         + (purchase.removed ? "  [REMOVED: \(purchase.removalReason ?? "") — not counted]" : ""))
        }
        lines += [
            "",
            "Free item: \(p.freeItemUPC.display)  \(p.freeItemDescription)  \(p.freeItemSize)  "
                + (p.freeItemPriceCents.map { Money.display(cents: $0) } ?? "?"),
            "Amount claimed: " + (claim.claimCents.map { Money.display(cents: $0) } ?? "?"),
            "Check: " + checkWords(p.check) + (p.exceptionBy.map { " — approved as an exception by \($0)" } ?? ""),
        ]
        if let note = claim.correctionNote { lines.append("Corrected: \(note)") }
        return lines.joined(separator: "\n") + "\n"
    }

    static func checkWords(_ check: ClaimCheckResult) -> String {
        check.passed ? "all rules met" : check.failures.map(\.description).joined(separator: " ")
    }

    static func amount(_ cents: Int) -> String {
        "\(cents / 100).\(String(format: "%02d", cents % 100))"
    }

    /// Writes the batch's CSV and one backup sheet per claim into `folder` (made owner-only if new), every
    /// file 0600 and never over an existing one. Returns the paths written.
    public static func exportBatch(_ batch: ClaimBatch, _ claims: [ClaimRecord], to folder: String) throws -> [String] {
        let manager = FileManager.default
        var isFolder: ObjCBool = false
        if !manager.fileExists(atPath: folder, isDirectory: &isFolder) {
            do {
                try manager.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                            attributes: [.posixPermissions: 0o700])
            } catch { throw AdminFileError.cannotWrite(folder, "\(error.localizedDescription)") }
        } else if !isFolder.boolValue {
            throw AdminFileError.cannotWrite(folder, "it is a file, not a folder")
        }
        var paths: [String] = []
        let csvPath = (folder as NSString).appendingPathComponent("\(batch.label).csv")
        try writeOwnerOnly(try AdminCSV.text(batchTable(batch, claims)), to: csvPath)
        paths.append(csvPath)
        for claim in claims.sorted(by: { $0.id < $1.id }) {
            let path = (folder as NSString).appendingPathComponent("\(batch.label)-claim-\(claim.id).txt")
            try writeOwnerOnly(backupSheet(claim, batch: batch.label), to: path)
            paths.append(path)
        }
        return paths
    }

    /// A new file, owner-only (0600); an existing file is never overwritten.
    public static func writeOwnerOnly(_ text: String, to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else {
            let code = errno
            if code == EEXIST { throw AdminFileError.exists(path) }
            throw AdminFileError.cannotWrite(path, String(cString: strerror(code)))
        }
        // The umask cannot widen 0600, but a file system might: make sure.
        fchmod(fd, 0o600)
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        do { try handle.write(contentsOf: Data(text.utf8)) } catch { throw AdminFileError.cannotWrite(path, "\(error)") }
    }

    // MARK: - Credit memo

    /// `batch,claim,status,amount,reason` (a header line naming them, any order): status `credited` with an
    /// amount, or `denied` with a reason.
    public static func parseCreditMemo(_ text: String) -> Result<[CreditMemoLine], CSVLinesRefused> {
        let table: [[String]]
        do { table = try AdminCSV.rows(text) } catch {
            return .failure(CSVLinesRefused(lines: [CSVLineError(line: 1, reason: "not a CSV file (\(error))")]))
        }
        guard let header = table.first?.map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }),
              let batchAt = header.firstIndex(of: "batch"), let claimAt = header.firstIndex(of: "claim"),
              let statusAt = header.firstIndex(of: "status") else {
            return .failure(CSVLinesRefused(lines: [CSVLineError(line: 1, reason: "the first line must name the columns: batch,claim,status,amount,reason")]))
        }
        let amountAt = header.firstIndex(of: "amount"), reasonAt = header.firstIndex(of: "reason")
        var lines: [CreditMemoLine] = []
        var errors: [CSVLineError] = []
        for (offset, row) in table.enumerated().dropFirst() {
            let n = offset + 1
            if row.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            func field(_ i: Int?) -> String {
                guard let i, row.indices.contains(i) else { return "" }
                return row[i].trimmingCharacters(in: .whitespaces)
            }
            guard let claim = Int64(field(claimAt)) else {
                errors.append(CSVLineError(line: n, reason: "claim \"\(field(claimAt))\" is not a claim number")); continue
            }
            guard !field(batchAt).isEmpty else { errors.append(CSVLineError(line: n, reason: "the batch is missing")); continue }
            switch field(statusAt).lowercased() {
            case "credited", "credit", "paid":
                guard let cents = LightspeedMoney.cents(field(amountAt).replacingOccurrences(of: "$", with: "")), cents >= 0 else {
                    errors.append(CSVLineError(line: n, reason: "a credit needs its amount (got \"\(field(amountAt))\")")); continue
                }
                lines.append(CreditMemoLine(line: n, batchLabel: field(batchAt), claimID: claim, outcome: .credited(cents: cents)))
            case "denied", "deny", "rejected":
                guard !field(reasonAt).isEmpty else {
                    errors.append(CSVLineError(line: n, reason: "a denial needs its reason")); continue
                }
                lines.append(CreditMemoLine(line: n, batchLabel: field(batchAt), claimID: claim,
                                            outcome: .denied(reason: field(reasonAt))))
            default:
                errors.append(CSVLineError(line: n, reason: "status is credited or denied (got \"\(field(statusAt))\")"))
            }
        }
        if lines.isEmpty && errors.isEmpty { errors.append(CSVLineError(line: 1, reason: "the memo has no lines")) }
        return errors.isEmpty ? .success(lines) : .failure(CSVLinesRefused(lines: errors))
    }
}
