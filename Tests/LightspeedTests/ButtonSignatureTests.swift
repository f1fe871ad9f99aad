import Foundation
import Testing
import Lightspeed
import LightspeedSimulator

@Suite(.serialized)
struct ButtonSignatureTests {
    let listener = URL(string: "https://counter.example:8443/lightspeed/button")!

    private func verifier(_ harness: Harness, account: String = "12345") async -> ButtonVerifier {
        ButtonVerifier(jwksURL: await harness.simulator.jwksURL, expectedAccountID: account,
                       now: { [clock = harness.clock] in clock.now() })
    }

    /// Rebuilds a URL with one query item changed (nil removes it), keeping the rest byte for byte.
    private func tamper(_ url: URL, _ name: String, _ value: String?) -> URL {
        let text = url.absoluteString
        let parts = text.split(separator: "?", maxSplits: 1)
        let items = parts[1].split(separator: "&").compactMap { pair -> String? in
            guard pair.hasPrefix("\(name)=") else { return String(pair) }
            return value.map { "\(name)=\($0)" }
        }
        return URL(string: "\(parts[0])?\(items.joined(separator: "&"))")!
    }

    @Test func ringUpPressAndVerify() async throws {
        let harness = try await Harness.start()
        defer { Task { await harness.stop() } }
        let saleID = try await harness.simulator.ringUpSale(customerID: "8", lines: [RingUpLine(itemID: "12", quantity: 2),
                                                                                     RingUpLine(itemID: "28")],
                                                            employeeID: "3", registerID: "2")
        let url = try await harness.simulator.buttonURL(listener: listener, saleID: saleID)
        let query = try #require(URLComponents(url: url, resolvingAgainstBaseURL: false)?.queryItems)
        #expect(Set(query.map(\.name)).isSuperset(of: ["type", "accountID", "saleID", "customerID", "employeeID", "registerID",
                                                       "shopID", "returnURL", "exp", "kid", "alg", "signature"]))
        let verifier = await verifier(harness)
        let event = try await verifier.verify(url: url).get()
        #expect(event.kind == .sale)
        #expect(event.saleID == saleID && event.accountID == "12345" && event.customerID == "8")
        #expect(event.employeeID == "3" && event.registerID == "2" && event.shopID == "1")
        #expect(event.returnURL?.path == "/register.php")
        // The sale the button points at is there, with its lines and items.
        let sale = try await harness.client.sale(id: event.saleID)
        #expect(sale.lines.map(\.quantity) == [2, 1])
        #expect(sale.lines.map { $0.item?.description } == ["Dog Food 5lb", "Cat Treats"])
        #expect(sale.subtotalCents == 2 * 999 + 1000)
        #expect(sale.customer?.fullName == "Jane Doe")
    }

    @Test func listenerFormWithRawQueryVerifiesAndReplayIsRefused() async throws {
        let harness = try await Harness.start()
        defer { Task { await harness.stop() } }
        let saleID = try await harness.simulator.ringUpSale(customerID: nil, lines: [RingUpLine(itemID: "30")])
        let url = try await harness.simulator.buttonURL(listener: listener, saleID: saleID)
        let verifier = await verifier(harness)
        let raw = String(url.absoluteString.split(separator: "?", maxSplits: 1)[1])
        let event = try await verifier.verify(buttonURL: listener, rawQuery: raw).get()
        #expect(event.customerID == nil)
        #expect(await verifier.verify(url: url) == .failure(.replayed))
        #expect(ButtonRefusal.replayed.httpStatus == 409)
    }

    @Test func refundTabGivesARefundEvent() async throws {
        let harness = try await Harness.start()
        defer { Task { await harness.stop() } }
        let refundID = try await harness.simulator.refundSale("277", lineIDs: ["269"])
        let url = try await harness.simulator.buttonURL(listener: listener, saleID: refundID, type: "refund")
        let event = try await verifier(harness).verify(url: url).get()
        #expect(event.kind == .refund)
        let refund = try await harness.client.sale(id: refundID)
        #expect(refund.lines.count == 1)
        #expect(refund.lines[0].quantity == -1 && refund.lines[0].parentSaleLineID == "269")
        #expect(refund.subtotalCents == -999)
    }

    @Test func forgedExpiredWrongAccountMissingAndOddRequestsAreRefused() async throws {
        let harness = try await Harness.start()
        defer { Task { await harness.stop() } }
        let saleID = try await harness.simulator.ringUpSale(customerID: "8", lines: [RingUpLine(itemID: "12")])
        let url = try await harness.simulator.buttonURL(listener: listener, saleID: saleID, expiresIn: 120)
        let verifier = await verifier(harness)
        // Forged: another sale ID, a flipped signature, a different listener URL.
        #expect(await verifier.verify(url: tamper(url, "saleID", "277")) == .failure(.badSignature))
        let signature = try #require(URLComponents(url: url, resolvingAgainstBaseURL: false)?.queryItems?.first { $0.name == "signature" }?.value)
        let flipped = (signature.first == "A" ? "B" : "A") + signature.dropFirst()
        #expect(await verifier.verify(url: tamper(url, "signature", flipped)) == .failure(.badSignature))
        let elsewhere = URL(string: url.absoluteString.replacingOccurrences(of: "counter.example:8443", with: "evil.example"))!
        #expect(await verifier.verify(url: elsewhere) == .failure(.badSignature))
        // Missing fields.
        #expect(await verifier.verify(url: tamper(url, "signature", nil)) == .failure(.missingFields(["signature"])))
        #expect(await verifier.verify(url: tamper(url, "saleID", nil)) == .failure(.missingFields(["saleID"])))
        #expect(await verifier.verify(url: tamper(tamper(url, "exp", nil), "kid", nil)) == .failure(.missingFields(["exp", "kid"])))
        // Wrong algorithm or key.
        #expect(await verifier.verify(url: tamper(url, "alg", "HS256")) == .failure(.unsupportedAlgorithm("HS256")))
        #expect(await verifier.verify(url: tamper(url, "kid", "OTHER")) == .failure(.unknownKey("OTHER")))
        // Wrong account: a correctly signed click for another account.
        let other = await self.verifier(harness, account: "999")
        #expect(await other.verify(url: url) == .failure(.wrongAccount("12345")))
        // Expired: still accepted within the 30-second allowance for clock drift, refused after it.
        harness.clock.advance(by: 140)
        #expect(try await verifier.verify(url: url).get().saleID == saleID)
        harness.clock.advance(by: 11)
        #expect(await verifier.verify(url: url) == .failure(.expired))
        #expect(ButtonRefusal.expired.httpStatus == 401)
    }

    @Test func unreachableKeysAreAClearRefusal() async throws {
        let harness = try await Harness.start()
        let saleID = try await harness.simulator.ringUpSale(customerID: "8", lines: [RingUpLine(itemID: "12")])
        let url = try await harness.simulator.buttonURL(listener: listener, saleID: saleID)
        let verifier = await verifier(harness)
        await harness.stop()
        guard case .failure(.keysUnavailable) = await verifier.verify(url: url) else {
            Issue.record("expected keysUnavailable")
            return
        }
    }

    @Test func canonicalTextIsSortedAndStrictlyEncoded() {
        let base = ButtonSignature.normalizedBase(of: URL(string: "HTTPS://Counter.Example:443/light speed/button?x=1")!)
        #expect(base == "https://counter.example/light%20speed/button")
        let text = ButtonSignature.canonicalString(base: base, items: [("type", "sale"), ("signature", "zzz"),
                                                                       ("returnURL", "https://us.lightspeedapp.com/register.php"),
                                                                       ("accountID", "5"), ("note", "a b+c~")])
        #expect(text == "https://counter.example/light%20speed/button?accountID=5&note=a%20b%2Bc~&returnURL=https%3A%2F%2Fus.lightspeedapp.com%2Fregister.php&type=sale")
        let form = ButtonSignature.canonicalString(base: base, items: [("note", "a b+c~")], escaping: .form)
        #expect(form == "https://counter.example/light%20speed/button?note=a+b%2Bc%7E")
    }
}
