import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Lightspeed

/// `POST /simulator/...`: the register and the test controls over HTTP, so a simulator running in its own
/// process (`astro-loyalty lightspeed-sim`) can ring up a sale and press the button from a script or a
/// tmux test. Loopback only, like the rest of the simulator; not part of Lightspeed's API.
extension SimulatorHandler {
    func control(path: String, body: Data) async -> SimulatorResponse {
        let input = (try? LightspeedJSON.parse(body)) ?? .object([:])
        func ok(_ fields: [String: LightspeedJSON]) -> SimulatorResponse { .json(200, .object(fields)) }
        func fail(_ message: String) -> SimulatorResponse { .json(400, .object(["error": .string(message)])) }
        do {
            switch path {
            case "/simulator/ring-up":
                var lines: [RingUpLine] = []
                for line in input["lines"]?.elements ?? [] {
                    if line["fee"] != nil {
                        guard let cents = LightspeedMoney.cents(line.string("fee")), !lines.isEmpty else {
                            return fail("A fee line is {\"fee\": \"0.10\"} after the item line it belongs to.")
                        }
                        lines.append(.fee(cents: cents, quantity: Int(line.string("quantity")) ?? lines.last!.quantity))
                        continue
                    }
                    let reference = line.link("itemID") ?? line.string("code")
                    guard let itemID = await state.itemID(forCode: reference) else { return fail("No item \(reference).") }
                    let held = line["held"]?.text.flatMap(RingUpLine.Held.init(rawValue:))
                    if let text = line["held"]?.text, held == nil {
                        return fail("held is layaway, specialOrder or workorder, not \(text).")
                    }
                    lines.append(RingUpLine(itemID: itemID, quantity: Int(line.string("quantity")) ?? 1,
                                            unitPriceCents: LightspeedMoney.cents(line.string("unitPrice")),
                                            discountCents: LightspeedMoney.cents(line.string("discount")) ?? 0, held: held))
                }
                guard !lines.isEmpty else { return fail("A sale needs lines: [{\"code\": \"UPC\", \"quantity\": 1}].") }
                var time: Date?
                if let at = input["at"]?.text {
                    guard let parsed = LightspeedDate.parse(at) else { return fail("at is a time like 2026-12-03T23:30:00-05:00.") }
                    time = parsed
                }
                let saleID = try await state.ringUp(customerID: input.link("customerID"), lines: lines,
                                                    employeeID: input.link("employeeID") ?? "1",
                                                    registerID: input.link("registerID") ?? "1", shopID: input.link("shopID") ?? "1",
                                                    at: time, completed: input["completed"].map { $0.text == "true" } ?? false)
                return ok(["saleID": .string(saleID)])
            case "/simulator/refund":
                let lineIDs = input["lineIDs"].map { $0.elements.compactMap(\.text) }
                // Some units only: {"quantities": {"9045": "1"}} returns one unit of line 9045.
                var quantities: [String: Int] = [:]
                // {"units": "1"}: one unit of each refunded line.
                if let units = input["units"]?.text.flatMap({ Int($0) }), units > 0 {
                    let sale = await state.render(sale: input.string("saleID"), relations: ["SaleLines"])
                    for line in sale.many("SaleLines", "SaleLine") { quantities[line.string("saleLineID")] = units }
                }
                for (lineID, units) in input["quantities"]?.fields ?? [:] {
                    guard let n = units.text.flatMap({ Int($0) }), n > 0 else { return fail("quantities are whole units, e.g. {\"9045\": \"1\"}.") }
                    quantities[lineID] = n
                }
                return ok(["saleID": .string(try await state.refund(saleID: input.string("saleID"), lineIDs: lineIDs,
                                                                    quantities: quantities, at: nil))])
            case "/simulator/void":
                try await state.void(saleID: input.string("saleID"))
                return ok([:])
            case "/simulator/complete":
                var time: Date?
                if let at = input["at"]?.text {
                    guard let parsed = LightspeedDate.parse(at) else { return fail("at is a time like 2026-12-03T23:30:00-05:00.") }
                    time = parsed
                }
                try await state.complete(saleID: input.string("saleID"), at: time)
                return ok([:])
            case "/simulator/button-url", "/simulator/press-button":
                guard let listener = URL(string: input.string("listener")), listener.scheme != nil else {
                    return fail("Give the listener URL, e.g. {\"listener\": \"http://127.0.0.1:8765/lightspeed/button\", \"saleID\": \"5004\"}.")
                }
                let type = input.string("type").isEmpty ? "sale" : input.string("type")
                let url = try await state.buttonURL(listener: listener, saleID: input.string("saleID"), type: type, expiresIn: 300)
                guard path.hasSuffix("press-button") else { return ok(["url": .string(url.absoluteString)]) }
                let answer = try await URLSessionTransport().send(URLRequest(url: url, timeoutInterval: 10))
                return ok(["url": .string(url.absoluteString), "status": .string(String(answer.status)),
                           "body": .string(String(decoding: answer.body.prefix(2000), as: UTF8.self))])
            case "/simulator/faults":
                var faults: [SimulatorFault] = []
                for name in input["faults"]?.elements.compactMap(\.text) ?? [] {
                    guard let fault = SimulatorFault(name: name) else { return fail("Unknown fault \(name).") }
                    faults.append(fault)
                }
                await state.inject(faults)
                return ok(["queued": .string(String(faults.count))])
            case "/simulator/edit":
                var edits: [SimulatorEdit] = []
                for item in input["edits"]?.elements ?? [] {
                    guard let edit = SimulatorEdit(json: item) else { return fail("Unknown edit \(String(decoding: item.encoded(), as: UTF8.self)).") }
                    edits.append(edit)
                }
                guard !edits.isEmpty else { return fail("Give edits: [{\"recomplete\": \"5004\"}, …].") }
                await state.schedule(afterSalePages: Int(input.string("afterSalePages")) ?? 0, edits)
                return ok(["scheduled": .string(String(edits.count))])
            case "/simulator/expire-tokens":
                await state.expireAccessTokens()
                return ok([:])
            case "/simulator/revoke-refresh-tokens":
                await state.revokeRefreshTokens()
                return ok([:])
            case "/simulator/revoke-access-tokens":
                await state.revokeAccessTokens()
                return ok([:])
            case "/simulator/code-verifiers":
                // Test tooling: the PKCE verifiers received, to look for them where they must not be.
                return ok(["verifiers": .array(await state.codeVerifiersReceived().map(LightspeedJSON.string))])
            default:
                return .json(404, .object(["error": .string("Unknown simulator control \(path).")]))
            }
        } catch {
            return fail(String(describing: error))
        }
    }
}

extension SimulatorFault {
    /// Names for the control endpoint and the command line: `none`, `500`, `502`, `503`, `slow:SECONDS`,
    /// `truncated`, `html`, `mislabelled`, `429:RETRY_AFTER`, `revoked` (401), `revoked403`.
    public init?(name: String) {
        let parts = name.lowercased().split(separator: ":", maxSplits: 1).map(String.init)
        switch parts[0] {
        case "none", "ok": self = .none
        case "500", "502", "503": self = .status(Int(parts[0])!)
        case "slow": self = .slow(seconds: parts.count > 1 ? Double(parts[1]) ?? 2 : 2)
        case "truncated": self = .truncatedJSON
        case "html": self = .htmlPage
        case "mislabelled": self = .mislabelledJSON
        case "429": self = .rateLimited(retryAfter: parts.count > 1 ? Int(parts[1]) ?? 3 : 3)
        case "revoked": self = .revokedAccessToken
        case "revoked403": self = .revokedAccessToken403
        default: return nil
        }
    }
}

extension SimulatorState {
    /// An item by ID, UPC, EAN (also a UPC's 13-digit form and back, and an 11-digit UPC that lost its leading
    /// zero) or custom SKU.
    func itemID(forCode code: String) -> String? {
        let code = code.trimmingCharacters(in: .whitespaces)
        guard !code.isEmpty else { return nil }
        if items[code] != nil { return code }
        var variants = [code]
        if code.count == 11 { variants += ["0" + code, "00" + code] }
        if code.count == 12 { variants.append("0" + code) }
        if code.count == 12, code.hasPrefix("0") { variants.append(String(code.dropFirst())) }
        if code.count == 13, code.hasPrefix("0") { variants.append(String(code.dropFirst())) }
        if code.count == 13, code.hasPrefix("00") { variants.append(String(code.dropFirst(2))) }
        return items.values.first { item in
            variants.contains { [item.string("upc"), item.string("ean"), item.string("customSku")].contains($0) }
        }?.link("itemID")
    }
}
